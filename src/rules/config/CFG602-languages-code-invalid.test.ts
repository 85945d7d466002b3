import { ruleTester } from "../tester.js";
import rule from "./CFG602-languages-code-invalid.js";

const t = ruleTester(rule);
t.fires(
  "one error per bad tag",
  { files: { "app/settings.py": 'LANGUAGES = [("en_GB", "British"), ("de", "German"), ("fr FR", "French")]\n' } },
  { message: "'en_GB'", djangoCheck: "translation.E002" },
  { message: "'fr FR'", djangoCheck: "translation.E002" },
);
t.quiet("Django's own LANGUAGES", { files: { "app/settings.py": "DEBUG = False\n" } });
