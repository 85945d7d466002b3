import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { fileSystemFinderChecks, staticDirs } from "./staticfiles-finders.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n';
const messages = {
  slash: "The STATICFILES_DIRS prefix '{prefix}' ends with a slash",
} as const;

export default defineSettingsRule({
  code: "STC003",
  slug: "staticfiles-prefix-trailing-slash",
  area: "static",
  severity: "error",
  djangoCheck: "staticfiles.E003",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "A (prefix, folder) entry of STATICFILES_DIRS has a prefix ending with '/'.",
    why: "The prefix is joined to file names with a slash of its own: files end up under a doubled slash that no URL matches.",
    fix: "Drop the trailing slash: ('vendor', BASE_DIR / 'vendor').",
    bad: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = [("vendor/", "vendor")]\n`, "vendor/lib.js": "" },
    good: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = [("vendor", "vendor")]\n`, "vendor/lib.js": "" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#prefixes-optional"],
  },
  messages,
  test(world) {
    const runs = fileSystemFinderChecks(world);
    if (runs === false) return false;
    const dirs = staticDirs(world);
    if (!dirs) return undefined;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = runs === undefined;
    for (const dir of dirs) {
      if (!dir.prefix) continue;
      if (dir.prefix.kind !== "str") unknown = true;
      else if (dir.prefix.value.endsWith("/"))
        verdicts.push({ at: "STATICFILES_DIRS", messageId: "slash", data: { prefix: dir.prefix.value } });
    }
    if (verdicts.length > 0 && runs === true) return verdicts;
    return unknown ? undefined : false;
  },
});
