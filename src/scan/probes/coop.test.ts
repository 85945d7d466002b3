import { probeTester, response } from "../tester.js";
import probe from "./coop.js";

const SITE = "https://app.example.com/";
const t = probeTester(probe);
t.fires("stripped by the proxy", { page: response(SITE) }, { outcome: "missing" });
t.fires("unsafe-none", { page: response(SITE, { headers: { "Cross-Origin-Opener-Policy": "unsafe-none" } }) }, { outcome: "unsafeNone" });
t.fires("a typo", { page: response(SITE, { headers: { "Cross-Origin-Opener-Policy": "same_origin" } }) }, { outcome: "invalid" });
t.quiet("Django's default same-origin", { page: response(SITE, { headers: { "Cross-Origin-Opener-Policy": "same-origin" } }) });
t.quiet("same-origin-allow-popups for OAuth pop-ups", {
  page: response(SITE, { headers: { "Cross-Origin-Opener-Policy": "same-origin-allow-popups" } }),
});
