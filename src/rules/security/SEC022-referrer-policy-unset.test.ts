import { ruleTester } from "../tester.js";
import rule from "./SEC022-referrer-policy-unset.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const t = ruleTester(rule);
t.fires("set to None", { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = None\n` } }, { line: 2, djangoCheck: "security.W022" });
t.quiet("Django's default same-origin", { files: { "app/settings.py": MW } });
t.quiet("an invalid value is E023's business", { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = ""\n` } });
