import { after, before } from "node:test";
import { setToday } from "../../util/clock.js";
import { ruleTester } from "../tester.js";
import rule from "./SEC101-django-unsupported.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);
before(() => setToday("2026-11-25"));
after(() => setToday(undefined));

t.fires(
  "4.2 LTS after April 2026",
  { files: { ...SETTINGS, "requirements.txt": "celery==5.3.6\nDjango==4.2.30\n" } },
  {
    file: "requirements.txt",
    line: 2,
    messageId: "ended",
    severity: "error",
    message: /since April 2026.*current LTS is 5\.2, supported until April 2028/,
  },
);
t.fires(
  "a range whose newest series is unsupported",
  { files: { ...SETTINGS, "requirements.txt": "Django>=3.2,<4.0\n" } },
  { line: 1, messageId: "ended", message: /Django 3\.2 .*since April 2024/ },
);
t.fires(
  "a series older than the table",
  { files: { ...SETTINGS, "requirements.txt": "Django==2.2.28\n" } },
  { line: 1, messageId: "ended", message: /Django 2\.2/ },
);
t.fires(
  "a lock file pin",
  { files: { ...SETTINGS, "poetry.lock": '[[package]]\nname = "django"\nversion = "5.1.15"\n' } },
  { file: "poetry.lock", line: 2, message: /Django 5\.1 .*since December 2025/ },
);
t.fires(
  "6.0 within six months of its end of support: info",
  { files: { ...SETTINGS, "requirements.txt": "Django==6.0.6\n" } },
  { line: 1, messageId: "endsSoon", severity: "info", message: /until the end of April 2027/ },
);
t.quiet("the current LTS", { files: { ...SETTINGS, "requirements.txt": "Django==5.2.15\n" } });
t.quiet("a patch release newer than the table knows", { files: { ...SETTINGS, "requirements.txt": "Django==5.2.18\n" } });
t.quiet("no pin at all", { files: { ...SETTINGS, "requirements.txt": "celery==5.3.6\n" } });
