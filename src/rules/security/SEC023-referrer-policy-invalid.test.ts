import { ruleTester } from "../tester.js";
import rule from "./SEC023-referrer-policy-invalid.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const t = ruleTester(rule);
t.fires(
  "an unknown policy",
  { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = "same_origin"\n` } },
  { line: 2, djangoCheck: "security.E023" },
);
t.fires(
  "the empty string is {''}",
  { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = ""\n` } },
  { djangoCheck: "security.E023" },
);
t.fires("list items are not stripped", { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = [" origin"]\n` } }, { line: 2 });
t.quiet("a comma-separated string is stripped", {
  files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = "no-referrer, strict-origin-when-cross-origin"\n` },
});
t.quiet("an empty list passes", { files: { "app/settings.py": `${MW}SECURE_REFERRER_POLICY = []\n` } });
t.quiet("no SecurityMiddleware", { files: { "app/settings.py": 'SECURE_REFERRER_POLICY = "bogus"\n' } });
