import { removedSettings } from "../../django/removed-settings.js";
import { defineSettingsRule, type Verdict } from "../define.js";

const messages = {
  removed: "{name} has had no effect since Django {since}, and this project runs {series}: {effect}; {instead}",
} as const;

export default defineSettingsRule({
  code: "CFG107",
  slug: "setting-removed",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  // An ignored setting is a mistake on whichever path assigns it, whatever the environment chooses.
  everyPath: true,
  doc: {
    what: "The settings assign a setting that the Django series in use no longer reads: STATICFILES_STORAGE and DEFAULT_FILE_STORAGE from 5.1, USE_L10N from 5.0, PASSWORD_RESET_TIMEOUT_DAYS from 4.0, MIDDLEWARE_CLASSES from 2.0 and others.",
    why: "Django ignores a removed setting without a word, so what it asked for silently stops happening after an upgrade: STATICFILES_STORAGE on 5.1 means collectstatic writes unhashed files and the manifest is gone; DEFAULT_FILE_STORAGE means uploads land on the container's disk instead of the bucket.",
    fix: "Replace the setting by its successor (STORAGES for the storage settings), or delete it.",
    bad: { "mysite/settings.py": 'STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"\n' },
    good: {
      "mysite/settings.py":
        'STORAGES = {\n    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},\n    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},\n}\n',
    },
    references: [
      "https://docs.djangoproject.com/en/stable/internals/deprecation/",
      "https://docs.djangoproject.com/en/stable/releases/5.1/#features-removed-in-5-1",
    ],
  },
  messages,
  test(world) {
    const verdicts: Verdict<typeof messages>[] = [];
    for (const setting of removedSettings(world.series)) {
      if (!world.isOverridden(setting.name)) continue;
      verdicts.push({
        at: setting.name,
        messageId: "removed",
        data: { name: setting.name, since: setting.ignoredSince, series: world.series, effect: setting.effect, instead: setting.instead },
      });
    }
    return verdicts.length > 0 ? verdicts : false;
  },
});
