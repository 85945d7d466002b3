import { defineSettingsRule } from "../define.js";
import { fileSystemFinderChecks } from "./staticfiles-finders.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n';

export default defineSettingsRule({
  code: "STC001",
  slug: "staticfiles-dirs-not-list",
  area: "static",
  severity: "error",
  djangoCheck: "staticfiles.E001",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "STATICFILES_DIRS is not a list or tuple.",
    why: "A single string (usually a forgotten trailing comma in a tuple) is read character by character: none of your static folders is collected.",
    fix: "Make STATICFILES_DIRS a list: STATICFILES_DIRS = [BASE_DIR / 'static'].",
    bad: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = ("static")\n`, "static/site.css": "" },
    good: { "mysite/settings.py": `${APPS}STATICFILES_DIRS = ("static",)\n`, "static/site.css": "" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#staticfiles-dirs"],
  },
  messages: {
    notList: "STATICFILES_DIRS is {value}, not a list or tuple",
  },
  test(world) {
    const runs = fileSystemFinderChecks(world);
    if (runs === false) return false;
    // finders.py FileSystemFinder.check(): isinstance(settings.STATICFILES_DIRS, (list, tuple)).
    const dirs = world.value("STATICFILES_DIRS");
    if (dirs.kind === "list" || dirs.kind === "tuple") return false;
    if (dirs.kind === "unknown" || dirs.kind === "alternatives" || dirs.kind === "external" || runs === undefined) return undefined;
    return { at: "STATICFILES_DIRS", messageId: "notList", data: { value: world.repr("STATICFILES_DIRS") } };
  },
});
