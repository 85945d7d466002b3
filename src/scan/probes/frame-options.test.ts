import { probeTester, response } from "../tester.js";
import probe from "./frame-options.js";

const SITE = "https://app.example.com/";
const t = probeTester(probe);
t.fires("neither header (XFrameOptionsMiddleware removed)", { page: response(SITE) }, { outcome: "missing" });
t.fires(
  "a value browsers ignore",
  { page: response(SITE, { headers: { "X-Frame-Options": "ALLOWALL" } }) },
  { outcome: "invalid", includes: "ALLOWALL" },
);
t.fires(
  "ALLOW-FROM",
  { page: response(SITE, { headers: { "X-Frame-Options": "ALLOW-FROM https://a.example" } }) },
  { outcome: "allowFrom" },
);
t.quiet("Django's default DENY", { page: response(SITE, { headers: { "X-Frame-Options": "DENY" } }) }, { outcome: "xFrameOptions" });
t.quiet(
  "CSP frame-ancestors",
  { page: response(SITE, { headers: { "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'" } }) },
  {
    outcome: "frameAncestors",
  },
);
t.fires(
  "frame-ancestors only in <meta>, which browsers ignore",
  {
    page: response(SITE, { body: '<meta http-equiv="Content-Security-Policy" content="frame-ancestors \'none\'">' }),
  },
  { outcome: "missing" },
);
