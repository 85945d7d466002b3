import { SESSION_MIDDLEWARE, SESSIONS_APP } from "../../django/names.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const SESSIONS = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC013",
  slug: "session-cookie-httponly-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W015",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "Sessions are in use but SESSION_COOKIE_HTTPONLY is not True: Django's security.W013, W014 or W015.",
    why: "Without HttpOnly any script on the page can read the session cookie, so one cross-site scripting hole is enough to steal sessions.",
    fix: "Remove the override: SESSION_COOKIE_HTTPONLY is True by default.",
    bad: { "mysite/settings.py": `${SESSIONS}SESSION_COOKIE_HTTPONLY = False\n` },
    good: { "mysite/settings.py": SESSIONS },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly"],
  },
  messages: {
    app: "django.contrib.sessions is installed but SESSION_COOKIE_HTTPONLY is {value}, so scripts can read the session cookie",
    middleware: "SessionMiddleware is in MIDDLEWARE but SESSION_COOKIE_HTTPONLY is {value}, so scripts can read the session cookie",
    both: "SESSION_COOKIE_HTTPONLY is {value}, so scripts can read the session cookie",
  },
  test(world) {
    // sessions.py check_session_cookie_httponly: truthiness up to 4.0, `is True` since 4.1.
    const httponly = atLeast(world.series, "4.1") ? world.isTrue("SESSION_COOKIE_HTTPONLY") : world.truthy("SESSION_COOKIE_HTTPONLY");
    if (httponly === true) return false;
    const app = world.contains("INSTALLED_APPS", SESSIONS_APP);
    const middleware = world.contains("MIDDLEWARE", SESSION_MIDDLEWARE);
    if (app === false && middleware === false) return false;
    if (httponly === undefined || app === undefined || middleware === undefined) return undefined;
    const data = { value: world.repr("SESSION_COOKIE_HTTPONLY") };
    if (app && middleware) return { at: "SESSION_COOKIE_HTTPONLY", messageId: "both", data, djangoCheck: "security.W015" };
    if (app) return { at: "SESSION_COOKIE_HTTPONLY", messageId: "app", data, djangoCheck: "security.W013" };
    return { at: "SESSION_COOKIE_HTTPONLY", messageId: "middleware", data, djangoCheck: "security.W014" };
  },
});
