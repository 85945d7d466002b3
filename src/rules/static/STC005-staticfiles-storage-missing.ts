import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n';

export default defineSettingsRule({
  code: "STC005",
  slug: "staticfiles-storage-missing",
  area: "static",
  severity: "error",
  djangoCheck: "staticfiles.E005",
  djangoSeries: { since: "5.0" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "django.contrib.staticfiles is installed but STORAGES has no 'staticfiles' entry.",
    why: "collectstatic and the {% static %} tag look up the 'staticfiles' storage: without it they fail (Django 4.2 sets STATICFILES_STORAGE to None and breaks the same way).",
    fix: 'Keep a \'staticfiles\' entry when you override STORAGES: STORAGES = {"default": {...}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}.',
    bad: { "mysite/settings.py": `${APPS}STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}\n` },
    good: {
      "mysite/settings.py": `${APPS}STORAGES = {\n    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},\n    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},\n}\n`,
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#storages"],
  },
  messages: {
    missing: "STORAGES has no 'staticfiles' entry, so collectstatic and {% static %} have no storage",
  },
  test(world) {
    // STORAGES arrived in 4.2; the check (staticfiles/checks.py check_storages) in 5.0.
    if (!atLeast(world.series, "4.2")) return false;
    const installed = world.installed("django.contrib.staticfiles");
    if (installed === false) return false;
    const present = world.contains("STORAGES", "staticfiles");
    if (present === true) return false;
    if (present === undefined || installed === undefined) return undefined;
    return { at: "STORAGES", messageId: "missing" };
  },
});
