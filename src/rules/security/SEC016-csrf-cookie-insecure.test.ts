import { ruleTester } from "../tester.js";
import rule from "./SEC016-csrf-cookie-insecure.js";

const MW = 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n';
const t = ruleTester(rule);
t.fires("left at False", { files: { "app/settings.py": MW } }, { djangoCheck: "security.W016" });
t.fires(
  "1 is not True since 4.1",
  { files: { "app/settings.py": `${MW}CSRF_COOKIE_SECURE = 1\n` } },
  { line: 2, djangoCheck: "security.W016" },
);
t.quiet("1 passes in 4.0", { files: { "app/settings.py": `${MW}CSRF_COOKIE_SECURE = 1\n` }, djangoVersion: "4.0" });
t.quiet("token kept in the session", { files: { "app/settings.py": `${MW}CSRF_USE_SESSIONS = True\n` } });
t.quiet("no CSRF middleware: W003's business", { files: { "app/settings.py": "MIDDLEWARE = []\n" } });
