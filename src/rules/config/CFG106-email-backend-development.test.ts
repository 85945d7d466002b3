import { ruleTester } from "../tester.js";
import rule from "./CFG106-email-backend-development.js";

const t = ruleTester(rule);
t.fires(
  "the console backend",
  { files: { "app/settings.py": 'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n' } },
  { line: 1, messageId: "development", message: "console" },
);
t.fires(
  "locmem, file-based and dummy too",
  { files: { "app/settings.py": 'EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"\n' } },
  { message: "locmem" },
);
t.fires(
  "a console default in any environment",
  {
    files: {
      "app/settings.py":
        'import environ\nenv = environ.Env()\nEMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")\n',
    },
  },
  { line: 3, message: /^Insecure default/, env: ["EMAIL_BACKEND"] },
);
t.quiet("SMTP", { files: { "app/settings.py": 'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n' } });
t.quiet("Django's default is SMTP", { files: { "app/settings.py": "DEBUG = False\n" } });
t.quiet("a provider's backend", { files: { "app/settings.py": 'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"\n' } });
t.quiet("a required variable", { files: { "app/settings.py": 'import os\nEMAIL_BACKEND = os.environ["EMAIL_BACKEND"]\n' } });
t.quiet("6.1 with MAILERS: CFG802's business", {
  files: {
    "app/settings.py":
      'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\nMAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}\n',
  },
  djangoVersion: "6.1",
});
