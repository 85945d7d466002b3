import { probeTester, response, skipped } from "../tester.js";
import probe from "./static-compression.js";

const CSS = "https://app.example.com/static/css/site.4f3b2a1c9d8e.css";
const t = probeTester(probe);
t.fires(
  "a 40 KB stylesheet sent raw",
  { asset: response(CSS, { headers: { "Content-Type": "text/css", "Content-Length": "40000" }, body: "a".repeat(1000) }) },
  { outcome: "uncompressed", includes: "40000 bytes of text/css" },
);
t.fires(
  "a script without Content-Length, counted as read",
  {
    asset: response(CSS.replace(".css", ".js"), {
      headers: { "Content-Type": "application/javascript; charset=utf-8" },
      body: "x".repeat(5000),
    }),
  },
  { outcome: "uncompressed" },
);
t.quiet(
  "gzip",
  { asset: response(CSS, { headers: { "Content-Type": "text/css", "Content-Encoding": "gzip", "Content-Length": "9000" } }) },
  { outcome: "compressed" },
);
t.quiet(
  "a small file, not worth compressing",
  { asset: response(CSS, { headers: { "Content-Type": "text/css", "Content-Length": "102" } }) },
  { outcome: "small" },
);
t.quiet(
  "an image",
  { asset: response(CSS, { headers: { "Content-Type": "image/png", "Content-Length": "90000" } }) },
  { outcome: "notText" },
);
t.quiet("no asset", { asset: skipped() });
