import { LANGUAGE_CODE_RE } from "../../django/known-code.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG601",
  slug: "language-code-invalid",
  area: "config",
  severity: "error",
  djangoCheck: "translation.E001",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "LANGUAGE_CODE is not a valid language tag (for example 'en_US' instead of 'en-us').",
    why: "Django matches LANGUAGE_CODE against its catalogs and the Accept-Language header in the 'xx-yy' form: an underscore code finds no translations.",
    fix: "Use a language tag with a dash: LANGUAGE_CODE = 'en-us'.",
    bad: { "mysite/settings.py": 'LANGUAGE_CODE = "en_US"\n' },
    good: { "mysite/settings.py": 'LANGUAGE_CODE = "en-us"\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#language-code"],
  },
  messages: {
    invalid: "LANGUAGE_CODE is {value}, which is not a language tag",
  },
  test(world) {
    // translation.py check_setting_language_code.
    const value = world.value("LANGUAGE_CODE");
    if (value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external") return undefined;
    if (value.kind === "str" && LANGUAGE_CODE_RE.test(value.value)) return false;
    return { at: "LANGUAGE_CODE", messageId: "invalid", data: { value: world.repr("LANGUAGE_CODE") } };
  },
});
