import { deployPathMentions } from "../../model/production.js";
import { defineRule } from "../define.js";
import { TASK_QUEUES } from "./queues.js";

export default defineRule({
  code: "TSK101",
  slug: "task-worker-missing",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "A task queue (Celery, RQ, Huey, Django-Q, Dramatiq) is a production dependency but no deployment file runs a worker for it.",
    why: "Tasks are queued and never run: emails are not sent, reports never arrive, and the queue grows in the broker until it runs out of memory.",
    fix: "Run a worker beside the web process: a `worker:` Procfile line, a compose service or a Kubernetes Deployment with `celery -A proj worker` (or the queue's own worker command).",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "requirements.txt": "Django==5.2\ncelery==5.5.0\ngunicorn\n",
      Procfile: "web: gunicorn mysite.wsgi\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "requirements.txt": "Django==5.2\ncelery==5.5.0\ngunicorn\n",
      Procfile: "web: gunicorn mysite.wsgi\nworker: celery -A mysite worker --loglevel=info\n",
    },
    references: ["https://docs.celeryq.dev/en/stable/userguide/workers.html"],
  },
  messages: {
    missing: "{queue} is a dependency but no deployment file runs its worker (`{worker}`)",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    // An image alone does not say which processes run it: the platform may start the worker.
    if (!deployment.isDeclared || deployment.production.every((p) => p.platform === "dockerfile")) return;
    const dependencies = artifacts.dependencies();
    const workers = deployment.withRole("worker");
    for (const queue of TASK_QUEUES) {
      const dependency = dependencies.find(...queue.packages);
      if (!dependency) continue;
      if (workers.length > 0) continue;
      // Helm templates, Ansible tasks and deploy scripts start workers outside the process model.
      if (deployPathMentions(artifacts, queue.mention).length > 0) continue;
      report("missing", dependency, { queue: queue.name, worker: queue.worker });
      return;
    }
  },
});
