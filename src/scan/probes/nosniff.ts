import { defineProbe } from "../define.js";
import { header } from "../types.js";
import { headerLine } from "./helpers.js";

export default defineProbe({
  id: "nosniff",
  code: "SCN017",
  area: "security",
  doc: {
    what: "Reads X-Content-Type-Options on the page: it must be nosniff.",
    why: "Without it, browsers may guess a response's type, so an uploaded text or image file can be run as a script or page.",
    fix: "Keep SECURE_CONTENT_TYPE_NOSNIFF = True (Django's default) with SecurityMiddleware, or add_header X-Content-Type-Options nosniff always; in nginx.",
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff"],
  },
  requests: { page: { kind: "page" } },
  outcomes: {
    nosniff: { severity: "ok" },
    missing: { severity: "warning", message: "No X-Content-Type-Options: nosniff header" },
    invalid: { severity: "warning", message: "X-Content-Type-Options is {value}, not nosniff" },
  },
  evaluate({ page }) {
    const value = header(page, "x-content-type-options");
    const proof = headerLine("x-content-type-options", value);
    if (value === undefined) return { outcome: "missing", evidence: page, proof };
    if (value.trim().toLowerCase() === "nosniff") return { outcome: "nosniff", evidence: page, proof };
    return { outcome: "invalid", evidence: page, proof, data: { value: value.slice(0, 100) } };
  },
});
