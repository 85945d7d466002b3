import { defineRule } from "../define.js";
import { runsBeat, stacks } from "./queues.js";

export default defineRule({
  code: "TSK104",
  slug: "celery-beat-duplicated",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "One deployment schedules Celery beat in more than one process: a `celery beat` process and a worker started with -B, or two beat services.",
    why: "Each scheduler sends every periodic task, so each runs once per scheduler: duplicate emails, charges and reports.",
    fix: "Keep one scheduler: remove -B from the worker when a separate beat process exists (or the other way round).",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Procfile: "worker: celery -A mysite worker -B\nbeat: celery -A mysite beat\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Procfile: "worker: celery -A mysite worker\nbeat: celery -A mysite beat\n",
    },
    references: ["https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html"],
  },
  messages: {
    twice: "{names} all schedule Celery beat in the same deployment: periodic tasks run once per scheduler",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const stack of stacks(deployment.production)) {
      const beats = stack.filter(runsBeat);
      const first = beats[0];
      if (!first || beats.length < 2) continue;
      report(
        "twice",
        first.main ?? first,
        { names: beats.map((b) => b.name).join(", ") },
        {
          related: beats
            .slice(1)
            .map((b) => ({ file: b.main?.file ?? b.file, line: b.main?.line ?? b.line, message: `${b.name} schedules beat too` })),
        },
      );
    }
  },
});
