import { parseNginxTime } from "../../artifacts/nginx/parse.js";
import { describe, gunicornProcesses, gunicornSetting } from "../../model/app-server.js";
import { defineRule } from "../define.js";
import { oncePerPlace, processNames } from "../grouping.js";

/** nginx's and ingress-nginx's default proxy_read_timeout, in seconds. */
const NGINX_DEFAULT_READ_TIMEOUT = 60;

export default defineRule({
  code: "SRV108",
  slug: "gunicorn-timeout-exceeds-proxy",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "gunicorn's worker timeout is longer than the proxy's read timeout (nginx proxy_read_timeout, or the ingress-nginx annotation; 60 seconds by default).",
    why: "The proxy answers 504 Gateway Timeout and drops the connection while the worker goes on with the request: users retry, and the slow work runs twice, holding two workers.",
    fix: "Keep gunicorn's timeout at or below the proxy's read timeout, or raise proxy_read_timeout for the locations that need it.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3 --timeout 120\nRestart=always\n",
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3 --timeout 120\nRestart=always\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_read_timeout 130s;\n    }\n}\n",
    },
    references: ["https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout"],
  },
  messages: {
    longer:
      "{name}'s gunicorn timeout is {timeout}s ({source}) but the proxy gives up after {proxy}s: requests time out at the proxy while the worker goes on",
  },
  check({ project, report }) {
    const { deployment } = project;
    const limits: { seconds: number; file: string; line: number }[] = [];
    for (const { locations } of deployment.proxyServers) {
      for (const location of locations) {
        const value = location.settings.proxyReadTimeout;
        const seconds = value ? parseNginxTime(value.value) : NGINX_DEFAULT_READ_TIMEOUT;
        if (seconds !== undefined) limits.push({ seconds, file: value?.file ?? location.file, line: value?.line ?? location.line });
      }
    }
    for (const ingress of deployment.ingresses) {
      const annotation = ingress.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"];
      if (annotation) {
        const seconds = Number(annotation.value);
        if (!Number.isNaN(seconds)) limits.push({ seconds, file: annotation.file, line: annotation.line });
      } else if (ingress.className === "nginx")
        limits.push({ seconds: NGINX_DEFAULT_READ_TIMEOUT, file: ingress.file, line: ingress.line });
    }
    if (limits.length === 0) return;
    const lowest = limits.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const hits: { name: string; seconds: number; timeout: ReturnType<typeof gunicornSetting> }[] = [];
    for (const { process, step } of gunicornProcesses(deployment)) {
      const timeout = gunicornSetting(deployment, process, step, "timeout", project);
      const seconds = timeout.value === undefined ? Number.NaN : Number(timeout.value);
      // A disabled timeout (0) is SRV105's finding.
      if (Number.isNaN(seconds) || seconds === 0 || seconds <= lowest.seconds) continue;
      hits.push({ name: process.name, seconds, timeout });
    }
    for (const group of oncePerPlace(
      hits,
      (h) => h.timeout,
      (h) => String(h.seconds),
    )) {
      const { seconds, timeout } = group[0] as (typeof hits)[number];
      report(
        "longer",
        timeout,
        { name: processNames(group.map((h) => h.name)).name, timeout: seconds, source: describe(timeout), proxy: lowest.seconds },
        { related: [{ file: lowest.file, line: lowest.line, message: `the proxy's read timeout (${lowest.seconds}s)` }], env: timeout.env },
      );
    }
  },
});
