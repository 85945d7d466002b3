import { atLeast } from "../../django/versions.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  notDict: "{name} is {value}, but a Content Security Policy setting must be a dict of directives",
} as const;

export default defineSettingsRule({
  code: "SEC026",
  slug: "csp-setting-not-dict",
  area: "security",
  severity: "error",
  djangoCheck: "security.E026",
  djangoSeries: { since: "6.0" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SECURE_CSP or SECURE_CSP_REPORT_ONLY is neither a dict nor None (Django 6.0+).",
    why: "ContentSecurityPolicyMiddleware builds the header from a dict of directives: a string policy is not sent at all.",
    fix: 'Write the policy as a dict of directives, for example SECURE_CSP = {"default-src": [CSP.SELF]}.',
    bad: { "mysite/settings.py": "SECURE_CSP = \"default-src 'self'\"\n" },
    good: { "mysite/settings.py": 'SECURE_CSP = {"default-src": ["\'self\'"]}\n' },
    djangoVersion: "6.0",
    references: ["https://docs.djangoproject.com/en/6.0/ref/settings/#secure-csp"],
  },
  messages,
  test(world) {
    // The settings and their check arrived in 6.0.
    if (!atLeast(world.series, "6.0")) return false;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    // base.py check_csp_settings: `getattr(settings, name, None)` is None or a dict.
    for (const name of ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"]) {
      const value = world.value(name);
      if (value.kind === "none" || value.kind === "dict") continue;
      if (value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external" || value.kind === "object") {
        unknown = true;
        continue;
      }
      verdicts.push({ at: name, messageId: "notDict", data: { name, value: world.repr(name) } });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
