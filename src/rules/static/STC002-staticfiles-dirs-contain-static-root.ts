import { posix } from "node:path";
import { pathText } from "../../model/production.js";
import { defineSettingsRule } from "../define.js";
import { fileSystemFinderChecks, staticDirs } from "./staticfiles-finders.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "static"\n';

export default defineSettingsRule({
  code: "STC002",
  slug: "staticfiles-dirs-contain-static-root",
  area: "static",
  severity: "error",
  djangoCheck: "staticfiles.E002",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "STATICFILES_DIRS lists the STATIC_ROOT folder.",
    why: "collectstatic would copy the folder into itself: STATIC_ROOT is where collected files go, not a source of them.",
    fix: "Keep your own static files in a separate folder (BASE_DIR / 'static') and collect them into another (BASE_DIR / 'staticfiles').",
    bad: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = ["static"]\n`, "static/site.css": "" },
    good: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = ["assets"]\n`, "assets/site.css": "" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#staticfiles-dirs"],
  },
  messages: {
    contains: "STATICFILES_DIRS lists STATIC_ROOT ({root}), the folder collectstatic writes to",
  },
  test(world) {
    const runs = fileSystemFinderChecks(world);
    if (runs === false) return false;
    const root = world.code?.root;
    const staticRoot = world.value("STATIC_ROOT");
    const rootTruthy = world.truthy("STATIC_ROOT");
    if (rootTruthy === false) return false;
    const dirs = staticDirs(world);
    if (!dirs || !root) return undefined;
    // finders.py: os.path.abspath(settings.STATIC_ROOT) == os.path.abspath(root).
    const target = pathText(staticRoot);
    if (target === undefined) return undefined;
    const absolute = posix.resolve(root, target);
    let unknown = false;
    for (const dir of dirs) {
      const path = pathText(dir.root);
      if (path === undefined) unknown = true;
      else if (posix.resolve(root, path) === absolute) {
        return runs === undefined ? undefined : { at: "STATICFILES_DIRS", messageId: "contains", data: { root: target } };
      }
    }
    return unknown ? undefined : false;
  },
});
