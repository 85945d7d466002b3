import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const SMTP = '{"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}';

export default defineSettingsRule({
  code: "CFG801",
  slug: "mailers-default-missing",
  area: "config",
  severity: "warning",
  djangoCheck: "mail.W001",
  djangoSeries: { since: "6.1" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "MAILERS is set but has no 'default' entry (Django 6.1+).",
    why: "send_mail(), password resets and error e-mails to ADMINS use the 'default' mailer: without it they fail.",
    fix: "Name the main mailer 'default' in MAILERS.",
    bad: { "mysite/settings.py": `MAILERS = {"transactional": ${SMTP}}\n` },
    good: { "mysite/settings.py": `MAILERS = {"default": ${SMTP}}\n` },
    djangoVersion: "6.1",
    references: ["https://docs.djangoproject.com/en/dev/ref/settings/#mailers"],
  },
  messages: {
    missing: "MAILERS has no 'default' entry, so sending e-mail without `using` fails",
  },
  test(world) {
    // MAILERS and mail.py check_mailers_default_alias arrived in 6.1; the check runs only when the
    // settings module sets MAILERS (settings.is_overridden).
    if (!atLeast(world.series, "6.1") || !world.isOverridden("MAILERS")) return false;
    const present = world.contains("MAILERS", "default");
    if (present !== false) return present === undefined ? undefined : false;
    return { at: "MAILERS", messageId: "missing" };
  },
});
