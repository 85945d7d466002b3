import { ruleTester } from "../tester.js";
import rule from "./OBS103-metrics-missing.js";

const t = ruleTester(rule);

t.fires(
  "no metrics",
  { files: { "mysite/settings.py": "DEBUG = False\n" } },
  { file: "mysite/settings.py", line: 1, messageId: "none", severity: "info" },
);
t.fires(
  "Sentry without tracing",
  {
    files: {
      "mysite/settings.py": 'import os\nimport sentry_sdk\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.0)\n',
    },
  },
  { messageId: "none" },
);
t.quiet("django-prometheus", { files: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "django-prometheus==2.4.1\n" } });
t.quiet("OpenTelemetry's wrapper", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    Dockerfile: 'FROM python:3.12.12-slim\nCMD ["opentelemetry-instrument", "gunicorn", "mysite.wsgi"]\n',
  },
});
t.quiet("Sentry with tracing", {
  files: { "mysite/settings.py": 'import os\nimport sentry_sdk\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.1)\n' },
});
