import { ruleTester } from "../tester.js";
import rule from "./SEC013-session-cookie-httponly-off.js";

const APP = 'INSTALLED_APPS = ["django.contrib.sessions"]\n';
const MW = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';
const t = ruleTester(rule);
t.fires(
  "both: W015",
  { files: { "app/settings.py": `${APP + MW}SESSION_COOKIE_HTTPONLY = False\n` } },
  { djangoCheck: "security.W015", line: 3 },
);
t.fires("app only: W013", { files: { "app/settings.py": `${APP}SESSION_COOKIE_HTTPONLY = False\n` } }, { djangoCheck: "security.W013" });
t.fires("middleware only: W014", { files: { "app/settings.py": `${MW}SESSION_COOKIE_HTTPONLY = 0\n` } }, { djangoCheck: "security.W014" });
t.fires(
  '"yes" is not True since 4.1',
  { files: { "app/settings.py": `${APP}SESSION_COOKIE_HTTPONLY = "yes"\n` } },
  { djangoCheck: "security.W013" },
);
t.quiet('"yes" is truthy in 3.2', { files: { "app/settings.py": `${APP}SESSION_COOKIE_HTTPONLY = "yes"\n` }, djangoVersion: "3.2" });
t.quiet("Django's default is True", { files: { "app/settings.py": APP + MW } });
