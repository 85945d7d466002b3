import { ruleTester } from "../tester.js";
import rule from "./STC002-staticfiles-dirs-contain-static-root.js";

const SETTINGS =
  'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nINSTALLED_APPS = ["django.contrib.staticfiles"]\n';
const t = ruleTester(rule);
t.fires(
  "a Path and a str naming the same folder",
  {
    files: {
      "app/settings.py": `${SETTINGS}STATIC_ROOT = BASE_DIR / "static"\nSTATICFILES_DIRS = [("x", str(BASE_DIR / "app" / ".." / "static"))]\n`,
    },
  },
  { djangoCheck: "staticfiles.E002" },
);
t.quiet("different folders", {
  files: { "app/settings.py": `${SETTINGS}STATIC_ROOT = BASE_DIR / "staticfiles"\nSTATICFILES_DIRS = [BASE_DIR / "static"]\n` },
});
t.quiet("no STATIC_ROOT", { files: { "app/settings.py": `${SETTINGS}STATICFILES_DIRS = [BASE_DIR / "static"]\n` } });
