import { defineProbe } from "../define.js";
import { header } from "../types.js";
import { headerLine } from "./helpers.js";

export default defineProbe({
  id: "coop",
  code: "SCN019",
  area: "security",
  doc: {
    what: "Reads Cross-Origin-Opener-Policy on the page.",
    why: "Without it, a page opened from another site (or that opens one) shares a browsing context group with it: cross-window attacks and Spectre-style leaks.",
    fix: "Keep SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin' (Django's default since 4.0; 'same-origin-allow-popups' for OAuth pop-ups) and make sure the proxy does not strip the header.",
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy"],
  },
  requests: { page: { kind: "page" } },
  outcomes: {
    isolated: { severity: "ok" },
    unsafeNone: {
      severity: "info",
      message: "Cross-Origin-Opener-Policy is unsafe-none: windows of other sites keep a handle on this one",
    },
    missing: { severity: "info", message: "No Cross-Origin-Opener-Policy header (Django sends same-origin by default since 4.0)" },
    invalid: { severity: "info", message: "Cross-Origin-Opener-Policy has a value browsers do not know: {value}" },
  },
  evaluate({ page }) {
    const value = header(page, "cross-origin-opener-policy");
    const proof = headerLine("cross-origin-opener-policy", value);
    if (value === undefined) return { outcome: "missing", evidence: page, proof };
    const policy = value.split(";")[0]?.trim().toLowerCase() ?? "";
    if (policy === "same-origin" || policy === "same-origin-allow-popups" || policy === "noopener-allow-popups")
      return { outcome: "isolated", evidence: page, proof };
    if (policy === "unsafe-none") return { outcome: "unsafeNone", evidence: page, proof };
    return { outcome: "invalid", evidence: page, proof, data: { value: value.slice(0, 100) } };
  },
});
