import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 31536000\n';

export default defineSettingsRule({
  code: "SEC005",
  slug: "hsts-subdomains-off",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W005",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "HSTS is on but SECURE_HSTS_INCLUDE_SUBDOMAINS is not True.",
    why: "The Strict-Transport-Security header then covers only this host: a subdomain reached over plain HTTP can set cookies for the whole domain.",
    fix: "Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain is served over HTTPS.",
    bad: { "mysite/settings.py": MW },
    good: { "mysite/settings.py": `${MW}SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains"],
  },
  messages: {
    off: "SECURE_HSTS_INCLUDE_SUBDOMAINS is {value}, so HSTS does not cover subdomains",
    offWithPreload:
      "SECURE_HSTS_INCLUDE_SUBDOMAINS is {value} while SECURE_HSTS_PRELOAD is on: the preload list requires includeSubDomains, so the domain cannot be listed",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    // Truthiness for the seconds, `is True` for the flag (base.py check_sts_include_subdomains).
    const seconds = world.truthy("SECURE_HSTS_SECONDS");
    if (seconds === false) return false;
    const include = world.isTrue("SECURE_HSTS_INCLUDE_SUBDOMAINS");
    if (include === true) return false;
    if (middleware === undefined || seconds === undefined || include === undefined) return undefined;
    // Django's W005 has one message; djship says more when preload is asked for, which without
    // includeSubDomains hstspreload.org refuses (https://hstspreload.org/#submission-requirements).
    const messageId = world.isTrue("SECURE_HSTS_PRELOAD") === true ? "offWithPreload" : "off";
    return { at: "SECURE_HSTS_INCLUDE_SUBDOMAINS", messageId, data: { value: world.repr("SECURE_HSTS_INCLUDE_SUBDOMAINS") } };
  },
});
