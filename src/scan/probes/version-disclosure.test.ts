import { probeTester, response } from "../tester.js";
import probe from "./version-disclosure.js";

const SITE = "https://app.example.com/";
const t = probeTester(probe);
t.fires(
  "nginx with server_tokens on",
  { page: response(SITE, { headers: { Server: "nginx/1.22.1" } }) },
  {
    outcome: "discloses",
    includes: "Server discloses a version: nginx/1.22.1",
  },
);
t.fires(
  "X-Powered-By on the 404 page",
  { page: response(SITE), missing: response(`${SITE}x/`, { status: 404, headers: { "X-Powered-By": "PHP/8.2.7" } }) },
  {
    outcome: "discloses",
    includes: "X-Powered-By",
  },
);
t.quiet("server_tokens off", { page: response(SITE, { headers: { Server: "nginx" } }) });
t.quiet("a product without a version", { page: response(SITE, { headers: { Server: "cloudflare" } }) });
