import { ruleTester } from "../tester.js";
import rule from "./SEC010-session-cookie-insecure.js";

const APP = 'INSTALLED_APPS = ["django.contrib.sessions"]\n';
const MW = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';
const t = ruleTester(rule);
t.fires("app and middleware: W012 alone", { files: { "app/settings.py": APP + MW } }, { djangoCheck: "security.W012", messageId: "both" });
t.fires("app only: W010", { files: { "app/settings.py": APP } }, { djangoCheck: "security.W010", messageId: "app" });
t.fires("middleware only: W011", { files: { "app/settings.py": MW } }, { djangoCheck: "security.W011", messageId: "middleware" });
t.fires(
  "the AppConfig path is not the app for this check: W011 only",
  { files: { "app/settings.py": `INSTALLED_APPS = ["django.contrib.sessions.apps.SessionsConfig"]\n${MW}` } },
  { djangoCheck: "security.W011" },
);
t.fires(
  "1 is not True since 4.1",
  { files: { "app/settings.py": `${APP + MW}SESSION_COOKIE_SECURE = 1\n` }, djangoVersion: "4.1" },
  {
    djangoCheck: "security.W012",
  },
);
t.quiet("1 is truthy enough for 4.0", { files: { "app/settings.py": `${APP + MW}SESSION_COOKIE_SECURE = 1\n` }, djangoVersion: "4.0" });
t.quiet("secure", { files: { "app/settings.py": `${APP + MW}SESSION_COOKIE_SECURE = True\n` } });
t.quiet("no sessions at all", { files: { "app/settings.py": "INSTALLED_APPS = []\n" } });
