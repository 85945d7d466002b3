import { defineProbe } from "../define.js";

// Expiry has its own probe (tls-expiry), so these are not reported twice.
const EXPIRY_CODES = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

export default defineProbe({
  id: "tls-certificate",
  code: "SCN011",
  area: "security",
  doc: {
    what: "Makes a TLS handshake with the site and checks that its certificate is trusted, covers the host name and comes with its full chain.",
    why: "Browsers refuse an untrusted or mismatched certificate outright; a missing intermediate breaks curl, Python, Android and other clients that do not fetch it themselves.",
    fix: "Serve a certificate from a public CA (Let's Encrypt with certbot) for every name in ALLOWED_HOSTS, with the full chain: ssl_certificate fullchain.pem; in nginx, not cert.pem.",
    references: ["https://nginx.org/en/docs/http/configuring_https_servers.html#chains"],
  },
  requests: { page: { kind: "page" }, tls: { kind: "tls", variant: "default" } },
  outcomes: {
    valid: { severity: "ok" },
    noHttps: { severity: "error", message: "The site is not served over HTTPS" },
    handshakeFailed: { severity: "error", message: "The TLS handshake failed: {reason}" },
    selfSigned: { severity: "error", message: "The certificate is self-signed ({subject})" },
    untrusted: { severity: "error", message: "The certificate is not trusted: {reason}" },
    hostnameMismatch: { severity: "error", message: "The certificate does not cover {host}: {reason}" },
    incompleteChain: { severity: "warning", message: "The server does not send the intermediate certificates ({issuer} is missing)" },
  },
  evaluate({ page, tls }, site) {
    if (tls.kind === "skipped")
      return { outcome: "noHttps", evidence: page, proof: `the page is ${page.url}`, data: { reason: tls.reason } };
    if (tls.kind === "failure") return { outcome: "handshakeFailed", evidence: tls, data: { reason: tls.error.message } };
    const leaf = tls.chain[0];
    if (tls.hostnameError) return { outcome: "hostnameMismatch", evidence: tls, data: { host: tls.host, reason: tls.hostnameError } };
    const code = tls.authorizationError;
    if (!code || EXPIRY_CODES.has(code)) return { outcome: "valid", evidence: tls };
    if (code === "DEPTH_ZERO_SELF_SIGNED_CERT") return { outcome: "selfSigned", evidence: tls, data: { subject: leaf?.subject ?? "?" } };
    // The leaf alone was sent and its issuer is not a root we know: the intermediate is missing.
    if (code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" && leaf && !leaf.selfIssued)
      return { outcome: "incompleteChain", evidence: tls, data: { issuer: leaf.issuer } };
    return { outcome: "untrusted", evidence: tls, data: { reason: code, host: site.host } };
  },
});
