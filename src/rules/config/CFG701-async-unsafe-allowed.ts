import { defineRule } from "../define.js";

const VARIABLE = "DJANGO_ALLOW_ASYNC_UNSAFE";

export default defineRule({
  code: "CFG701",
  slug: "async-unsafe-allowed",
  area: "config",
  severity: "error",
  djangoCheck: "async.E001",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "The DJANGO_ALLOW_ASYNC_UNSAFE environment variable is set, in the environment audited or by the Dockerfile.",
    why: "It turns off the guard that stops synchronous ORM calls from running in an event loop: connections get shared between coroutines and data can be corrupted under load.",
    fix: "Unset DJANGO_ALLOW_ASYNC_UNSAFE in production (it is meant for notebooks and tests), and wrap ORM calls from async code in sync_to_async.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12-slim\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n" },
    references: ["https://docs.djangoproject.com/en/stable/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE"],
  },
  messages: {
    set: "{variable} is set {where} ({value}), which turns off Django's async safety checks",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // async_checks.py check_async_unsafe: `if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")`, any
    // non-empty value. An exact environment is the server's: only then is it Django's async.E001.
    if (project.settings.environment.kind === "exact") {
      const value = project.settings.environment.variables.get(VARIABLE);
      if (!value) return;
      const file = project.settings.module?.file ?? null;
      report("set", { file }, { variable: VARIABLE, value: JSON.stringify(value), where: "in the environment" }, { env: [VARIABLE] });
      return;
    }
    // For any environment, an image that bakes the variable in sets it on every container.
    for (const dockerfile of artifacts.dockerfiles()) {
      for (const stage of dockerfile.stages) {
        for (const instruction of stage.instructions) {
          if (instruction.keyword !== "ENV") continue;
          for (const variable of instruction.variables ?? []) {
            if (variable.name !== VARIABLE || !variable.value) continue;
            report(
              "set",
              { file: dockerfile.path, line: variable.line },
              { variable: VARIABLE, value: JSON.stringify(variable.value), where: "by the image" },
              { env: [VARIABLE], djangoCheck: null },
            );
          }
        }
      }
    }
  },
});
