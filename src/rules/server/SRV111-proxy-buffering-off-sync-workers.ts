import { gunicornProcesses, gunicornSetting } from "../../model/app-server.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SRV111",
  slug: "proxy-buffering-off-sync-workers",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "nginx proxies to gunicorn sync workers with `proxy_buffering off`.",
    why: "Sync workers handle one request at a time and rely on the proxy to buffer slow clients; unbuffered, a client on a slow link holds a worker for the whole download, and a handful of them take the site down.",
    fix: "Leave proxy_buffering on for locations served by sync workers; turn it off only for streaming endpoints served by async workers.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    location / {\n        proxy_buffering off;\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n",
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: ["https://docs.gunicorn.org/en/stable/deploy.html#nginx-configuration"],
  },
  messages: {
    off: "proxy_buffering is off in front of {name}, which runs gunicorn {workerClass} workers: slow clients hold workers",
  },
  check({ project, report }) {
    const { deployment } = project;
    const gunicorn = gunicornProcesses(deployment);
    if (gunicorn.length === 0) return;
    const sync = gunicorn.filter(({ process, step }) => {
      const workerClass = gunicornSetting(deployment, process, step, "worker_class", project).value;
      const threads = gunicornSetting(deployment, process, step, "threads", project).value;
      return workerClass !== undefined && /^(sync|gthread)$/.test(workerClass) && (workerClass === "sync" || threads !== undefined);
    });
    const target = sync[0];
    if (!target || sync.length !== gunicorn.length) return;
    for (const { locations } of deployment.proxyServers) {
      for (const location of locations) {
        const buffering = location.settings.proxyBuffering;
        if (buffering?.value !== "off") continue;
        const workerClass = gunicornSetting(deployment, target.process, target.step, "worker_class", project).value ?? "sync";
        report(
          "off",
          buffering,
          { name: target.process.name, workerClass },
          { related: [{ file: target.step.file, line: target.step.line, message: "the gunicorn command" }] },
        );
      }
    }
  },
});
