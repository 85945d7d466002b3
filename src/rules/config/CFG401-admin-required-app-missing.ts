import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  missing: "django.contrib.admin is installed without {app}, which the admin needs",
  crash: "django.contrib.admin is installed without {app}: Django stops at start-up, as the admin's models need its models",
} as const;

/** admin/checks.py check_dependencies: the apps the admin needs, with their error numbers. */
const DEPENDENCIES = [
  ["django.contrib.contenttypes", "admin.E401"],
  ["django.contrib.auth", "admin.E405"],
  ["django.contrib.messages", "admin.E406"],
] as const;

/** The key from the environment: 3.2's admin autodiscovery stops on an empty one. */
const KEY = 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n';
const APPS = '    "django.contrib.admin",\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n';

export default defineSettingsRule({
  code: "CFG401",
  slug: "admin-required-app-missing",
  area: "config",
  severity: "error",
  djangoCheck: "admin.E401",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "django.contrib.admin is installed without contenttypes (admin.E401), auth (admin.E405) or messages (admin.E406); without the first two Django does not even start.",
    why: "The admin's models, login and messages live in these apps: without them the admin fails on its first request.",
    fix: "Add the missing apps to INSTALLED_APPS.",
    bad: { "mysite/settings.py": `${KEY}INSTALLED_APPS = [\n${APPS}]\n` },
    good: { "mysite/settings.py": `${KEY}INSTALLED_APPS = [\n${APPS}    "django.contrib.messages",\n]\n` },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#overview"],
  },
  messages,
  test(world) {
    const admin = world.installed("django.contrib.admin");
    if (admin === false) return false;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = admin === undefined;
    for (const [app, id] of DEPENDENCIES) {
      const installed = world.installed(app);
      if (installed === undefined) unknown = true;
      else if (!installed) {
        // The admin's LogEntry model refers to contenttypes' and auth's models: without those apps
        // apps.populate() raises RuntimeError before any check, so E401 and E405 never print.
        const crashes = app !== "django.contrib.messages";
        verdicts.push({ at: "INSTALLED_APPS", messageId: crashes ? "crash" : "missing", data: { app }, djangoCheck: crashes ? null : id });
      }
    }
    if (verdicts.length > 0 && admin === true) return verdicts;
    return unknown ? undefined : false;
  },
});
