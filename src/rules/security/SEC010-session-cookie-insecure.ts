import { SESSION_MIDDLEWARE, SESSIONS_APP } from "../../django/names.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const SESSIONS = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC010",
  slug: "session-cookie-insecure",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W012",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "Sessions are in use (the sessions app, SessionMiddleware or both) but SESSION_COOKIE_SECURE is not True: Django's security.W010, W011 or W012.",
    why: "The session cookie is then also sent over plain HTTP, where anyone on the network can read it and take over the session.",
    fix: "Set SESSION_COOKIE_SECURE = True in the production settings.",
    bad: { "mysite/settings.py": SESSIONS },
    good: { "mysite/settings.py": `${SESSIONS}SESSION_COOKIE_SECURE = True\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure"],
  },
  messages: {
    app: "django.contrib.sessions is installed but SESSION_COOKIE_SECURE is {value}, so the session cookie is also sent over HTTP",
    middleware: "SessionMiddleware is in MIDDLEWARE but SESSION_COOKIE_SECURE is {value}, so the session cookie is also sent over HTTP",
    both: "SESSION_COOKIE_SECURE is {value}, so the session cookie is also sent over HTTP",
  },
  test(world) {
    // sessions.py check_session_cookie_secure: truthiness up to 4.0, `is True` since 4.1.
    const secure = atLeast(world.series, "4.1") ? world.isTrue("SESSION_COOKIE_SECURE") : world.truthy("SESSION_COOKIE_SECURE");
    if (secure === true) return false;
    // Both tests are exact memberships: "django.contrib.sessions.apps.SessionsConfig" does not count.
    const app = world.contains("INSTALLED_APPS", SESSIONS_APP);
    const middleware = world.contains("MIDDLEWARE", SESSION_MIDDLEWARE);
    if (app === false && middleware === false) return false;
    if (secure === undefined || app === undefined || middleware === undefined) return undefined;
    const data = { value: world.repr("SESSION_COOKIE_SECURE") };
    // W010 and W011 together are reported as W012 alone.
    if (app && middleware) return { at: "SESSION_COOKIE_SECURE", messageId: "both", data, djangoCheck: "security.W012" };
    if (app) return { at: "SESSION_COOKIE_SECURE", messageId: "app", data, djangoCheck: "security.W010" };
    return { at: "SESSION_COOKIE_SECURE", messageId: "middleware", data, djangoCheck: "security.W011" };
  },
});
