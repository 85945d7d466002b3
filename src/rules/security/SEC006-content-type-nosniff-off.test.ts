import { ruleTester } from "../tester.js";
import rule from "./SEC006-content-type-nosniff-off.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const t = ruleTester(rule);
t.fires(
  "turned off",
  { files: { "app/settings.py": `${MW}SECURE_CONTENT_TYPE_NOSNIFF = False\n` } },
  {
    line: 2,
    djangoCheck: "security.W006",
  },
);
t.fires('the string "True"', { files: { "app/settings.py": `${MW}SECURE_CONTENT_TYPE_NOSNIFF = "True"\n` } }, { line: 2 });
t.quiet("Django's default (True since 3.0)", { files: { "app/settings.py": MW } });
t.quiet("no SecurityMiddleware", { files: { "app/settings.py": "SECURE_CONTENT_TYPE_NOSNIFF = False\n" } });
