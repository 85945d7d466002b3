import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

/** base.py CROSS_ORIGIN_OPENER_POLICY_VALUES (4.0+). */
const VALID = new Set(["same-origin", "same-origin-allow-popups", "unsafe-none"]);

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC024",
  slug: "cross-origin-opener-policy-invalid",
  area: "security",
  severity: "error",
  djangoCheck: "security.E024",
  djangoSeries: { since: "4.0" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SECURE_CROSS_ORIGIN_OPENER_POLICY holds a value that is not a Cross-Origin-Opener-Policy.",
    why: "Browsers ignore an unknown policy, so pages lose the isolation from cross-origin windows the setting was meant to give.",
    fix: "Use 'same-origin' (the default), 'same-origin-allow-popups' or 'unsafe-none', or None to send no header.",
    bad: { "mysite/settings.py": `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = "same_origin"\n` },
    good: { "mysite/settings.py": `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy"],
  },
  messages: {
    invalid: "SECURE_CROSS_ORIGIN_OPENER_POLICY is {value}, which is not a Cross-Origin-Opener-Policy",
  },
  test(world) {
    // The setting and its check arrived in 4.0: before, the value does nothing.
    if (!atLeast(world.series, "4.0")) return false;
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    const value = world.value("SECURE_CROSS_ORIGIN_OPENER_POLICY");
    let valid: boolean;
    if (value.kind === "none") return false;
    if (value.kind === "str") valid = VALID.has(value.value);
    // `value not in {...}` with a list or dict raises TypeError: the check run crashes instead.
    else if (value.kind === "int" || value.kind === "bool" || value.kind === "float") valid = false;
    else return undefined;
    if (valid) return false;
    if (middleware === undefined) return undefined;
    return {
      at: "SECURE_CROSS_ORIGIN_OPENER_POLICY",
      messageId: "invalid",
      data: { value: world.repr("SECURE_CROSS_ORIGIN_OPENER_POLICY") },
    };
  },
});
