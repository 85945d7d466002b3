import { failure, probeTester, skipped, tlsObservation } from "../tester.js";
import probe from "./tls-protocols.js";

const t = probeTester(probe);
t.fires(
  "TLS 1.0 still accepted",
  { modern: tlsObservation(), legacy: tlsObservation({ variant: "legacy", protocol: "TLSv1" }) },
  {
    outcome: "legacy",
    includes: "TLSv1",
  },
);
t.fires(
  "TLS 1.2 at most",
  { modern: tlsObservation({ protocol: "TLSv1.2" }), legacy: failure("TLS app.example.com:443", "tls", "unsupported protocol") },
  {
    outcome: "noTls13",
    includes: "TLSv1.2",
  },
);
t.quiet(
  "TLS 1.3 and no legacy protocol",
  { modern: tlsObservation(), legacy: failure("TLS app.example.com:443", "tls", "unsupported protocol") },
  { outcome: "modern" },
);
t.quiet("no HTTPS", { modern: skipped(), legacy: skipped() });
