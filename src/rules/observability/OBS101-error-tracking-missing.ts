import { defineRule } from "../define.js";
import { findErrorTracking, TRACKER_PACKAGES } from "./helpers.js";

export default defineRule({
  code: "OBS101",
  slug: "error-tracking-missing",
  area: "observability",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts", "python"],
  doc: {
    what: "Nothing reports exceptions to an error tracker: no sentry_sdk.init() (or Rollbar, Bugsnag, Honeybadger, New Relic, Datadog, Elastic APM) in the settings, wsgi.py, asgi.py or the deployment's commands.",
    why: "Without a tracker an exception in production is known only to whoever happens to read the logs: users hit the same 500 for days, background tasks fail silently, and there is no grouping, no stack with local variables and no release that introduced it.",
    fix: "Add sentry-sdk (or your tracker) to the requirements and initialise it in the production settings from the environment: sentry_sdk.init(dsn=env('SENTRY_DSN'), send_default_pii=False).",
    bad: { "mysite/settings.py": "DEBUG = False\n" },
    good: {
      "mysite/settings.py":
        'import os\nimport sentry_sdk\n\nDEBUG = False\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"], send_default_pii=False)\n',
      "requirements.txt": "Django==5.2.15\nsentry-sdk==2.35.0\n",
    },
    references: [
      "https://docs.sentry.io/platforms/python/integrations/django/",
      "https://docs.djangoproject.com/en/stable/howto/error-reporting/",
    ],
  },
  messages: {
    none: "No error tracker is configured: exceptions in production are seen only by whoever reads the logs",
    notInitialised: "{package} is a dependency but nothing initialises it in the settings, wsgi.py, asgi.py or the deployment commands",
    skipped: "{call} in {file}:{line} does not run in the environment audited: no error is reported",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    // Settings djship stopped reading may well configure a tracker: it cannot say none is.
    if (!project.settings.evaluation || project.settings.evaluation.loadError || project.settings.evaluation.limit) return;
    const { found, skipped } = findErrorTracking(project, settings, artifacts);
    if (found) return;
    if (skipped) {
      report(
        "skipped",
        { file: skipped.file, line: skipped.line },
        { ...skipped },
        { severity: project.settings.environment.kind === "exact" ? "warning" : "info" },
      );
      return;
    }
    const dependency = artifacts.dependencies().find(...TRACKER_PACKAGES);
    if (dependency) {
      report("notInitialised", { file: dependency.file, line: dependency.line }, { package: dependency.name });
      return;
    }
    report("none", { file: settings?.moduleFile ?? null, line: 1 });
  },
});
