import { ruleTester } from "../tester.js";
import rule from "./CFG601-language-code-invalid.js";

const t = ruleTester(rule);
t.fires(
  "from the environment",
  {
    files: { "app/settings.py": 'import os\nLANGUAGE_CODE = os.environ.get("LANG_CODE", "en-us")\n' },
    environment: { LANG_CODE: "en_US" },
  },
  { line: 2, env: ["LANG_CODE"], djangoCheck: "translation.E001" },
);
t.fires("not a string", { files: { "app/settings.py": "LANGUAGE_CODE = None\n" } }, { djangoCheck: "translation.E001" });
t.quiet("a tag with a script subtag", { files: { "app/settings.py": 'LANGUAGE_CODE = "sr-latn"\n' } });
