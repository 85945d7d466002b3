import { APP_SERVERS } from "../../artifacts/command/parse.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SRV107",
  slug: "reverse-proxy-missing",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "The app server is the deployment's front door: no nginx configuration proxies to it, no proxy service (nginx, Caddy, Traefik, HAProxy) runs beside it, and no Kubernetes Ingress or platform router sits in front.",
    why: "gunicorn's sync workers must sit behind a buffering proxy, or slow clients tie them up (gunicorn's docs say so); the proxy also terminates TLS, serves static files, limits request sizes and absorbs connection floods.",
    fix: "Put a reverse proxy in front of the app server: nginx (or Caddy/Traefik) in compose or on the host, an Ingress in Kubernetes, or the platform's router.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi --bind 0.0.0.0:80 --workers 3\n    ports: ['80:80']\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi --bind 0.0.0.0:8000 --workers 3\n  proxy:\n    image: caddy:2.8\n    ports: ['80:80', '443:443']\n",
    },
    references: ["https://docs.gunicorn.org/en/stable/deploy.html"],
  },
  messages: {
    missing: "{name} serves with {server} and nothing in the repository puts a reverse proxy in front of it",
  },
  check({ project, report }) {
    const { deployment } = project;
    // An image alone says nothing about where it runs (a platform's load balancer may front it).
    if (deployment.proxies.length > 0 || deployment.production.every((p) => p.platform === "dockerfile")) return;
    for (const process of deployment.withRole("web")) {
      const step = process.main;
      if (!step || !(APP_SERVERS as readonly string[]).includes(step.program.kind)) continue;
      if (process.platform === "dockerfile") continue;
      report("missing", step, { name: process.name, server: step.program.kind });
    }
  },
});
