import { defineProbe } from "../define.js";
import { headerValues } from "../types.js";
import { headerLine, metaValues } from "./helpers.js";

// The same split as the MDN Observatory's referrer-policy test.
const PRIVATE = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
const UNSAFE = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"];

export default defineProbe({
  id: "referrer-policy",
  code: "SCN018",
  area: "security",
  doc: {
    what: 'Reads Referrer-Policy on the page (header, then <meta name="referrer">).',
    why: "A lax policy sends full URLs, with their paths and query strings (tokens, search terms), to every site the page links to or loads from.",
    fix: "Keep SECURE_REFERRER_POLICY = 'same-origin' (Django's default) or 'strict-origin-when-cross-origin', or add_header Referrer-Policy same-origin always; in nginx.",
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy"],
  },
  requests: { page: { kind: "page" } },
  outcomes: {
    private: { severity: "ok" },
    missing: { severity: "info", message: "No Referrer-Policy: browsers fall back to strict-origin-when-cross-origin" },
    unsafe: { severity: "warning", message: "Referrer-Policy {value} sends full URLs to other sites" },
    invalid: { severity: "warning", message: "Referrer-Policy has no value browsers know: {value}" },
  },
  evaluate({ page }) {
    const values = [...headerValues(page, "referrer-policy"), ...metaValues(page.body, "name", "referrer")];
    if (values.length === 0) return { outcome: "missing", evidence: page, proof: headerLine("referrer-policy", undefined) };
    const joined = values.join(", ");
    const proof = headerLine("referrer-policy", joined);
    // Browsers use the last value they understand (Referrer Policy spec, section 8.1).
    const policy = joined
      .split(",")
      .map((v) => v.trim().toLowerCase())
      .filter((v) => PRIVATE.includes(v) || UNSAFE.includes(v))
      .pop();
    if (policy && PRIVATE.includes(policy)) return { outcome: "private", evidence: page, proof };
    if (policy) return { outcome: "unsafe", evidence: page, proof, data: { value: policy } };
    return { outcome: "invalid", evidence: page, proof, data: { value: joined.slice(0, 100) } };
  },
});
