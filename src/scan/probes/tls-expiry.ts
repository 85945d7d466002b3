import { defineProbe } from "../define.js";

const DAY = 86_400_000;
// Let's Encrypt certificates last 90 days and certbot renews them 30 days before expiry: under
// three weeks left, renewal has been failing for over a week.
const WARN_DAYS = 21;
const ERROR_DAYS = 7;

export default defineProbe({
  id: "tls-expiry",
  code: "SCN012",
  area: "security",
  doc: {
    what: "Reads the validity dates of the site's certificate and reports the days left.",
    why: "An expired certificate takes the whole site down for every visitor; one close to expiry means automatic renewal is failing.",
    fix: "Renew automatically (certbot renew from a timer, or your platform's managed certificates) and alert when fewer than 21 days are left; reload nginx after renewal.",
    references: ["https://letsencrypt.org/docs/integration-guide/#when-to-renew"],
  },
  requests: { tls: { kind: "tls", variant: "default" } },
  outcomes: {
    ok: { severity: "ok" },
    expired: { severity: "error", message: "The certificate expired {days} days ago ({validTo})" },
    notYetValid: { severity: "error", message: "The certificate is not valid before {validFrom}" },
    imminent: { severity: "error", message: "The certificate expires in {days} days ({validTo})" },
    soon: { severity: "warning", message: "The certificate expires in {days} days ({validTo})" },
    notApplicable: { severity: "ok" },
  },
  evaluate({ tls }) {
    if (tls.kind !== "tls" || !tls.chain[0]) return { outcome: "notApplicable" };
    const leaf = tls.chain[0];
    const now = Date.parse(tls.observedAt);
    const from = Date.parse(leaf.validFrom);
    const to = Date.parse(leaf.validTo);
    const days = Math.floor((to - now) / DAY);
    const data = { days: Math.abs(days), validTo: leaf.validTo, validFrom: leaf.validFrom };
    const proof = `certificate valid until ${leaf.validTo}`;
    if (from > now) return { outcome: "notYetValid", evidence: tls, proof, data };
    if (to < now) return { outcome: "expired", evidence: tls, proof, data };
    if (days < ERROR_DAYS) return { outcome: "imminent", evidence: tls, proof, data };
    if (days < WARN_DAYS) return { outcome: "soon", evidence: tls, proof, data };
    return { outcome: "ok", evidence: tls, data };
  },
});
