import { defineRule } from "../define.js";
import { findErrorTracking } from "./helpers.js";

/** E-mail backends that never deliver: what ADMINS would get goes to a console, memory or a file. */
const UNDELIVERED = new Map([
  ["django.core.mail.backends.console.EmailBackend", "the console"],
  ["django.core.mail.backends.dummy.EmailBackend", "nowhere"],
  ["django.core.mail.backends.locmem.EmailBackend", "memory"],
  ["django.core.mail.backends.filebased.EmailBackend", "files on the server"],
]);

export default defineRule({
  code: "OBS102",
  slug: "alerting-missing",
  area: "observability",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts", "python"],
  doc: {
    what: "A server error notifies no one: ADMINS is empty (or its e-mails cannot be delivered) and no error tracker is configured.",
    why: "With DEBUG off, Django's only built-in alert is an e-mail with the traceback to each of ADMINS. With nobody listed, an e-mail backend that never delivers, or the default EMAIL_HOST of localhost in a container without a mail server (the failure is silent), the first to learn of an outage is a customer.",
    fix: "Configure an error tracker with alerting (Sentry, Rollbar...), or list ADMINS = [('Ops', 'ops@example.com')] with a working SMTP EMAIL_BACKEND, EMAIL_HOST and SERVER_EMAIL.",
    bad: { "mysite/settings.py": "DEBUG = False\nADMINS = []\n" },
    good: {
      "mysite/settings.py":
        'import os\nDEBUG = False\nADMINS = [("Ops", "ops@example.com")]\nSERVER_EMAIL = "django@example.com"\nEMAIL_HOST = os.environ["EMAIL_HOST"]\n',
    },
    references: [
      "https://docs.djangoproject.com/en/stable/howto/error-reporting/",
      "https://docs.djangoproject.com/en/stable/ref/settings/#admins",
    ],
  },
  messages: {
    noAdmins: "ADMINS is empty and no error tracker is configured: a server error notifies no one",
    undelivered: "ADMINS is set, but EMAIL_BACKEND {backend} sends the error e-mails to {where}, and no error tracker is configured",
    localhost: "ADMINS is set, but EMAIL_HOST is Django's default 'localhost': without a mail server there, error e-mails fail silently",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    if (!settings || !project.settings.evaluation) return;
    if (findErrorTracking(project, settings, artifacts).found) return;
    const admins = settings.get("ADMINS");
    if (!admins) return;
    const isEmpty =
      (admins.value.kind === "list" || admins.value.kind === "tuple") && admins.value.items.length === 0
        ? true
        : admins.isKnown
          ? false
          : undefined;
    if (isEmpty === undefined) return;
    if (isEmpty) {
      report("noAdmins", { file: admins.file, line: admins.line });
      return;
    }
    const backend = settings.get("EMAIL_BACKEND");
    if (backend?.value.kind === "str" && UNDELIVERED.has(backend.value.value)) {
      report(
        "undelivered",
        { file: backend.file, line: backend.line },
        { backend: backend.value.value, where: UNDELIVERED.get(backend.value.value) ?? "" },
      );
      return;
    }
    const host = settings.get("EMAIL_HOST");
    if (host?.isDefault && backend?.isDefault) report("localhost", { file: admins.file, line: admins.line }, {}, { severity: "info" });
  },
});
