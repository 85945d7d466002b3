import { failure, probeTester, response } from "../tester.js";
import probe from "./allowed-hosts.js";

const SITE = "https://app.example.com/";
const HOME = "<html><head><title>Shop</title></head><body>Products</body></html>";
const t = probeTester(probe);
t.fires(
  "ALLOWED_HOSTS = ['*'] answers a foreign Host with the site",
  { page: response(SITE, { body: HOME }), foreignHost: response(SITE, { body: HOME, requestHeaders: { Host: "djship-probe.invalid" } }) },
  { outcome: "acceptsAnyHost", includes: "answered 200" },
);
t.fires(
  "SECURE_SSL_REDIRECT to the foreign host",
  {
    page: response(SITE, { body: HOME }),
    foreignHost: response(SITE, { status: 301, headers: { Location: "https://djship-probe.invalid/" } }),
  },
  { outcome: "redirectsToForeignHost", evidence: "Location: https://djship-probe.invalid/" },
);
t.quiet("Django's 400 for a disallowed host", { page: response(SITE, { body: HOME }), foreignHost: response(SITE, { status: 400 }) });
t.quiet("nginx's default server closes the connection (return 444)", {
  page: response(SITE, { body: HOME }),
  foreignHost: failure(SITE, "protocol", "the connection was closed before a complete response"),
});
t.quiet(
  "a proxy's own default page is another site",
  { page: response(SITE, { body: HOME }), foreignHost: response(SITE, { body: "<title>Welcome to nginx!</title>" }) },
  { outcome: "otherSite" },
);
