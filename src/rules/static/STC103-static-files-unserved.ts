import { listHas } from "../../model/production.js";
import { staticServers } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC103",
  slug: "static-files-unserved",
  area: "static",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "Nothing serves static files in production: no WhiteNoise middleware, no proxy location for STATIC_URL, STATIC_URL on the site's own host and the staticfiles storage local.",
    why: "With DEBUG off Django does not serve static files (and must not): every stylesheet, script and admin asset answers 404.",
    fix: "Add WhiteNoise (whitenoise.middleware.WhiteNoiseMiddleware right after SecurityMiddleware), or serve STATIC_ROOT from the proxy (`location /static/ { alias /app/staticfiles/; }`), or put the files on a CDN or bucket.",
    bad: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSTATIC_URL = "/static/"\nSTATIC_ROOT = "/app/staticfiles"\n',
    },
    good: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware"]\nSTATIC_URL = "/static/"\nSTATIC_ROOT = "/app/staticfiles"\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/howto/static-files/deployment/", "https://whitenoise.readthedocs.io/"],
  },
  messages: {
    unserved: "nothing serves {url} in production: no WhiteNoise, no proxy location, no CDN or remote storage",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    if (listHas(settings, "INSTALLED_APPS", "django.contrib.staticfiles") !== true) return;
    const servers = staticServers(settings, deployment, series);
    if (servers.whitenoise !== false || servers.external || servers.remote || servers.proxy.length > 0) return;
    const url = settings?.get("STATIC_URL");
    if (!url?.isKnown) return;
    // A proxy whose configuration is not in the repository may serve them; the storage can also be unknown.
    if (deployment.servicesOf("nginx", "caddy", "traefik").length > 0 && deployment.nginx.length === 0) return;
    report("unserved", { file: url.file, line: url.line }, { url: String(url.json ?? "STATIC_URL") });
  },
});
