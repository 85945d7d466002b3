import { DEVELOPMENT_EMAIL_BACKENDS } from "../../django/mail.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG106",
  slug: "email-backend-development",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  doc: {
    what: "EMAIL_BACKEND is a development-only backend (console, locmem, file-based or dummy), or falls back to one when its variable is unset.",
    why: "E-mail then never leaves the server: password resets, sign-up confirmations and the error reports sent to ADMINS go to a log, a file or nowhere, and nobody notices until a user complains. Django checks only MAILERS (6.1+, mail.E001), never EMAIL_BACKEND.",
    fix: "Use the SMTP backend or your provider's (django-anymail) in production, and read the choice from the environment with no development default.",
    bad: {
      "mysite/settings.py":
        'import os\nEMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")\n',
    },
    good: { "mysite/settings.py": 'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n' },
    references: ["https://docs.djangoproject.com/en/stable/topics/email/#email-backends"],
  },
  messages: {
    development: "EMAIL_BACKEND is {backend}, a development-only backend: e-mail is never sent",
  },
  test(world) {
    // From 6.1, MAILERS replaces EMAIL_BACKEND where it is set; CFG802 (mail.E001) checks it.
    if (atLeast(world.series, "6.1") && world.isOverridden("MAILERS")) return false;
    const backend = world.value("EMAIL_BACKEND");
    if (backend.kind !== "str") return backend.kind === "unknown" || backend.kind === "alternatives" ? undefined : false;
    if (!DEVELOPMENT_EMAIL_BACKENDS.has(backend.value)) return false;
    return { at: "EMAIL_BACKEND", messageId: "development", data: { backend: backend.value.split(".").slice(-2, -1)[0] ?? backend.value } };
  },
});
