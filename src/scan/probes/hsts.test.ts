import { probeTester, response, tlsObservation } from "../tester.js";
import probe from "./hsts.js";

const SITE = "https://app.example.com/";
const page = (value?: string) => response(SITE, { headers: value === undefined ? {} : { "Strict-Transport-Security": value } });
const t = probeTester(probe);
t.fires("no header", { page: page(), tls: tlsObservation() }, { outcome: "missing", evidence: "no Strict-Transport-Security header" });
t.fires(
  "a one-hour max-age (SECURE_HSTS_SECONDS = 3600)",
  { page: page("max-age=3600"), tls: tlsObservation() },
  { outcome: "short", includes: "3600" },
);
t.fires(
  "set twice",
  { page: response(SITE, { headers: { "Strict-Transport-Security": ["max-age=31536000", "max-age=60"] } }), tls: tlsObservation() },
  {
    outcome: "invalid",
  },
);
t.fires("no max-age", { page: page("includeSubDomains"), tls: tlsObservation() }, { outcome: "invalid" });
t.fires(
  "a year without preload",
  { page: page("max-age=31536000; includeSubDomains"), tls: tlsObservation() },
  {
    outcome: "notPreloadReady",
    includes: "preload",
  },
);
t.fires("plain HTTP", { page: response("http://127.0.0.1:8000/") }, { outcome: "noHttps" });
t.fires(
  "an untrusted certificate",
  {
    page: page("max-age=31536000; includeSubDomains; preload"),
    tls: tlsObservation({ authorized: false, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
  },
  { outcome: "invalidCertificate" },
);
t.quiet(
  "preload-ready, as Django's three HSTS settings send it",
  { page: page("max-age=31536000; includeSubDomains; preload"), tls: tlsObservation() },
  { outcome: "preloadReady" },
);
