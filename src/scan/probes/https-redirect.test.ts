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
t.fires(
  "a temporary 302 straight to https on the same host",
  { http: chain(HTTP, [{ url: HTTP, status: 302, location: "https://app.example.com/" }]) },
  { outcome: "temporary", includes: "temporary 302 (https://app.example.com/)" },
);
t.fires(
  "a 307 is temporary too",
  { http: chain(HTTP, [{ url: HTTP, status: 307, location: "https://app.example.com/login/" }]) },
  { outcome: "temporary", includes: "307" },
);
t.fires(
  "another host weighs before how the redirect was made (a 302 to https elsewhere)",
  { http: chain(HTTP, [{ url: HTTP, status: 302, location: "https://login.example.net/" }]) },
  { outcome: "offHost", includes: "login.example.net" },
);
t.quiet(
  "a 308 is permanent",
  { http: chain(HTTP, [{ url: HTTP, status: 308, location: "https://app.example.com/" }]) },
  { outcome: "toHttps" },
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
