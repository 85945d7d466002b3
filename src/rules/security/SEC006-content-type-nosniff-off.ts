import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC006",
  slug: "content-type-nosniff-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W006",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SecurityMiddleware is installed but SECURE_CONTENT_TYPE_NOSNIFF is not True.",
    why: "Without X-Content-Type-Options: nosniff a browser may run an uploaded text or image file as a script or stylesheet.",
    fix: "Remove the override: SECURE_CONTENT_TYPE_NOSNIFF is True by default; set it to the boolean True if you must set it.",
    bad: { "mysite/settings.py": `${MW}SECURE_CONTENT_TYPE_NOSNIFF = False\n` },
    good: { "mysite/settings.py": `${MW}SECURE_CONTENT_TYPE_NOSNIFF = True\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff"],
  },
  messages: {
    off: "SECURE_CONTENT_TYPE_NOSNIFF is {value}, so responses are sent without X-Content-Type-Options: nosniff",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    // `is True` (base.py check_content_type_nosniff): the string "True" fails.
    const nosniff = world.isTrue("SECURE_CONTENT_TYPE_NOSNIFF");
    if (nosniff === true) return false;
    if (middleware === undefined || nosniff === undefined) return undefined;
    return { at: "SECURE_CONTENT_TYPE_NOSNIFF", messageId: "off", data: { value: world.repr("SECURE_CONTENT_TYPE_NOSNIFF") } };
  },
});
