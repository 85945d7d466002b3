import { probeTester, response, skipped } from "../tester.js";
import probe from "./static-caching.js";

const HASHED = "https://app.example.com/static/css/site.4f3b2a1c9d8e.css";
const t = probeTester(probe);
t.fires(
  "a hashed file cached for an hour",
  { asset: response(HASHED, { headers: { "Cache-Control": "max-age=3600" } }) },
  {
    outcome: "shortCache",
    includes: "3600 seconds",
  },
);
t.fires("a hashed file with no caching headers", { asset: response(HASHED) }, { outcome: "shortCache", includes: "no time at all" });
t.fires(
  "unhashed names (StaticFilesStorage)",
  { asset: response("https://app.example.com/static/css/site.css", { headers: { "Cache-Control": "max-age=60" } }) },
  { outcome: "unhashed", includes: "no content hash" },
);
t.quiet("nginx expires 30d", { asset: response(HASHED, { headers: { "Cache-Control": "max-age=2592000" } }) }, { outcome: "longCache" });
t.quiet("WhiteNoise's ten years", { asset: response(HASHED, { headers: { "Cache-Control": "max-age=315360000, public, immutable" } }) });
t.quiet("Expires a year after Date", {
  asset: response(HASHED, { headers: { Date: "Mon, 05 Jan 2026 00:00:00 GMT", Expires: "Tue, 05 Jan 2027 00:00:00 GMT" } }),
});
t.quiet("no asset", { asset: skipped() });
