import { ruleTester } from "../tester.js";
import rule from "./SEC021-hsts-preload-off.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nimport os\n';
const t = ruleTester(rule);
t.fires(
  "HSTS on without preload",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\n` } },
  {
    djangoCheck: "security.W021",
  },
);
t.fires(
  "preload from the environment as a string",
  {
    files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = os.environ.get("PRELOAD", "True")\n` },
    environment: { PRELOAD: "True" },
  },
  { line: 4, env: ["PRELOAD"], djangoCheck: "security.W021" },
);
t.quiet("preload on", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n` } });
t.quiet("HSTS off", { files: { "app/settings.py": MW } });
