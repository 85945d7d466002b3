import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 31536000\n';

export default defineSettingsRule({
  code: "SEC021",
  slug: "hsts-preload-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W021",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "HSTS is on but SECURE_HSTS_PRELOAD is not True.",
    why: "Without the preload directive the site cannot join the browsers' HSTS preload list, so a user's very first visit can still be downgraded to plain HTTP.",
    fix: "Set SECURE_HSTS_PRELOAD = True (with a long SECURE_HSTS_SECONDS and SECURE_HSTS_INCLUDE_SUBDOMAINS) and submit the domain to hstspreload.org.",
    bad: { "mysite/settings.py": MW },
    good: { "mysite/settings.py": `${MW}SECURE_HSTS_PRELOAD = True\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload", "https://hstspreload.org/"],
  },
  messages: {
    off: "SECURE_HSTS_PRELOAD is {value}, so the site cannot be on the browsers' HSTS preload list",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    // base.py check_sts_preload: truthy seconds, then `is True`.
    const seconds = world.truthy("SECURE_HSTS_SECONDS");
    if (seconds === false) return false;
    const preload = world.isTrue("SECURE_HSTS_PRELOAD");
    if (preload === true) return false;
    if (middleware === undefined || seconds === undefined || preload === undefined) return undefined;
    return { at: "SECURE_HSTS_PRELOAD", messageId: "off", data: { value: world.repr("SECURE_HSTS_PRELOAD") } };
  },
});
