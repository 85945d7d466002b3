import { ruleTester } from "../tester.js";
import rule from "./SEC019-x-frame-options-not-deny.js";

const MW = 'MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]\n';
const t = ruleTester(rule);
t.fires("SAMEORIGIN", { files: { "app/settings.py": `${MW}X_FRAME_OPTIONS = "SAMEORIGIN"\n` } }, { line: 2, djangoCheck: "security.W019" });
t.fires("lower-case deny: the comparison is exact", { files: { "app/settings.py": `${MW}X_FRAME_OPTIONS = "deny"\n` } }, { line: 2 });
t.quiet("Django's default DENY", { files: { "app/settings.py": MW } });
t.quiet("no middleware: W002's business", { files: { "app/settings.py": 'X_FRAME_OPTIONS = "SAMEORIGIN"\n' } });
