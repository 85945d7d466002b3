import { deployPathMentions, known } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "TSK102",
  slug: "task-broker-missing",
  area: "tasks",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts", "files", "python"],
  doc: {
    what: "A task queue is a dependency but no broker is configured: Celery without CELERY_BROKER_URL (in settings, the environment or the app), django-rq without RQ_QUEUES, Huey without HUEY, Django-Q without Q_CLUSTER.",
    why: "Celery then connects to amqp://guest@localhost:5672, which does not exist in production: every .delay() blocks, retries and fails; the other queues refuse to start.",
    fix: "Configure the broker from the environment: CELERY_BROKER_URL = env('CELERY_BROKER_URL') (redis:// or amqp://), and run that broker as a service.",
    bad: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2\ncelery[redis]==5.5.0\n" },
    good: {
      "mysite/settings.py": 'import os\nDEBUG = False\nCELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]\n',
      "requirements.txt": "Django==5.2\ncelery[redis]==5.5.0\n",
    },
    references: ["https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html"],
  },
  messages: {
    celery: "Celery is a dependency but no broker is configured: it will try amqp://guest@localhost:5672",
    celeryUnlessEnv:
      "Celery is a dependency but no broker is configured: unless CELERY_BROKER_URL is set, it will try amqp://guest@localhost:5672",
    other: "{queue} is a dependency but {setting} is not set",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const settings = project.settings.actual;
    if (!settings) return;
    const dependencies = artifacts.dependencies();
    const celery = dependencies.find("celery");
    if (celery) {
      const names = ["CELERY_BROKER_URL", "BROKER_URL", "CELERY_BROKER"];
      const configured = names.some((name) => {
        const setting = settings.get(name);
        const value = known(setting?.value);
        return setting && !(value?.kind === "str" && value.value === "") && value?.kind !== "none";
      });
      // Celery reads CELERY_BROKER_URL from the environment itself, and apps often pass broker= directly.
      const inProcess = deployment.production.some((p) => p.environment.has("CELERY_BROKER_URL"));
      // An entrypoint script (`export CELERY_BROKER_URL="${REDIS_URL}"`), a Helm chart or a committed
      // production env file sets it for the processes too.
      const inDeployPath =
        deployPathMentions(artifacts, /\bCELERY_BROKER_URL\b["']?\s*[=:]\s*\S|name:\s*["']?CELERY_BROKER_URL\b/).length > 0 ||
        artifacts
          .dotenvFiles()
          .some(
            (f) => !/example|sample|template|dist$/i.test(f.path) && f.entries.some((e) => e.key === "CELERY_BROKER_URL" && e.value !== ""),
          );
      const exact = project.settings.environment.kind === "exact";
      const inEnvironment =
        exact && project.settings.environment.kind === "exact" && project.settings.environment.variables.has("CELERY_BROKER_URL");
      const inCode = artifacts
        .texts("python")
        .some(({ text }) => /Celery\([^)]*broker\s*=|broker_url\s*=|conf\.broker|config_from_object\(\s*["'](?!django\.conf)/.test(text));
      if (!configured && !inCode && !inProcess && !inEnvironment && !inDeployPath)
        // Without an exact environment the variable may well be set: worth a warning, not an error.
        report(
          exact ? "celery" : "celeryUnlessEnv",
          celery,
          {},
          { env: ["CELERY_BROKER_URL"], ...(exact ? {} : { severity: "warning" as const }) },
        );
    }
    for (const [packages, setting, queue] of [
      [["django-rq"], "RQ_QUEUES", "django-rq"],
      [["huey"], "HUEY", "Huey"],
      [["django-q", "django-q2"], "Q_CLUSTER", "Django-Q"],
    ] as const) {
      const dependency = dependencies.find(...packages);
      if (dependency && !settings.get(setting) && !settings.names().some((n) => n.startsWith(setting)))
        report("other", dependency, { queue, setting });
    }
  },
});
