import { probeTester, response } from "../tester.js";
import probe from "./referrer-policy.js";

const SITE = "https://app.example.com/";
const t = probeTester(probe);
t.fires(
  "unsafe-url",
  { page: response(SITE, { headers: { "Referrer-Policy": "unsafe-url" } }) },
  { outcome: "unsafe", includes: "unsafe-url" },
);
t.fires("a value browsers do not know", { page: response(SITE, { headers: { "Referrer-Policy": "none" } }) }, { outcome: "invalid" });
t.fires(
  "a <meta> that loosens the header",
  {
    page: response(SITE, {
      headers: { "Referrer-Policy": "same-origin" },
      body: '<meta name="referrer" content="no-referrer-when-downgrade">',
    }),
  },
  { outcome: "unsafe" },
);
t.fires("no policy at all (info: browsers default to strict-origin-when-cross-origin)", { page: response(SITE) }, { outcome: "missing" });
t.quiet(
  "Django's default same-origin",
  { page: response(SITE, { headers: { "Referrer-Policy": "same-origin" } }) },
  { outcome: "private" },
);
t.quiet("a fallback list ending in a private policy", {
  page: response(SITE, { headers: { "Referrer-Policy": "no-referrer, strict-origin-when-cross-origin" } }),
});
