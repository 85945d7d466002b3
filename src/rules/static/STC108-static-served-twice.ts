import { listHas } from "../../model/production.js";
import { staticServers, WHITENOISE } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC108",
  slug: "static-served-twice",
  area: "static",
  severity: "info",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "Both WhiteNoise and a proxy location serve STATIC_URL.",
    why: "Only the proxy's copy is ever used for requests that reach it, so WhiteNoise's caching headers and compression do nothing there, and the two copies can drift (the proxy image built from another collectstatic). Harmless when intended as a fallback for direct requests to the app server.",
    fix: "Choose one: keep WhiteNoise and drop the proxy location, or keep the proxy location (with long expires on hashed files) and remove WhiteNoise.",
    bad: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware"]\nSTATIC_URL = "/static/"\nSTATIC_ROOT = "/srv/static"\n',
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location /static/ {\n        alias /srv/static/;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware"]\nSTATIC_URL = "/static/"\nSTATIC_ROOT = "/srv/static"\n',
    },
    references: ["https://whitenoise.readthedocs.io/en/stable/#infrequently-asked-questions"],
  },
  messages: {
    twice: "WhiteNoise and the proxy ({file}:{line}) both serve {url}",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    if (listHas(settings, "MIDDLEWARE", WHITENOISE) !== true) return;
    const servers = staticServers(settings, deployment, series);
    const first = servers.proxy[0];
    if (!first) return;
    const middleware = settings?.get("MIDDLEWARE");
    report(
      "twice",
      first.directive,
      { file: first.directive.file, line: first.directive.line, url: first.location.path },
      { related: middleware?.file ? [{ file: middleware.file, line: middleware.line ?? 1, message: "WhiteNoiseMiddleware" }] : [] },
    );
  },
});
