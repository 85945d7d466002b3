import { ruleTester } from "../tester.js";
import rule from "./CFG604-language-code-not-in-languages.js";

const LANGUAGES = 'LANGUAGES = [("en", "English"), ("de", "German"), ("pt-br", "Brazilian Portuguese")]\n';
const t = ruleTester(rule);
t.fires("not offered", { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "fr"\n` } }, { djangoCheck: "translation.E004" });
t.fires(
  "underscore: no variant matches",
  { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "en_US"\n` } },
  { djangoCheck: "translation.E004" },
);
t.fires(
  "a language without any catalog stops setup when contrib.auth is installed",
  {
    files: {
      "app/settings.py": `INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]\nLANGUAGES = [("xx", "X")]\nLANGUAGE_CODE = "xx"\n`,
    },
  },
  { djangoCheck: null, messageId: "noCatalog" },
);
t.quiet("a project app has its own catalog for the language", {
  files: {
    "app/settings.py": `INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "app"]\nLANGUAGES = [("xx", "X")]\nLANGUAGE_CODE = "xx"\n`,
    "app/locale/xx/LC_MESSAGES/django.mo": "",
  },
});
t.quiet("en-us falls back to en", { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "en-us"\n` } });
t.quiet("pt falls forward to pt-br (no catalog check there)", { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "pt"\n` } });
t.quiet("4.1+ compares case-insensitively", { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "DE"\n` } });
t.fires(
  "4.0 compares case-sensitively",
  { files: { "app/settings.py": `${LANGUAGES}LANGUAGE_CODE = "DE"\n` }, djangoVersion: "4.0" },
  {
    djangoCheck: "translation.E004",
  },
);
t.quiet("USE_I18N off: trans_null accepts LANGUAGE_CODE itself", {
  files: { "app/settings.py": `${LANGUAGES}USE_I18N = False\nLANGUAGE_CODE = "fr"\n` },
});
t.fires(
  "USE_I18N off and an empty code (4.1+)",
  { files: { "app/settings.py": `${LANGUAGES}USE_I18N = False\nLANGUAGE_CODE = ""\n` } },
  {
    djangoCheck: "translation.E004",
  },
);
