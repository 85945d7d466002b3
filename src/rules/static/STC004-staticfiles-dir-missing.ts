import { posix } from "node:path";
import { pathText } from "../../model/production.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { fileSystemFinderChecks, staticDirs } from "./staticfiles-finders.js";

const SETTINGS =
  'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nINSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATICFILES_DIRS = [BASE_DIR / "assets"]\n';
const messages = {
  missing: "STATICFILES_DIRS lists {dir}, a folder that does not exist",
} as const;

export default defineSettingsRule({
  code: "STC004",
  slug: "staticfiles-dir-missing",
  area: "static",
  severity: "warning",
  djangoCheck: "staticfiles.W004",
  djangoSeries: { since: "4.0" },
  since: "0.1.0",
  reads: ["settings", "files"],
  doc: {
    what: "A folder listed in STATICFILES_DIRS does not exist in the project.",
    why: "collectstatic skips it silently: whatever you expected from it (a build output, vendored assets) is missing in production.",
    fix: "Create the folder (commit it with a .gitkeep, or build it before collectstatic), or remove it from STATICFILES_DIRS.",
    bad: { "mysite/settings.py": SETTINGS },
    good: { "mysite/settings.py": SETTINGS, "assets/.gitkeep": "" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#staticfiles-dirs"],
  },
  messages,
  test(world) {
    const runs = fileSystemFinderChecks(world);
    if (runs === false) return false;
    const code = world.code;
    const dirs = staticDirs(world);
    if (!dirs || !code) return undefined;
    // finders.py (4.0+): os.path.isdir(root), relative to the working directory.
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = runs === undefined;
    for (const dir of dirs) {
      const path = pathText(dir.root);
      const exists = path === undefined ? undefined : code.isDirectory(posix.resolve(code.root, path));
      if (exists === undefined) unknown = true;
      else if (!exists) {
        const shown = path?.startsWith(`${code.root}/`) ? path.slice(code.root.length + 1) : path;
        verdicts.push({ at: "STATICFILES_DIRS", messageId: "missing", data: { dir: String(shown) } });
      }
    }
    if (verdicts.length > 0 && runs === true) return verdicts;
    return unknown ? undefined : false;
  },
});
