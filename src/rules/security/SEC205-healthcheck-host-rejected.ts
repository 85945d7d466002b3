import { hostAllowed } from "../../model/production.js";
import { allowedHosts } from "../../model/proxy.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC205",
  slug: "healthcheck-host-rejected",
  area: "security",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "An HTTP health probe of a web container sends a Host that ALLOWED_HOSTS rejects: a Host header not in the list, or none at all (then the kubelet sends the pod's IP address).",
    why: "Django answers the probe with 400 Bad Request: the readiness probe never passes, so the pods never receive traffic, or the liveness probe restarts them in a loop.",
    fix: "Send an allowed Host from the probe (httpGet.httpHeaders: [{name: Host, value: app.example.com}]), or answer health checks in a middleware placed before CommonMiddleware.",
    bad: {
      "mysite/settings.py": 'ALLOWED_HOSTS = ["app.example.com"]\n',
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: 8000\n",
    },
    good: {
      "mysite/settings.py": 'ALLOWED_HOSTS = ["app.example.com"]\n',
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: 8000\n              httpHeaders:\n                - name: Host\n                  value: app.example.com\n",
    },
    references: ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#http-probes"],
  },
  messages: {
    header: "the probe of {name} sends Host {host}, which ALLOWED_HOSTS ({allowed}) rejects with 400",
    podIp: "the probe of {name} sends no Host header, so the kubelet sends the pod IP, which ALLOWED_HOSTS ({allowed}) rejects with 400",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const allowed = allowedHosts(settings);
    const setting = settings?.get("ALLOWED_HOSTS");
    if (!allowed || !setting || allowed.includes("*")) return;
    const related = setting.file ? [{ file: setting.file, line: setting.line ?? 1, message: "ALLOWED_HOSTS" }] : [];
    for (const process of deployment.withRole("web")) {
      for (const check of process.healthchecks) {
        if (check.kind !== "http") continue;
        if (check.host) {
          if (check.host.value.includes("$") || hostAllowed(allowed, check.host.value)) continue;
          report(
            "header",
            check.host,
            { name: process.name, host: check.host.value, allowed: allowed.join(", ") },
            { related, env: setting.env },
          );
        } else if (process.platform === "kubernetes") {
          report("podIp", check, { name: process.name, allowed: allowed.join(", ") }, { related, env: setting.env });
        }
      }
    }
  },
});
