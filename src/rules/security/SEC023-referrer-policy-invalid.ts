import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import type { Value } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";

/** base.py REFERRER_POLICY_VALUES, the same in every series. */
const VALID = new Set([
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
]);

/** The values Django's check compares, or undefined when they are not known. */
function policyValues(value: Value): (string | null)[] | undefined {
  switch (value.kind) {
    case "str":
      // A comma-separated string is split and each part stripped; list items are not stripped.
      return value.value.split(",").map((part) => part.replace(/^\s+|\s+$/g, ""));
    case "list":
    case "tuple":
    case "set": {
      const out: (string | null)[] = [];
      for (const item of value.items) {
        if (item.kind === "str") out.push(item.value);
        else if (item.kind === "unknown" || item.kind === "alternatives" || item.kind === "external") return undefined;
        else out.push(null);
      }
      return out;
    }
    default:
      return undefined;
  }
}

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC023",
  slug: "referrer-policy-invalid",
  area: "security",
  severity: "error",
  djangoCheck: "security.E023",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SECURE_REFERRER_POLICY holds a value that is not a Referrer-Policy browsers know.",
    why: "Browsers ignore a Referrer-Policy header with an unknown value and fall back to their default, which leaks more than the policy you meant.",
    fix: "Use one of no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin or unsafe-url (a list or comma-separated string for fallbacks).",
    bad: { "mysite/settings.py": `${MW}SECURE_REFERRER_POLICY = "same_origin"\n` },
    good: { "mysite/settings.py": `${MW}SECURE_REFERRER_POLICY = "same-origin"\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy"],
  },
  messages: {
    invalid: "SECURE_REFERRER_POLICY is {value}, which holds a value that is not a Referrer-Policy",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    const value = world.value("SECURE_REFERRER_POLICY");
    if (value.kind === "none") return false;
    const values = policyValues(value);
    if (values === undefined) return undefined;
    // base.py check_referrer_policy: `values <= REFERRER_POLICY_VALUES`, case-sensitive.
    if (values.every((v) => v !== null && VALID.has(v))) return false;
    if (middleware === undefined) return undefined;
    return { at: "SECURE_REFERRER_POLICY", messageId: "invalid", data: { value: world.repr("SECURE_REFERRER_POLICY") } };
  },
});
