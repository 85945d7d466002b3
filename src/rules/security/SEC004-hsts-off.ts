import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC004",
  slug: "hsts-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W004",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SecurityMiddleware is installed but SECURE_HSTS_SECONDS is not set.",
    why: "Without HTTP Strict Transport Security a browser will try plain HTTP first, and an attacker on the network can downgrade the connection before the redirect.",
    fix: "Set SECURE_HSTS_SECONDS = 31536000 (one year) once the whole site is served over HTTPS; start with a small value to test.",
    bad: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n' },
    good: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 31536000\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security"],
  },
  messages: {
    off: "SECURE_HSTS_SECONDS is {value}, so browsers are not told to use HTTPS only",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    // Django tests truthiness here: the string "0" passes.
    const seconds = world.truthy("SECURE_HSTS_SECONDS");
    if (middleware === undefined || seconds === undefined) return seconds === true ? false : undefined;
    if (seconds) return false;
    return { at: "SECURE_HSTS_SECONDS", messageId: "off", data: { value: world.repr("SECURE_HSTS_SECONDS") } };
  },
});
