import { atLeast } from "../../django/versions.js";
import { truthy } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";
import { templateEngines } from "./django-templates.js";

const ENGINE = '"BACKEND": "django.template.backends.django.DjangoTemplates"';
const LOADERS = '"OPTIONS": {"loaders": ["django.template.loaders.filesystem.Loader"]}';

export default defineSettingsRule({
  code: "CFG301",
  slug: "templates-app-dirs-with-loaders",
  area: "config",
  severity: "error",
  djangoCheck: "templates.E001",
  djangoSeries: { until: "5.0" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "A TEMPLATES entry sets APP_DIRS: True and also OPTIONS['loaders'].",
    why: "The template engine refuses this combination: Django stops with ImproperlyConfigured as soon as the engine is built (the admin builds it at start-up; from 5.1 the checks do).",
    fix: "Remove APP_DIRS and list 'django.template.loaders.app_directories.Loader' in OPTIONS['loaders'] yourself.",
    bad: { "mysite/settings.py": `TEMPLATES = [{${ENGINE}, "APP_DIRS": True, ${LOADERS}}]\n` },
    good: { "mysite/settings.py": `TEMPLATES = [{${ENGINE}, ${LOADERS}}]\n` },
    djangoVersion: "4.2",
    references: ["https://docs.djangoproject.com/en/stable/ref/templates/api/#django.template.Engine"],
  },
  messages: {
    both: "TEMPLATES[{index}] sets both APP_DIRS and OPTIONS['loaders']",
    crash: "TEMPLATES[{index}] sets both APP_DIRS and OPTIONS['loaders']: Django stops with ImproperlyConfigured when it builds the engine",
  },
  test(world) {
    const engines = templateEngines(world);
    if (!engines) return undefined;
    let unknown = false;
    for (const engine of engines) {
      // templates.py check_setting_app_dirs_loaders: conf.get("APP_DIRS") and "loaders" in OPTIONS.
      const appDirs = engine.config.entries.get("s:APP_DIRS")?.value;
      const on = appDirs ? truthy(appDirs) : false;
      if (on === false) continue;
      const options = engine.config.entries.get("s:OPTIONS")?.value;
      if (!options) continue;
      if (on === undefined || options.kind !== "dict") {
        unknown = true;
        continue;
      }
      if (!options.entries.has("s:loaders")) continue;
      const data = { index: engine.index };
      // Up to 5.0 the check reports it, unless the admin's own check builds the engines first and
      // crashes; since 5.1 the templates check builds them itself, and crashes.
      const admin = world.installed("django.contrib.admin");
      if (!atLeast(world.series, "5.1") && admin === false) return { at: "TEMPLATES", messageId: "both", data };
      return { at: "TEMPLATES", messageId: "crash", data, djangoCheck: null };
    }
    return unknown ? undefined : false;
  },
});
