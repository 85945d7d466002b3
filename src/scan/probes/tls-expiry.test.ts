import { probeTester, skipped, tlsObservation } from "../tester.js";
import probe from "./tls-expiry.js";

const leaf = (validFrom: string, validTo: string) => [
  { subject: "CN=app", issuer: "CN=CA", subjectAltNames: [], validFrom, validTo, fingerprint256: "AA", selfIssued: false },
];
const NOW = "2026-03-01T00:00:00.000Z";
const t = probeTester(probe);
t.fires(
  "expired",
  { tls: tlsObservation({ observedAt: NOW, chain: leaf("2025-11-01T00:00:00.000Z", "2026-02-20T00:00:00.000Z") }) },
  {
    outcome: "expired",
    includes: "expired 9 days ago",
  },
);
t.fires(
  "three days left",
  { tls: tlsObservation({ observedAt: NOW, chain: leaf("2025-12-01T00:00:00.000Z", "2026-03-04T12:00:00.000Z") }) },
  {
    outcome: "imminent",
    includes: "3 days",
  },
);
t.fires(
  "two weeks left",
  { tls: tlsObservation({ observedAt: NOW, chain: leaf("2025-12-01T00:00:00.000Z", "2026-03-15T12:00:00.000Z") }) },
  {
    outcome: "soon",
    includes: "14 days",
  },
);
t.fires(
  "not valid yet",
  { tls: tlsObservation({ observedAt: NOW, chain: leaf("2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z") }) },
  {
    outcome: "notYetValid",
  },
);
t.quiet(
  "two months left",
  { tls: tlsObservation({ observedAt: NOW, chain: leaf("2026-02-01T00:00:00.000Z", "2026-05-01T00:00:00.000Z") }) },
  { outcome: "ok" },
);
t.quiet("no HTTPS", { tls: skipped() }, { outcome: "notApplicable" });
