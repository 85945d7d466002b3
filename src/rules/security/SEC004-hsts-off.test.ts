import { ruleTester } from "../tester.js";
import rule from "./SEC004-hsts-off.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nimport os\n';
const t = ruleTester(rule);

t.fires(
  "left at Django's default of 0",
  { files: { "app/settings.py": MW } },
  { file: "app/settings.py", line: 1, djangoCheck: "security.W004" },
);
t.fires(
  "None",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = None\n` } },
  { line: 3, djangoCheck: "security.W004", message: /None/ },
);
t.fires(
  "0 by default while the variable is unset",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "0"))\n` } },
  { line: 3, env: ["HSTS"], djangoCheck: null },
);
t.quiet("a year", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\n` } });
t.quiet("the string '0' is truthy, and Django tests truthiness", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = "0"\n` } });
t.quiet("no SecurityMiddleware: the setting has no effect, SEC001 says so", { files: { "app/settings.py": "SECURE_HSTS_SECONDS = 0\n" } });
