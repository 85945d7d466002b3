import { probeTester, response } from "../tester.js";
import probe from "./cookies.js";

const SITE = "https://app.example.com/";
const ADMIN = "https://app.example.com/admin/login/";
const HSTS = { "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload" };
const t = probeTester(probe);
t.fires(
  "Django's default csrftoken on plain HTTP (CSRF_COOKIE_SECURE = False)",
  {
    page: response("http://127.0.0.1:8000/"),
    admin: response("http://127.0.0.1:8000/admin/login/", {
      headers: { "Set-Cookie": "csrftoken=abc; expires=Wed, 24 Nov 2027 16:16:34 GMT; Max-Age=31449600; Path=/; SameSite=Lax" },
    }),
  },
  { outcome: "withoutSecure", includes: "csrftoken", evidence: "Set-Cookie: csrftoken=abc" },
);
t.fires(
  "sessionid without Secure (SESSION_COOKIE_SECURE = False)",
  { page: response(SITE, { headers: { "Set-Cookie": "sessionid=xyz; HttpOnly; Path=/; SameSite=Lax" } }) },
  { outcome: "sessionWithoutSecure", includes: "sessionid" },
);
t.fires(
  "sessionid readable by scripts (SESSION_COOKIE_HTTPONLY = False)",
  { page: response(SITE, { headers: { ...HSTS, "Set-Cookie": "sessionid=xyz; Secure; Path=/; SameSite=Lax" } }) },
  { outcome: "sessionWithoutHttpOnly" },
);
t.fires(
  "csrftoken without SameSite (CSRF_COOKIE_SAMESITE = None)",
  { page: response(SITE, { headers: { ...HSTS, "Set-Cookie": "csrftoken=abc; Secure; Path=/" } }) },
  { outcome: "csrfWithoutSameSite" },
);
t.fires(
  "SameSite=None without Secure",
  { page: response(SITE, { headers: { ...HSTS, "Set-Cookie": ["csrftoken=abc; Secure; SameSite=Lax", "prefs=1; SameSite=None"] } }) },
  { outcome: "withoutSecureHsts", includes: "prefs" },
);
t.fires(
  "an invalid SameSite",
  { page: response(SITE, { headers: { "Set-Cookie": "theme=dark; Secure; SameSite=Sometimes" } }) },
  { outcome: "sameSiteInvalid" },
);
t.quiet(
  "Secure, HttpOnly session, SameSite everywhere",
  {
    page: response(SITE, { headers: { ...HSTS, "Set-Cookie": "sessionid=xyz; HttpOnly; Secure; Path=/; SameSite=Lax" } }),
    admin: response(ADMIN, { headers: { "Set-Cookie": "csrftoken=abc; Secure; Path=/; SameSite=Strict" } }),
  },
  { outcome: "secure" },
);
t.quiet("no cookies", { page: response(SITE), admin: response(ADMIN, { status: 404 }) }, { outcome: "none" });
t.quiet("a deletion is not a cookie the browser keeps", {
  page: response(SITE, { headers: { "Set-Cookie": 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/' } }),
});
