import { probeTester, response } from "../tester.js";
import probe from "./csp.js";

const SITE = "https://app.example.com/";
const csp = (value: string) => response(SITE, { headers: { "Content-Security-Policy": value } });
const t = probeTester(probe);
t.fires("no policy", { page: response(SITE) }, { outcome: "missing" });
t.fires(
  "report-only",
  { page: response(SITE, { headers: { "Content-Security-Policy-Report-Only": "default-src 'self'" } }) },
  { outcome: "reportOnly" },
);
t.fires(
  "'unsafe-inline' scripts",
  { page: csp("default-src 'self'; script-src 'self' 'unsafe-inline'") },
  {
    outcome: "unsafeInline",
    includes: "script-src 'unsafe-inline'",
  },
);
t.fires(
  "no script-src nor default-src",
  { page: csp("img-src 'self'; frame-ancestors 'none'") },
  { outcome: "unsafeInline", includes: "no script-src" },
);
t.fires(
  "https: as a script source",
  { page: csp("default-src 'self'; script-src https:") },
  { outcome: "unsafeInline", includes: "https:" },
);
t.fires(
  "scripts over plain HTTP",
  { page: csp("default-src 'self'; script-src 'self' http://cdn.example.com; object-src 'none'") },
  {
    outcome: "insecureScheme",
  },
);
t.fires(
  "'unsafe-eval'",
  { page: csp("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'") },
  { outcome: "unsafeEval" },
);
t.fires("images over HTTP", { page: csp("default-src 'self'; img-src 'self' http://img.example.com") }, { outcome: "insecurePassive" });
t.fires("inline styles", { page: csp("default-src 'self'; style-src 'self' 'unsafe-inline'") }, { outcome: "unsafeInlineStyle" });
t.fires(
  "a repeated directive",
  { page: csp("default-src 'self'; script-src 'self'; script-src 'unsafe-inline'") },
  { outcome: "invalid", includes: "repeated" },
);
t.fires("'strict-dynamic' without a nonce", { page: csp("script-src 'strict-dynamic'") }, { outcome: "invalid" });
t.fires(
  "a <meta> policy with inline scripts",
  {
    page: response(SITE, { body: `<meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline'">` }),
  },
  { outcome: "unsafeInline" },
);
t.quiet("default-src 'self'", { page: csp("default-src 'self'; frame-ancestors 'none'; base-uri 'none'") }, { outcome: "implemented" });
t.quiet(
  "default-src 'none'",
  { page: csp("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'") },
  { outcome: "strict" },
);
t.quiet("a nonce makes 'unsafe-inline' a fallback", {
  page: csp("default-src 'self'; script-src 'nonce-abc123' 'unsafe-inline' 'strict-dynamic'; object-src 'none'"),
});
