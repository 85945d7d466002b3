import { defineSettingsRule } from "../define.js";
import { catalogExists, supportedLanguageVariant } from "./translation.js";

const LANGUAGES = 'USE_I18N = True\nLANGUAGES = [("en", "English"), ("de", "German")]\n';

export default defineSettingsRule({
  code: "CFG604",
  slug: "language-code-not-in-languages",
  area: "config",
  severity: "error",
  djangoCheck: "translation.E004",
  since: "0.1.0",
  reads: ["settings", "files", "python"],
  doc: {
    what: "LANGUAGE_CODE is not one of LANGUAGES (nor a variant of one that has translations).",
    why: "Django falls back to LANGUAGE_CODE when no other language matches: if that language is not offered, pages come out in a language the site does not support.",
    fix: "Add the language to LANGUAGES, or set LANGUAGE_CODE to one of them.",
    bad: { "mysite/settings.py": `${LANGUAGES}LANGUAGE_CODE = "fr"\n` },
    good: { "mysite/settings.py": `${LANGUAGES}LANGUAGE_CODE = "en-us"\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#language-code"],
  },
  messages: {
    unsupported: "LANGUAGE_CODE is {value}, which is not in LANGUAGES",
    noCatalog: "LANGUAGE_CODE is {value}, a language with no translation catalog: Django stops at start-up with OSError",
  },
  test(world) {
    const value = world.value("LANGUAGE_CODE");
    if (value.kind !== "str") return undefined;
    const data = { value: world.repr("LANGUAGE_CODE") };
    // trans_real.DjangoTranslation: the default language must have a catalog; contrib.auth's
    // many-to-many models translate a string while the apps load, so setup fails before any check.
    const i18n = world.truthy("USE_I18N");
    if (i18n === true && world.installed("django.contrib.auth") === true && catalogExists(world, value.value) === false) {
      return { at: "LANGUAGE_CODE", messageId: "noCatalog", data, djangoCheck: null };
    }
    // translation.py check_language_settings_consistent.
    const supported = supportedLanguageVariant(world, value.value);
    if (supported === undefined) return undefined;
    return supported ? false : { at: "LANGUAGE_CODE", messageId: "unsupported", data };
  },
});
