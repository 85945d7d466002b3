import { Deployment } from "../../model/deployment.js";
import { defineRule } from "../define.js";
import { runsBeat } from "./queues.js";

export default defineRule({
  code: "TSK103",
  slug: "celery-beat-scaled",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A process that runs Celery beat (`celery beat`, or a worker with -B) is declared with more than one replica or process.",
    why: "Every beat instance sends every periodic task: with three replicas the nightly billing run, the reminder emails and the cleanup all happen three times.",
    fix: "Run exactly one beat: a separate process with replicas: 1 (and strategy Recreate in Kubernetes), without -B on scaled workers; or a database-locked scheduler such as django-celery-beat with a single instance.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  worker:\n    image: me/app\n    command: celery -A mysite worker -B\n    deploy:\n      replicas: 3\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  worker:\n    image: me/app\n    command: celery -A mysite worker\n    deploy:\n      replicas: 3\n  beat:\n    image: me/app\n    command: celery -A mysite beat\n",
    },
    references: ["https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html#starting-the-scheduler"],
  },
  messages: {
    scaled: "{name} runs Celery beat with {count} {unit}: every periodic task runs {count} times",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const process of deployment.production) {
      if (!runsBeat(process)) continue;
      const count = Deployment.count(process);
      if (count === null || count <= 1) continue;
      const at = process.replicas ?? { file: process.file, line: process.line };
      report(
        "scaled",
        at,
        { name: process.name, count, unit: process.replicas?.source === "numprocs" ? "processes" : "replicas" },
        { related: process.main ? [{ file: process.main.file, line: process.main.line, message: "the beat command" }] : [] },
      );
    }
  },
});
