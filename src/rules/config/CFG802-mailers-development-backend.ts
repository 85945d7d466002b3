import { DEVELOPMENT_EMAIL_BACKENDS } from "../../django/mail.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG802",
  slug: "mailers-development-backend",
  area: "config",
  severity: "error",
  djangoCheck: "mail.E001",
  djangoSeries: { since: "6.1" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "The 'default' mailer of MAILERS uses a development-only backend: console, dummy, file or locmem (Django 6.1+).",
    why: "E-mail then never leaves the server: password resets, notifications and error reports silently go nowhere.",
    fix: "Use a real backend for the default mailer, such as 'django.core.mail.backends.smtp.EmailBackend' or your provider's.",
    bad: { "mysite/settings.py": 'MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}\n' },
    good: { "mysite/settings.py": 'MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}\n' },
    djangoVersion: "6.1",
    references: ["https://docs.djangoproject.com/en/dev/topics/email/#email-backends"],
  },
  messages: {
    development: "The default mailer uses {backend}, a development-only backend: e-mail is never sent",
  },
  test(world) {
    // mail.py check_mailers_production_backend (deploy): settings.MAILERS["default"]["BACKEND"],
    // skipped on AttributeError/KeyError. EMAIL_BACKEND is not checked.
    if (!atLeast(world.series, "6.1") || !world.has("MAILERS")) return false;
    const mailers = world.value("MAILERS");
    if (mailers.kind !== "dict") return undefined;
    const entry = mailers.entries.get("s:default")?.value;
    if (!entry) return false;
    if (entry.kind !== "dict") return undefined;
    const backend = entry.entries.get("s:BACKEND")?.value;
    if (!backend) return false;
    if (backend.kind !== "str") return undefined;
    return DEVELOPMENT_EMAIL_BACKENDS.has(backend.value)
      ? { at: "MAILERS", messageId: "development", data: { backend: backend.value } }
      : false;
  },
});
