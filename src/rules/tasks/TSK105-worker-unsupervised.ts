import { defineRule } from "../define.js";

export default defineRule({
  code: "TSK105",
  slug: "worker-unsupervised",
  area: "tasks",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A task worker or scheduler is not restarted when it exits: a compose service without `restart`, a systemd unit without `Restart=`, a supervisor program with autorestart=false.",
    why: "Workers die: out of memory, a lost broker connection, a deploy. Unsupervised, the queue silently stops being consumed until someone notices missing emails days later.",
    fix: "Supervise it: `restart: unless-stopped` in compose, `Restart=always` in systemd, autorestart=true in supervisor (Kubernetes and Procfile platforms restart by themselves).",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  worker:\n    image: me/app\n    command: celery -A mysite worker\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  worker:\n    image: me/app\n    command: celery -A mysite worker\n    restart: unless-stopped\n",
    },
    references: [
      "https://docs.docker.com/reference/compose-file/services/#restart",
      "https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#Restart=",
    ],
  },
  messages: {
    none: "{name} ({role}) has no restart policy: when it exits, nothing restarts it",
    off: "{name} ({role}) is not restarted when it exits ({policy})",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const process of deployment.withRole("worker", "beat")) {
      if (process.platform === "dockerfile") continue;
      const supervision = process.supervision;
      if (!supervision) report("none", { file: process.file, line: process.line }, { name: process.name, role: process.role });
      else if (!supervision.restarts)
        report("off", supervision, { name: process.name, role: process.role, policy: `${supervision.policy}` });
    }
  },
});
