import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DJANGO_SERIES, djangoPath, isolatedArgs, PYTHON, provisionPython } from "../../../test/helpers/python.js";
import { probeTester, response, siteFor, skipped } from "../tester.js";
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

/**
 * The signature as real Django sends it: django.views.static.serve behind `static()` URL patterns,
 * through Django's test client, with the default middleware and with none, on every provisioned series.
 */
describe("Django's own static view, on every provisioned series", () => {
  const script = `
import json, os, sys, tempfile
import django
from django.conf import settings
root = tempfile.mkdtemp()
os.makedirs(os.path.join(root, "css"))
with open(os.path.join(root, "css", "site.css"), "w") as f:
    f.write("body {}")
middleware = json.loads(sys.argv[1])
settings.configure(DEBUG=True, ROOT_URLCONF="urls", ALLOWED_HOSTS=["*"], MIDDLEWARE=middleware, STATIC_URL="/static/",
                   INSTALLED_APPS=[], SECRET_KEY="x" * 50)
import types
urls = types.ModuleType("urls")
from django.conf.urls.static import static
urls.urlpatterns = static("/static/", document_root=root)
sys.modules["urls"] = urls
django.setup()
from django.test import Client
response = Client().get("/static/css/site.css")
print(json.dumps({"status": response.status_code, "headers": dict(response.items())}))
`;
  const middlewares = {
    "the default middleware": ["django.middleware.security.SecurityMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"],
    "no middleware": [],
  };
  for (const series of DJANGO_SERIES)
    for (const [name, middleware] of Object.entries(middlewares))
      test(`Django ${series}, ${name}`, () => {
        provisionPython();
        const folder = mkdtempSync(join(tmpdir(), "djship-static-view-"));
        const file = join(folder, "serve.py");
        writeFileSync(file, script);
        const stdout = execFileSync(PYTHON, isolatedArgs(djangoPath(series), [file, JSON.stringify(middleware)]), {
          env: { PATH: "/usr/bin:/bin" },
          timeout: 60_000,
        });
        rmSync(folder, { recursive: true, force: true });
        const { status, headers } = JSON.parse(stdout.toString("utf8")) as { status: number; headers: Record<string, string> };
        assert.equal(status, 200);
        const asset = response("https://app.example.com/static/css/site.css", { headers: { Server: "nginx", ...headers } });
        const results = [probe.evaluate({ asset }, siteFor(asset.url))].flat();
        assert.equal(results[0]?.outcome, "django", JSON.stringify(headers));
      });
});
