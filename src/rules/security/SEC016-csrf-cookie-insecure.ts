import { CSRF_MIDDLEWARE } from "../../django/names.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC016",
  slug: "csrf-cookie-insecure",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W016",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "CsrfViewMiddleware is installed, the token is kept in a cookie, and CSRF_COOKIE_SECURE is not True.",
    why: "The CSRF cookie is then also sent over plain HTTP, where a network attacker can read the token and forge requests.",
    fix: "Set CSRF_COOKIE_SECURE = True in the production settings (or keep the token in the session with CSRF_USE_SESSIONS = True).",
    bad: { "mysite/settings.py": MW },
    good: { "mysite/settings.py": `${MW}CSRF_COOKIE_SECURE = True\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure"],
  },
  messages: {
    off: "CSRF_COOKIE_SECURE is {value}, so the CSRF cookie is also sent over HTTP",
  },
  test(world) {
    // csrf.py check_csrf_cookie_secure: CSRF_USE_SESSIONS by truthiness; CSRF_COOKIE_SECURE by
    // truthiness up to 4.0 and `is True` since 4.1.
    const sessions = world.truthy("CSRF_USE_SESSIONS");
    if (sessions === true) return false;
    const middleware = world.contains("MIDDLEWARE", CSRF_MIDDLEWARE);
    if (middleware === false) return false;
    const secure = atLeast(world.series, "4.1") ? world.isTrue("CSRF_COOKIE_SECURE") : world.truthy("CSRF_COOKIE_SECURE");
    if (secure === true) return false;
    if (sessions === undefined || middleware === undefined || secure === undefined) return undefined;
    return { at: "CSRF_COOKIE_SECURE", messageId: "off", data: { value: world.repr("CSRF_COOKIE_SECURE") } };
  },
});
