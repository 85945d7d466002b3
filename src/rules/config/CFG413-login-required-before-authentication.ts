import { AUTHENTICATION_MIDDLEWARE } from "../../django/known-code.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";
import { subclassIndex } from "./django-templates.js";

const LOGIN_REQUIRED = "django.contrib.auth.middleware.LoginRequiredMiddleware";
const APPS = 'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]\n';

export default defineSettingsRule({
  code: "CFG413",
  slug: "login-required-before-authentication",
  area: "config",
  severity: "error",
  djangoCheck: "auth.E013",
  djangoSeries: { since: "5.1" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "LoginRequiredMiddleware is in MIDDLEWARE without AuthenticationMiddleware before it (Django 5.1+).",
    why: "LoginRequiredMiddleware reads request.user, which AuthenticationMiddleware sets: placed before it (or alone) every request fails.",
    fix: "Put 'django.contrib.auth.middleware.AuthenticationMiddleware' before LoginRequiredMiddleware in MIDDLEWARE.",
    bad: { "mysite/settings.py": `${APPS}MIDDLEWARE = ["${LOGIN_REQUIRED}", "${AUTHENTICATION_MIDDLEWARE}"]\n` },
    good: { "mysite/settings.py": `${APPS}MIDDLEWARE = ["${AUTHENTICATION_MIDDLEWARE}", "${LOGIN_REQUIRED}"]\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#django.contrib.auth.middleware.LoginRequiredMiddleware"],
  },
  messages: {
    order: "LoginRequiredMiddleware is in MIDDLEWARE without AuthenticationMiddleware before it",
  },
  test(world) {
    // The middleware and auth's check_middleware arrived in 5.1.
    if (!atLeast(world.series, "5.1")) return false;
    const auth = world.installed("django.contrib.auth");
    if (auth === false) return false;
    const login = subclassIndex(world, "MIDDLEWARE", LOGIN_REQUIRED);
    if (login === -1) return false;
    const authentication = subclassIndex(world, "MIDDLEWARE", AUTHENTICATION_MIDDLEWARE);
    if (login === undefined || authentication === undefined || auth === undefined) return undefined;
    return authentication === -1 || authentication > login ? { at: "MIDDLEWARE", messageId: "order" } : false;
  },
});
