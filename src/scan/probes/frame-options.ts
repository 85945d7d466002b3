import { defineProbe } from "../define.js";
import { header } from "../types.js";
import { headerLine, parseCsp } from "./helpers.js";

export default defineProbe({
  id: "frame-options",
  code: "SCN016",
  area: "security",
  doc: {
    what: "Reads X-Frame-Options and the frame-ancestors directive of Content-Security-Policy on the page.",
    why: "A page that any site can frame can be overlaid with a decoy so that visitors click buttons they cannot see (clickjacking).",
    fix: "Keep XFrameOptionsMiddleware with X_FRAME_OPTIONS = 'DENY' (Django's default), or send Content-Security-Policy: frame-ancestors 'none' (add_header … always; in nginx).",
    references: ["https://docs.djangoproject.com/en/stable/ref/clickjacking/"],
  },
  requests: { page: { kind: "page" } },
  outcomes: {
    frameAncestors: { severity: "ok" },
    xFrameOptions: { severity: "ok" },
    allowFrom: { severity: "info", message: "X-Frame-Options ALLOW-FROM is ignored by current browsers: {value}" },
    missing: { severity: "warning", message: "Neither X-Frame-Options nor CSP frame-ancestors: any site can frame the page" },
    invalid: { severity: "warning", message: "X-Frame-Options has a value browsers do not know: {value}" },
  },
  evaluate({ page }) {
    // frame-ancestors counts only from a header: browsers ignore it in <meta>.
    const csp = parseCsp(page.headers["content-security-policy"] ?? []);
    if (csp.ok && csp.directives.has("frame-ancestors"))
      return {
        outcome: "frameAncestors",
        evidence: page,
        proof: `frame-ancestors ${[...(csp.directives.get("frame-ancestors") ?? [])].join(" ")}`,
      };
    const value = header(page, "x-frame-options");
    const proof = headerLine("x-frame-options", value);
    if (value === undefined) return { outcome: "missing", evidence: page, proof };
    const xfo = value.trim().toLowerCase();
    if (xfo === "deny" || xfo === "sameorigin") return { outcome: "xFrameOptions", evidence: page, proof };
    if (xfo.startsWith("allow-from")) return { outcome: "allowFrom", evidence: page, proof, data: { value } };
    return { outcome: "invalid", evidence: page, proof, data: { value: value.slice(0, 100) } };
  },
});
