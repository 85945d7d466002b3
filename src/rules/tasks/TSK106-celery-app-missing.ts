import { posix } from "node:path";
import { defineRule } from "../define.js";

export default defineRule({
  code: "TSK106",
  slug: "celery-app-missing",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
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
  check({ artifacts, model, deployment, report }) {
    const files = new Set(model.workspace.allFiles);
    for (const { step, processes } of deployment.steps()) {
      if (step.program.kind !== "celery" || !step.program.app || step.program.app.includes("$")) continue;
      const process = processes[0];
      if (!process) continue;
      const app = step.program.app;
      const module = app.split(":")[0] as string;
      const roots = new Set([model.project.root, deployment.repoFolderOf(process), "."]);
      const candidates = [module, module.includes(".") ? module.slice(0, module.lastIndexOf(".")) : module];
      const exists = [...roots].some((root) =>
        candidates.some((m) => {
          const path = posix.normalize(posix.join(root, m.split(".").join("/")));
          return (
            files.has(`${path}.py`) ||
            files.has(`${path}/__init__.py`) ||
            [...files].some((f) => f.startsWith(`${path}/`) && f.endsWith(".py"))
          );
        }),
      );
      if (exists) continue;
      const defined = artifacts.texts("python").find(({ text }) => /\bCelery\(/.test(text));
      const line = defined ? defined.text.split(/\r?\n/).findIndex((l) => /\bCelery\(/.test(l)) + 1 : 0;
      report(
        "missing",
        step,
        { name: processes.map((p) => p.name).join(", "), app, module },
        { related: defined ? [{ file: defined.path, line, message: "a Celery app is defined here" }] : [] },
      );
    }
  },
});
