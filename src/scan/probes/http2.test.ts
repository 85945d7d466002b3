import { probeTester, skipped, tlsObservation } from "../tester.js";
import probe from "./http2.js";

const t = probeTester(probe);
t.fires("the server picks http/1.1", { tls: tlsObservation({ alpn: "http/1.1" }) }, { outcome: "http1Only", includes: "http/1.1" });
t.fires("no ALPN at all", { tls: tlsObservation({ alpn: null }) }, { outcome: "http1Only", includes: "none chosen" });
t.quiet("h2", { tls: tlsObservation({ alpn: "h2" }) }, { outcome: "h2" });
t.quiet("no HTTPS", { tls: skipped() });
