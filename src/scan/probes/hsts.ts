import { defineProbe } from "../define.js";
import { headerValues } from "../types.js";
import { headerLine, isPlainHttp, parseHsts } from "./helpers.js";

const ONE_YEAR = 31_536_000;
// The MDN Observatory's "six months": 15552000 (180 days), which many sites use for 15768000.
const SIX_MONTHS = 15_552_000;

export default defineProbe({
  id: "hsts",
  code: "SCN015",
  area: "security",
  doc: {
    what: "Reads Strict-Transport-Security on the HTTPS page: max-age of at least a year, includeSubDomains and preload.",
    why: "Without HSTS, the first plain-HTTP request of every visit can be intercepted and the visitor kept on HTTP (SSL stripping).",
    fix: 'Set SECURE_HSTS_SECONDS = 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS = True and SECURE_HSTS_PRELOAD = True, or in nginx: add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;',
    references: ["https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security", "https://hstspreload.org/"],
  },
  requests: { page: { kind: "page" }, tls: { kind: "tls", variant: "default" } },
  outcomes: {
    preloadReady: { severity: "ok" },
    notPreloadReady: { severity: "info", message: "HSTS lasts a year but lacks {missing}, so the site cannot be preloaded" },
    underOneYear: { severity: "info", message: "HSTS max-age is {maxAge} seconds, under a year" },
    short: { severity: "warning", message: "HSTS max-age is only {maxAge} seconds (under six months)" },
    missing: { severity: "warning", message: "No Strict-Transport-Security header on the HTTPS page" },
    invalid: { severity: "warning", message: "Strict-Transport-Security cannot be read: {value}" },
    invalidCertificate: { severity: "warning", message: "Browsers ignore HSTS from a site whose certificate they do not trust" },
    noHttps: { severity: "warning", message: "HSTS cannot be set: the site is not served over HTTPS" },
  },
  evaluate({ page, tls }) {
    if (isPlainHttp(page)) return { outcome: "noHttps", evidence: page };
    // Browsers ignore the header on a connection with certificate errors (RFC 6797 section 8.1).
    if (tls.kind === "tls" && (tls.hostnameError || tls.authorizationError)) return { outcome: "invalidCertificate", evidence: tls };
    const values = headerValues(page, "strict-transport-security");
    if (values.length === 0) return { outcome: "missing", evidence: page, proof: headerLine("strict-transport-security", undefined) };
    const value = values.join(", ");
    const proof = headerLine("strict-transport-security", value);
    const hsts = parseHsts(value);
    if (!hsts) return { outcome: "invalid", evidence: page, proof, data: { value: value.slice(0, 100) } };
    if (hsts.maxAge < SIX_MONTHS) return { outcome: "short", evidence: page, proof, data: { maxAge: hsts.maxAge } };
    if (hsts.maxAge < ONE_YEAR) return { outcome: "underOneYear", evidence: page, proof, data: { maxAge: hsts.maxAge } };
    const missing = [hsts.includeSubDomains ? "" : "includeSubDomains", hsts.preload ? "" : "preload"].filter(Boolean);
    if (missing.length > 0) return { outcome: "notPreloadReady", evidence: page, proof, data: { missing: missing.join(" and ") } };
    return { outcome: "preloadReady", evidence: page, proof };
  },
});
