import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC022",
  slug: "referrer-policy-unset",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W022",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SecurityMiddleware is installed but SECURE_REFERRER_POLICY is None.",
    why: "Without a Referrer-Policy header browsers send the full URL of your pages (tokens in query strings included) to every site they link to or load from.",
    fix: "Remove the override: SECURE_REFERRER_POLICY is 'same-origin' by default; or set another policy such as 'strict-origin-when-cross-origin'.",
    bad: { "mysite/settings.py": `${MW}SECURE_REFERRER_POLICY = None\n` },
    good: { "mysite/settings.py": `${MW}SECURE_REFERRER_POLICY = "same-origin"\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy"],
  },
  messages: {
    unset: "SECURE_REFERRER_POLICY is None, so no Referrer-Policy header is sent",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    const none = world.isNone("SECURE_REFERRER_POLICY");
    if (none === false) return false;
    if (middleware === undefined || none === undefined) return undefined;
    return { at: "SECURE_REFERRER_POLICY", messageId: "unset" };
  },
});
