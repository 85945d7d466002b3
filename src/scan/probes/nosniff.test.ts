import { probeTester, response } from "../tester.js";
import probe from "./nosniff.js";

const SITE = "https://app.example.com/";
const t = probeTester(probe);
t.fires("missing (SECURE_CONTENT_TYPE_NOSNIFF = False)", { page: response(SITE) }, { outcome: "missing" });
t.fires(
  "a wrong value",
  { page: response(SITE, { headers: { "X-Content-Type-Options": "sniff" } }) },
  { outcome: "invalid", includes: "sniff" },
);
t.quiet("nosniff", { page: response(SITE, { headers: { "X-Content-Type-Options": "nosniff" } }) });
t.quiet("any case", { page: response(SITE, { headers: { "X-Content-Type-Options": " NoSniff " } }) });
