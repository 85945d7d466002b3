import { probeTester, response, skipped } from "../tester.js";
import probe from "./cors.js";

const SITE = "https://app.example.com/";
const cors = (headers: Record<string, string>) => response(SITE, { headers, requestHeaders: { Origin: "https://djship-probe.invalid" } });
const t = probeTester(probe);
t.fires(
  "CORS_ALLOW_ALL_ORIGINS with CORS_ALLOW_CREDENTIALS (django-cors-headers reflects the Origin)",
  { cors: cors({ "Access-Control-Allow-Origin": "https://djship-probe.invalid", "Access-Control-Allow-Credentials": "true" }) },
  { outcome: "reflectsWithCredentials", evidence: "Access-Control-Allow-Credentials: true" },
);
t.fires(
  "a wildcard with credentials",
  { cors: cors({ "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true" }) },
  {
    outcome: "wildcardWithCredentials",
  },
);
t.fires(
  "any Origin reflected, no credentials",
  { cors: cors({ "Access-Control-Allow-Origin": "https://djship-probe.invalid" }) },
  { outcome: "reflects" },
);
t.quiet("no CORS", { cors: cors({}) }, { outcome: "none" });
t.quiet("a public API", { cors: cors({ "Access-Control-Allow-Origin": "*" }) }, { outcome: "wildcard" });
t.quiet("an allow-list", {
  cors: cors({ "Access-Control-Allow-Origin": "https://app.example.com", "Access-Control-Allow-Credentials": "true" }),
});
t.quiet("not requested", { cors: skipped() });
