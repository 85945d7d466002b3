import { ruleTester } from "../tester.js";
import rule from "./SEC102-django-security-release-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "4.2.11 misses every later 4.2 security release",
  { files: { ...SETTINGS, "requirements.txt": "Django==4.2.11\n" } },
  {
    file: "requirements.txt",
    line: 1,
    messageId: "behind",
    message: /misses 15 security release\(s\) of 4\.2, up to 4\.2\.30 \(2026-04-07\), fixing CVE-2024-38875/,
  },
);
t.fires(
  "one release behind lists its CVEs",
  { files: { ...SETTINGS, "requirements.txt": "Django==5.2.14\n" } },
  {
    line: 1,
    message:
      /misses 1 security release\(s\) of 5\.2, up to 5\.2\.15 .*CVE-2026-6873, CVE-2026-7666, CVE-2026-8404, CVE-2026-35193, CVE-2026-48587 \(/,
  },
);
t.fires(
  "a uv.lock pin",
  { files: { ...SETTINGS, "uv.lock": 'version = 1\n\n[[package]]\nname = "django"\nversion = "5.2.1"\n' } },
  { file: "uv.lock", line: 4 },
);
t.quiet("the latest security release", { files: { ...SETTINGS, "requirements.txt": "Django==5.2.15\n" } });
t.quiet("a newer patch release than the table knows", { files: { ...SETTINGS, "requirements.txt": "Django==5.2.18\n" } });
t.quiet("a range: the installed patch release is unknown", { files: { ...SETTINGS, "requirements.txt": "Django>=5.2,<6.0\n" } });
