import { AUTHENTICATION_MIDDLEWARE, MESSAGE_MIDDLEWARE, SESSION_MIDDLEWARE_CLASS } from "../../django/known-code.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { containsSubclass } from "./django-templates.js";

const messages = {
  missing: "The admin needs {middleware} (or a subclass) in MIDDLEWARE",
} as const;

/** admin/checks.py check_dependencies: the middleware the admin needs, subclasses accepted. */
const REQUIRED = [
  [AUTHENTICATION_MIDDLEWARE, "admin.E408"],
  [MESSAGE_MIDDLEWARE, "admin.E409"],
  [SESSION_MIDDLEWARE_CLASS, "admin.E410"],
] as const;

const APPS =
  'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';

export default defineSettingsRule({
  code: "CFG408",
  slug: "admin-required-middleware-missing",
  area: "config",
  severity: "error",
  djangoCheck: "admin.E408",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "The admin is installed without AuthenticationMiddleware (admin.E408), MessageMiddleware (admin.E409) or SessionMiddleware (admin.E410).",
    why: "The admin identifies users through the session and reports results through messages: without the middleware nobody can log in.",
    fix: "Add SessionMiddleware, AuthenticationMiddleware and MessageMiddleware to MIDDLEWARE, in that order.",
    bad: { "mysite/settings.py": `${APPS}MIDDLEWARE = []\n` },
    good: {
      "mysite/settings.py": `${APPS}MIDDLEWARE = [\n    "${SESSION_MIDDLEWARE_CLASS}",\n    "${AUTHENTICATION_MIDDLEWARE}",\n    "${MESSAGE_MIDDLEWARE}",\n]\n`,
    },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#overview"],
  },
  messages,
  test(world) {
    const admin = world.installed("django.contrib.admin");
    if (admin === false) return false;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = admin === undefined;
    for (const [middleware, id] of REQUIRED) {
      const present = containsSubclass(world, "MIDDLEWARE", middleware);
      if (present === undefined) unknown = true;
      else if (!present) verdicts.push({ at: "MIDDLEWARE", messageId: "missing", data: { middleware }, djangoCheck: id });
    }
    if (verdicts.length > 0 && admin === true) return verdicts;
    return unknown ? undefined : false;
  },
});
