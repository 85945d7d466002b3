import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC008",
  slug: "ssl-redirect-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W008",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SecurityMiddleware is installed but SECURE_SSL_REDIRECT is not True.",
    why: "A request that arrives over plain HTTP is answered over plain HTTP, session cookie included.",
    fix: "Set SECURE_SSL_REDIRECT = True in the production settings (or redirect at the proxy and say so with SECURE_PROXY_SSL_HEADER).",
    bad: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n' },
    good: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_SSL_REDIRECT = True\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect"],
  },
  messages: {
    off: "SECURE_SSL_REDIRECT is {value}, so HTTP requests are not redirected to HTTPS",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    // Django tests `is True`: the string "True" read from the environment still fails.
    const redirect = world.isTrue("SECURE_SSL_REDIRECT");
    if (redirect === true) return false;
    if (middleware === undefined || redirect === undefined) return undefined;
    return { at: "SECURE_SSL_REDIRECT", messageId: "off", data: { value: world.repr("SECURE_SSL_REDIRECT") } };
  },
});
