import { chain, failure, probeTester } from "../tester.js";
import probe from "./https-redirect.js";

const HTTP = "http://app.example.com/";
const t = probeTester(probe);
t.fires(
  "HTTP served without a redirect",
  { http: chain(HTTP, [{ url: HTTP, status: 200, location: "" }]) },
  { outcome: "missing", includes: "(200)" },
);
t.fires(
  "redirect to another host first",
  { http: chain(HTTP, [{ url: HTTP, status: 301, location: "https://www.example.com/" }]) },
  { outcome: "offHost", includes: "www.example.com" },
);
t.fires(
  "http to http, then https",
  {
    http: chain(HTTP, [
      { url: HTTP, status: 301, location: "http://www.example.com/" },
      { url: "http://www.example.com/", status: 301, location: "https://www.example.com/" },
    ]),
  },
  { outcome: "notHttpsFirst" },
);
t.fires(
  "redirects but stays on http",
  {
    http: chain(HTTP, [
      { url: HTTP, status: 302, location: "http://app.example.com/en/" },
      { url: "http://app.example.com/en/", status: 200, location: "" },
    ]),
  },
  { outcome: "notToHttps" },
);
t.quiet(
  "one hop to https on the same host (another port is fine)",
  {
    http: chain("http://app.example.com:8080/", [
      { url: "http://app.example.com:8080/", status: 301, location: "https://app.example.com:8443/" },
    ]),
  },
  { outcome: "toHttps" },
);
t.quiet("nothing listens on port 80", { http: failure(HTTP) }, { outcome: "noHttp" });
