import { defineProbe, type ProbeResult } from "../define.js";

export default defineProbe({
  id: "tls-protocols",
  code: "SCN013",
  area: "security",
  doc: {
    what: "Makes one handshake offering TLS 1.2 and 1.3 and one offering only TLS 1.0 and 1.1, and reports what the server accepts.",
    why: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and weaker; TLS 1.3 is faster (one round trip fewer) and drops the weak ciphers.",
    fix: "Offer TLS 1.2 and 1.3 only: ssl_protocols TLSv1.2 TLSv1.3; in nginx (Mozilla's intermediate configuration).",
    references: ["https://ssl-config.mozilla.org/", "https://www.rfc-editor.org/rfc/rfc8996"],
  },
  requests: { modern: { kind: "tls", variant: "default" }, legacy: { kind: "tls", variant: "legacy" } },
  outcomes: {
    modern: { severity: "ok" },
    legacy: { severity: "warning", message: "The server still accepts {protocol}" },
    noTls13: { severity: "info", message: "TLS 1.3 is not offered (the handshake settled on {protocol})" },
    notApplicable: { severity: "ok" },
  },
  evaluate({ modern, legacy }) {
    if (modern.kind !== "tls") return { outcome: "notApplicable" };
    const results: ProbeResult<"legacy" | "noTls13">[] = [];
    if (legacy.kind === "tls" && legacy.protocol && /^TLSv1(\.1)?$/.test(legacy.protocol))
      results.push({
        outcome: "legacy",
        evidence: legacy,
        proof: `handshake completed with ${legacy.protocol}`,
        data: { protocol: legacy.protocol },
      });
    if (modern.protocol !== "TLSv1.3") results.push({ outcome: "noTls13", evidence: modern, data: { protocol: modern.protocol ?? "?" } });
    return results.length > 0 ? results : { outcome: "modern", evidence: modern };
  },
});
