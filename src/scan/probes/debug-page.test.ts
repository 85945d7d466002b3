import { failure, probeTester, response } from "../tester.js";
import probe from "./debug-page.js";

const SITE = "https://app.example.com/";
const MISSING = "https://app.example.com/djship-probe-abc/";
// Excerpts of Django 5.2's technical_404.html and technical_500.html as DEBUG = True renders them.
const TECHNICAL_404 =
  '<title>Page not found at /djship-probe-abc/</title><header id="summary"><h1>Page not found <small>(404)</small></h1></header>' +
  "<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>";
const TECHNICAL_500 =
  '<title>DisallowedHost at /</title><header id="summary"><table class="meta"><tr><th scope="row">Exception Type:</th><td>DisallowedHost</td></tr></table></header>' +
  '<div id="traceback"></div><p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>';
const PLAIN_404 = "<!doctype html><title>Not found</title><h1>Not Found</h1><p>The requested resource was not found on this server.</p>";

const t = probeTester(probe);
t.fires(
  "a missing page shows the technical 404",
  {
    page: response(SITE),
    missing: response(MISSING, { status: 404, body: TECHNICAL_404 }),
    foreignHost: response(SITE, { status: 400, body: "<h1>Bad Request (400)</h1>" }),
  },
  { outcome: "technical404", evidence: "DEBUG = True" },
);
t.fires(
  "a foreign Host header shows the technical 500 (DisallowedHost with DEBUG on)",
  {
    page: response(SITE),
    missing: response(MISSING, { status: 404, body: TECHNICAL_404 }),
    foreignHost: response(SITE, { status: 400, body: TECHNICAL_500, requestHeaders: { Host: "djship-probe.invalid" } }),
  },
  { outcome: "technical500", includes: "foreign Host header" },
);
t.quiet(
  "Django's plain 404 with DEBUG off",
  { page: response(SITE), missing: response(MISSING, { status: 404, body: PLAIN_404 }), foreignHost: response(SITE, { status: 400 }) },
  { outcome: "plain404" },
);
t.quiet("a page about DEBUG that is not Django's debug page", {
  page: response(SITE, { body: "<p>Never run with DEBUG = True in production</p>" }),
  missing: response(MISSING, { status: 404, body: PLAIN_404 }),
  foreignHost: failure(SITE, "protocol", "the connection was closed before a complete response"),
});
t.fires(
  "a catch-all answers 200 to a random path",
  { page: response(SITE), missing: response(MISSING, { body: "<title>Home</title>" }) },
  { outcome: "inconclusive", includes: "answered 200" },
);
