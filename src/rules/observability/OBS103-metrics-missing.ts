import { defineRule } from "../define.js";
import { containsString } from "../world.js";

/** Packages that export or push application metrics. */
const METRICS_PACKAGES = [
  "django-prometheus",
  "prometheus-client",
  "django-prometheus-metrics",
  "opentelemetry-instrumentation-django",
  "opentelemetry-distro",
  "django-opentelemetry",
  "statsd",
  "django-statsd",
  "django-statsd-mozilla",
  "datadog",
  "ddtrace",
  "newrelic",
  "elastic-apm",
  "scout-apm",
  "django-silk",
];

export default defineRule({
  code: "OBS103",
  slug: "metrics-missing",
  area: "observability",
  severity: "info",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "The project exports no application metrics: no django-prometheus, OpenTelemetry, StatsD, Datadog, New Relic or similar, and no Sentry performance tracing.",
    why: "Logs and error reports say what failed; metrics say what is slowly getting worse: request latency and rate per view, database time, queue length, worker saturation. Without them capacity problems show up as an outage.",
    fix: "Add django-prometheus (django_prometheus in INSTALLED_APPS, its two middlewares and its URLs) or OpenTelemetry's Django instrumentation, and scrape or push the metrics to your monitoring.",
    bad: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2.15\n" },
    good: {
      "mysite/settings.py": 'DEBUG = False\nINSTALLED_APPS = ["django_prometheus"]\n',
      "requirements.txt": "Django==5.2.15\ndjango-prometheus==2.4.1\n",
    },
    references: ["https://github.com/korfuri/django-prometheus", "https://opentelemetry.io/docs/zero-code/python/"],
  },
  messages: {
    none: "No application metrics: nothing exports request rates, latencies or database time",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    if (!settings || !project.settings.evaluation) return;
    if (artifacts.dependencies().has(...METRICS_PACKAGES)) return;
    const apps = settings.get("INSTALLED_APPS");
    if (apps && ["django_prometheus", "silk"].some((app) => containsString(apps.value, app) === true)) return;
    // Sentry with a non-zero traces_sample_rate measures request performance too.
    const tracing = project.settings.evaluation.externalCalls.some((call) => {
      if (call.name !== "sentry_sdk.init") return false;
      const rate = call.kwargs.get("traces_sample_rate") ?? call.kwargs.get("traces_sampler");
      return rate !== undefined && !((rate.kind === "float" || rate.kind === "int") && rate.value === 0);
    });
    if (tracing) return;
    const wrapped = artifacts
      .texts("dockerfile", "procfile", "compose", "yaml", "systemd", "supervisor", "shell")
      .some(({ text }) => /\b(opentelemetry-instrument|ddtrace-run|newrelic-admin)\b/.test(text));
    if (wrapped) return;
    report("none", { file: settings.moduleFile, line: 1 });
  },
});
