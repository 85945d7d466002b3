import { ruleTester } from "../tester.js";
import rule from "./SEC024-cross-origin-opener-policy-invalid.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const BAD = `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = "same_origin"\n`;
const t = ruleTester(rule);
t.fires("an unknown policy", { files: { "app/settings.py": BAD } }, { line: 2, djangoCheck: "security.E024" });
t.quiet("3.2 has no such setting", { files: { "app/settings.py": BAD }, djangoVersion: "3.2" });
t.quiet("None sends no header", { files: { "app/settings.py": `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = None\n` } });
t.quiet("a list makes Django's check crash: undecided", {
  files: { "app/settings.py": `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = ["x"]\n` },
});
