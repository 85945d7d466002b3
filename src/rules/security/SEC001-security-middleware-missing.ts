import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC001",
  slug: "security-middleware-missing",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W001",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SecurityMiddleware is not in MIDDLEWARE.",
    why: "Without it, SECURE_HSTS_SECONDS, SECURE_SSL_REDIRECT, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY and SECURE_CROSS_ORIGIN_OPENER_POLICY do nothing: no HTTPS redirect and none of those headers.",
    fix: "Add 'django.middleware.security.SecurityMiddleware' at the top of MIDDLEWARE.",
    bad: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n' },
    good: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_SSL_REDIRECT = True\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security"],
  },
  messages: {
    missing: "SecurityMiddleware is not in MIDDLEWARE, so the SECURE_* settings have no effect",
  },
  test(world) {
    // Django tests exact membership of the dotted path (a subclass does not count).
    const present = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (present === undefined) return undefined;
    return present ? false : { at: "MIDDLEWARE", messageId: "missing" };
  },
});
