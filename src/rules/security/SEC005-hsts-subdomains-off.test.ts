import { ruleTester } from "../tester.js";
import rule from "./SEC005-hsts-subdomains-off.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const t = ruleTester(rule);
t.fires(
  "HSTS on, subdomains left at False",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 3600\n` } },
  {
    djangoCheck: "security.W005",
    messageId: "off",
  },
);
t.fires(
  "1 is not True",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_INCLUDE_SUBDOMAINS = 1\n` } },
  {
    line: 3,
  },
);
t.fires(
  'the string "0" is truthy: HSTS counts as on',
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = "0"\n` } },
  { djangoCheck: "security.W005" },
);
t.quiet("HSTS off: W004's business", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 0\n` } });
t.quiet("subdomains on", { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n` } });
t.quiet("no SecurityMiddleware", { files: { "app/settings.py": "SECURE_HSTS_SECONDS = 3600\n" } });
t.fires(
  "preload without subdomains says why the preload list refuses it, under the same check",
  { files: { "app/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n` } },
  { djangoCheck: "security.W005", messageId: "offWithPreload" },
);
