import { atLeast } from "../../django/versions.js";
import { hashKey, str, type Value } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";
import type { Tri, World } from "../world.js";

const CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware";
const CSP_CONTEXT_PROCESSOR = "django.template.context_processors.csp";
/** django.utils.csp.CSP.NONCE, the placeholder the middleware replaces. */
const NONCE = "<CSP_NONCE_SENTINEL>";

/** base.py _csp_policy_contains_nonce: a directive equal to the sentinel or containing it. */
function containsNonce(policy: Value): Tri {
  if (policy.kind !== "dict") return policy.kind === "unknown" || policy.kind === "alternatives" ? undefined : false;
  let result: Tri = false;
  for (const { value } of policy.entries.values()) {
    if (value.kind === "str") {
      if (value.value.includes(NONCE)) return true;
    } else if (value.kind === "list" || value.kind === "tuple" || value.kind === "set") {
      for (const item of value.items) {
        if (item.kind === "str" && item.value === NONCE) return true;
        if (item.kind === "unknown" || item.kind === "alternatives") result = undefined;
      }
    } else if (value.kind === "dict") {
      if (value.entries.has(hashKey(str(NONCE)) as string)) return true;
    } else if (value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external") result = undefined;
  }
  return result;
}

/** base.py _csp_context_processor_configured: any TEMPLATES entry, whatever its backend. */
function contextProcessorConfigured(world: World): Tri {
  const templates = world.items("TEMPLATES");
  if (!templates) return undefined;
  let result: Tri = false;
  for (const template of templates) {
    if (template.kind !== "dict") {
      if (template.kind === "unknown" || template.kind === "alternatives") result = undefined;
      continue;
    }
    const options = template.entries.get("s:OPTIONS")?.value;
    if (!options) continue;
    if (options.kind !== "dict") {
      result = undefined;
      continue;
    }
    const processors = options.entries.get("s:context_processors")?.value;
    if (!processors) continue;
    if (processors.kind !== "list" && processors.kind !== "tuple") {
      result = undefined;
      continue;
    }
    for (const item of processors.items) {
      if (item.kind === "str" && item.value === CSP_CONTEXT_PROCESSOR) return true;
      if (item.kind !== "str") result = undefined;
    }
  }
  return result;
}

const SETTINGS = `MIDDLEWARE = ["${CSP_MIDDLEWARE}"]\nSECURE_CSP = {"script-src": ["'self'", "${NONCE}"]}\n`;

export default defineSettingsRule({
  code: "SEC027",
  slug: "csp-nonce-not-in-templates",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W027",
  djangoSeries: { since: "6.1" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "The Content Security Policy uses CSP.NONCE but no template backend has the csp context processor (Django 6.1+).",
    why: "The header then requires a nonce that templates never print, so every inline script is blocked, or the policy gets loosened in a hurry.",
    fix: "Add 'django.template.context_processors.csp' to the context_processors of the template backend and use {{ csp_nonce }} in script tags.",
    bad: { "mysite/settings.py": SETTINGS },
    good: {
      "mysite/settings.py": `${SETTINGS}TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": ["${CSP_CONTEXT_PROCESSOR}"]}}]\n`,
    },
    djangoVersion: "6.1",
    references: ["https://docs.djangoproject.com/en/dev/ref/csp/"],
  },
  messages: {
    missing: "The Content Security Policy uses CSP.NONCE but no template backend has {processor}, so templates cannot print the nonce",
  },
  test(world) {
    if (!atLeast(world.series, "6.1")) return false;
    const middleware = world.contains("MIDDLEWARE", CSP_MIDDLEWARE);
    if (middleware === false) return false;
    const policies = [containsNonce(world.value("SECURE_CSP")), containsNonce(world.value("SECURE_CSP_REPORT_ONLY"))];
    const nonce: Tri = policies.includes(true) ? true : policies.includes(undefined) ? undefined : false;
    if (nonce === false) return false;
    const configured = contextProcessorConfigured(world);
    if (configured === true) return false;
    if (middleware === undefined || nonce === undefined || configured === undefined) return undefined;
    return { at: "TEMPLATES", messageId: "missing", data: { processor: CSP_CONTEXT_PROCESSOR } };
  },
});
