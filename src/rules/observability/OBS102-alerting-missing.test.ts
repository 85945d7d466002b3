import { ruleTester } from "../tester.js";
import rule from "./OBS102-alerting-missing.js";

const t = ruleTester(rule);

t.fires(
  "ADMINS left empty",
  { files: { "mysite/settings.py": "DEBUG = False\n" } },
  { file: "mysite/settings.py", line: 1, messageId: "noAdmins" },
);
t.fires(
  "ADMINS with the console e-mail backend",
  {
    files: {
      "mysite/settings.py": 'ADMINS = [("Ops", "ops@example.com")]\nEMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n',
    },
  },
  { line: 2, messageId: "undelivered", message: /to the console/ },
);
t.fires(
  "ADMINS with Django's default localhost mail server",
  { files: { "mysite/settings.py": 'ADMINS = [("Ops", "ops@example.com")]\n' } },
  { line: 1, messageId: "localhost", severity: "info" },
);
t.quiet("ADMINS with an SMTP host", {
  files: { "mysite/settings.py": 'import os\nADMINS = [("Ops", "ops@example.com")]\nEMAIL_HOST = os.environ["EMAIL_HOST"]\n' },
});
t.quiet("an error tracker alerts instead", {
  files: { "mysite/settings.py": 'import os\nimport sentry_sdk\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"])\n' },
});
