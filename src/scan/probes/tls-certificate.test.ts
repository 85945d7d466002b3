import { failure, probeTester, response, skipped, tlsObservation } from "../tester.js";
import probe from "./tls-certificate.js";

const t = probeTester(probe);
t.fires(
  "plain HTTP only",
  { page: response("http://127.0.0.1:8000/"), tls: skipped("the site is served over plain HTTP") },
  { outcome: "noHttps", evidence: "the page is http://127.0.0.1:8000/" },
  {
    url: "http://127.0.0.1:8000/",
    finalUrl: "http://127.0.0.1:8000/",
    isHttps: false,
    host: "127.0.0.1",
  },
);
t.fires(
  "self-signed",
  { tls: tlsObservation({ authorized: false, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT" }) },
  { outcome: "selfSigned", includes: "CN=app.example.com" },
);
t.fires(
  "a private CA djship was not told about",
  { tls: tlsObservation({ authorized: false, authorizationError: "SELF_SIGNED_CERT_IN_CHAIN" }) },
  { outcome: "untrusted", includes: "SELF_SIGNED_CERT_IN_CHAIN" },
);
t.fires(
  "a certificate for another name",
  { tls: tlsObservation({ hostnameError: "Host: app.example.com. is not in the cert's altnames: DNS:other.example.net" }) },
  { outcome: "hostnameMismatch", includes: "other.example.net" },
);
t.fires(
  "the intermediate is missing",
  { tls: tlsObservation({ authorized: false, authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }) },
  { outcome: "incompleteChain", includes: "CN=Example CA" },
);
t.fires("the handshake fails", { tls: failure("TLS app.example.com:443", "tls", "wrong version number") }, { outcome: "handshakeFailed" });
t.quiet("a trusted certificate for the name", { tls: tlsObservation() }, { outcome: "valid" });
t.quiet("expired is tls-expiry's to report", { tls: tlsObservation({ authorized: false, authorizationError: "CERT_HAS_EXPIRED" }) });
