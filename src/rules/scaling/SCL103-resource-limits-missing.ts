import { defineRule } from "../define.js";

export default defineRule({
  code: "SCL103",
  slug: "resource-limits-missing",
  area: "scaling",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A long-running process in compose or Kubernetes (web, worker, scheduler) declares no memory or CPU limit.",
    why: "One leaking worker or runaway request can take all the host's memory and get the database or every other service killed by the OOM killer; in Kubernetes, pods without limits are the first evicted and cannot be scheduled sensibly.",
    fix: "Set limits: deploy.resources.limits (memory, cpus) in compose, resources.requests and resources.limits in Kubernetes; size gunicorn workers and Celery concurrency to fit.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: '1.0'\n",
    },
    references: [
      "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
      "https://docs.docker.com/reference/compose-file/deploy/#resources",
    ],
  },
  messages: {
    missing: "{name} ({role}) has no memory or CPU limit",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const process of deployment.withRole("web", "worker", "beat")) {
      if (!process.limitsApply || (process.limits && (process.limits.memory || process.limits.cpu))) continue;
      report("missing", { file: process.file, line: process.line }, { name: process.name, role: process.role });
    }
  },
});
