import { ruleTester } from "../tester.js";
import rule from "./STC004-staticfiles-dir-missing.js";

const SETTINGS =
  'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nINSTALLED_APPS = ["django.contrib.staticfiles"]\n';
const t = ruleTester(rule);
t.fires(
  "a (prefix, folder) pair whose folder is missing",
  {
    files: {
      "app/settings.py": `${SETTINGS}STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", BASE_DIR / "vendor")]\n`,
      "static/app.css": "",
    },
  },
  { message: "vendor", djangoCheck: "staticfiles.W004" },
);
t.fires(
  "3.2 has no such check",
  { files: { "app/settings.py": `${SETTINGS}STATICFILES_DIRS = [BASE_DIR / "missing"]\n` }, djangoVersion: "3.2" },
  { djangoCheck: null },
);
t.fires(
  "a relative folder resolves against the project root",
  { files: { "app/settings.py": `${SETTINGS}STATICFILES_DIRS = ["assets"]\n` } },
  { djangoCheck: "staticfiles.W004" },
);
t.quiet("every folder exists", { files: { "app/settings.py": `${SETTINGS}STATICFILES_DIRS = ["static"]\n`, "static/app.css": "" } });
t.quiet("a folder outside the project: cannot know", {
  files: { "app/settings.py": `${SETTINGS}STATICFILES_DIRS = ["/srv/elsewhere"]\n` },
});
