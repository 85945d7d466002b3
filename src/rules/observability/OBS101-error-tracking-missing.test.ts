import { ruleTester } from "../tester.js";
import rule from "./OBS101-error-tracking-missing.js";

const t = ruleTester(rule);
const SENTRY =
  'import os\nimport sentry_sdk\n\nDEBUG = False\nSENTRY_DSN = os.environ.get("SENTRY_DSN", "")\nif SENTRY_DSN:\n    sentry_sdk.init(dsn=SENTRY_DSN)\n';

t.fires(
  "nothing at all",
  { files: { "mysite/settings.py": "DEBUG = False\n" } },
  { file: "mysite/settings.py", line: 1, messageId: "none" },
);
t.fires(
  "sentry-sdk installed but never initialised",
  { files: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2.15\nsentry-sdk==2.35.0\n" } },
  { file: "requirements.txt", line: 2, messageId: "notInitialised", message: /sentry-sdk/ },
);
t.fires(
  "init guarded by a variable the audited environment does not set",
  { files: { "mysite/settings.py": SENTRY }, environment: {} },
  { file: "mysite/settings.py", line: 7, messageId: "skipped", severity: "warning" },
);
t.quiet("sentry_sdk.init in the settings", {
  files: { "mysite/settings.py": 'import os\nimport sentry_sdk\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"])\n' },
});
t.quiet("guarded init in any environment", { files: { "mysite/settings.py": SENTRY } });
t.quiet("guarded init with the variable set", {
  files: { "mysite/settings.py": SENTRY },
  environment: { SENTRY_DSN: "https://k@o1.ingest.sentry.io/1" },
});
t.quiet("init in wsgi.py", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "mysite/wsgi.py":
      'import os\nimport sentry_sdk\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\nsentry_sdk.init()\napplication = get_wsgi_application()\n',
  },
});
t.quiet("Rollbar middleware", {
  files: {
    "mysite/settings.py": 'MIDDLEWARE = ["rollbar.contrib.django.middleware.RollbarNotifierMiddleware"]\nROLLBAR = {"access_token": "x"}\n',
  },
});
t.quiet("New Relic's agent wraps the server", {
  files: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: newrelic-admin run-program gunicorn mysite.wsgi\n" },
});
