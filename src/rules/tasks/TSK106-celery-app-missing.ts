import { celeryAppReferences } from "../../model/task-apps.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "TSK106",
  slug: "celery-app-missing",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts", "files", "python"],
  doc: {
    what: "A Celery command's -A/--app names a module that does not exist in the project (`celery -A proj worker` where there is no proj package or proj.py).",
    why: "The worker exits at start with `Unable to load celery application` and, supervised, restarts in a loop: no task ever runs.",
    fix: "Pass the package that holds the Celery app (usually the project package with celery.py: `celery -A mysite worker`), relative to the folder the command runs in.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "mysite/celery.py": 'from celery import Celery\napp = Celery("mysite")\n',
      Procfile: "worker: celery -A proj worker\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "mysite/celery.py": 'from celery import Celery\napp = Celery("mysite")\n',
      Procfile: "worker: celery -A mysite worker\n",
    },
    references: ["https://docs.celeryq.dev/en/stable/reference/cli.html#cmdoption-celery-A"],
  },
  messages: {
    missing: "{name} runs Celery with -A {app}, but there is no module {module} in the project",
  },
  check({ project, report }) {
    for (const { step, processes, app, module, exists, definedAt } of celeryAppReferences(project)) {
      if (exists) continue;
      report(
        "missing",
        step,
        { name: processes.map((p) => p.name).join(", "), app, module },
        { related: definedAt ? [{ ...definedAt, message: "a Celery app is defined here" }] : [] },
      );
    }
  },
});
