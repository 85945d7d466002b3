import { ruleTester } from "../tester.js";
import rule from "./SEC105-hsts-short.js";

const MW = 'import os\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const t = ruleTester(rule);
t.fires(
  "an hour",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 3600\n` } },
  { line: 3, messageId: "short", message: "(1 hour)" },
);
t.fires(
  "a short default from the environment",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "60"))\n` } },
  { line: 3, message: /^Insecure default: SECURE_HSTS_SECONDS is 60/, env: ["HSTS_SECONDS"] },
);
t.fires(
  "a string of digits is what the header carries",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = os.environ.get("HSTS_SECONDS", "86400")\n` } },
  { line: 3, message: "(1 day)" },
);
t.fires(
  "preload with less than a year",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 2592000\nSECURE_HSTS_PRELOAD = True\n` } },
  { line: 3, messageId: "shortPreload" },
);
t.quiet("a year", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\n` } });
t.quiet("two years", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 63072000\n` } });
t.quiet("zero is SEC004's", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 0\n` } });
t.quiet("no SecurityMiddleware, no header", { files: { "app/settings.py": "SECURE_HSTS_SECONDS = 3600\n" } });
t.quiet("a required variable", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = int(os.environ["HSTS_SECONDS"])\n` } });
