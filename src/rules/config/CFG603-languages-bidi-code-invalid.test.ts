import { ruleTester } from "../tester.js";
import rule from "./CFG603-languages-bidi-code-invalid.js";

const t = ruleTester(rule);
t.fires("an underscore", { files: { "app/settings.py": 'LANGUAGES_BIDI = ["ar_DZ"]\n' } }, { djangoCheck: "translation.E003" });
t.quiet("Django's default", { files: { "app/settings.py": "DEBUG = False\n" } });
