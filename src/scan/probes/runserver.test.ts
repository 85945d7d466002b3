import { probeTester, response } from "../tester.js";
import probe from "./runserver.js";

const SITE = "http://127.0.0.1:8000/";
const t = probeTester(probe);
t.fires(
  "Django's development server",
  { page: response(SITE, { headers: { Server: "WSGIServer/0.2 CPython/3.11.2" } }) },
  { outcome: "runserver", evidence: "WSGIServer/0.2 CPython/3.11.2" },
);
t.fires(
  "runserver only shows on the 404 page",
  { page: response(SITE), missing: response(`${SITE}x/`, { status: 404, headers: { Server: "WSGIServer/0.2 CPython/3.12.1" } }) },
  { outcome: "runserver" },
);
t.quiet("gunicorn behind nginx", { page: response(SITE, { headers: { Server: "nginx" } }) });
t.quiet("a server merely named WSGIServer", { page: response(SITE, { headers: { Server: "WSGIServer" } }) });
