import { probeTester, response, skipped } from "../tester.js";
import probe from "./static-served-by-django.js";

const CSS = "http://127.0.0.1:8000/static/css/site.css";
const t = probeTester(probe);
t.fires(
  "runserver's static handler",
  {
    asset: response(CSS, {
      headers: {
        Server: "WSGIServer/0.2 CPython/3.11.2",
        "Content-Type": "text/css",
        "Content-Disposition": 'inline; filename="site.css"',
        "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT",
      },
    }),
  },
  { outcome: "django", includes: "runserver" },
);
t.fires(
  "django.views.static.serve behind gunicorn and nginx: FileResponse names the file",
  {
    asset: response("https://app.example.com/static/css/site.css", {
      headers: {
        Server: "nginx",
        "Content-Type": "text/css",
        "Content-Disposition": 'inline; filename="site.css"',
        "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT",
      },
    }),
  },
  { outcome: "django", includes: "django.views.static.serve" },
);
t.fires(
  "django.views.static.serve through Django's default middleware",
  {
    asset: response("https://app.example.com/static/app.js", {
      headers: {
        Server: "gunicorn",
        "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
      },
    }),
  },
  { outcome: "django" },
);
t.quiet(
  "another Python WSGI app on wsgiref: no Django signature",
  {
    asset: response(CSS, {
      headers: { Server: "WSGIServer/0.2 CPython/3.11.2", "Content-Type": "text/css", "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT" },
    }),
  },
  { outcome: "proxy" },
);
t.quiet(
  "a bare file server that sends Last-Modified only",
  {
    asset: response("https://app.example.com/static/css/site.css", {
      headers: { Server: "SimpleHTTP/0.6 Python/3.11.2", "Content-Type": "text/css", "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT" },
    }),
  },
  { outcome: "proxy" },
);
t.quiet(
  "nginx serving STATIC_ROOT",
  {
    asset: response("https://app.example.com/static/css/site.4f3b2a1c9d8e.css", {
      headers: {
        Server: "nginx",
        ETag: '"65a1-66"',
        "Accept-Ranges": "bytes",
        "Last-Modified": "Mon, 01 Jan 2026 00:00:00 GMT",
        "Cache-Control": "max-age=2592000",
      },
    }),
  },
  { outcome: "proxy" },
);
t.quiet(
  "WhiteNoise",
  {
    asset: response("https://app.example.com/static/app.4f3b2a1c9d8e.js", {
      headers: { Server: "gunicorn", "Cache-Control": "max-age=315360000, public, immutable", "Access-Control-Allow-Origin": "*" },
    }),
  },
  { outcome: "whitenoise" },
);
t.quiet("no stylesheet or script on the page", { asset: skipped("nothing on the page to request") }, { outcome: "noAsset" });
