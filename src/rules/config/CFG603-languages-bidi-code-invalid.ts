import { LANGUAGE_CODE_RE } from "../../django/known-code.js";
import { pyRepr } from "../../python/value.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  invalid: "LANGUAGES_BIDI holds {tag}, which is not a language tag",
} as const;

export default defineSettingsRule({
  code: "CFG603",
  slug: "languages-bidi-code-invalid",
  area: "config",
  severity: "error",
  djangoCheck: "translation.E003",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "An entry of LANGUAGES_BIDI is not a valid language tag.",
    why: "Right-to-left detection compares the active language with these codes: a malformed code never matches, and the page renders left-to-right.",
    fix: "Use language tags with a dash, as in Django's default: ['he', 'ar', 'ar-dz', 'fa', 'ur', ...].",
    bad: { "mysite/settings.py": 'LANGUAGES_BIDI = ["he", "ar_DZ"]\n' },
    good: { "mysite/settings.py": 'LANGUAGES_BIDI = ["he", "ar-dz"]\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#languages-bidi"],
  },
  messages,
  test(world) {
    const tags = world.items("LANGUAGES_BIDI");
    if (!tags) return undefined;
    // translation.py check_setting_languages_bidi.
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    for (const tag of tags) {
      if (tag.kind === "unknown" || tag.kind === "alternatives" || tag.kind === "external") unknown = true;
      else if (tag.kind !== "str" || !LANGUAGE_CODE_RE.test(tag.value)) {
        verdicts.push({ at: "LANGUAGES_BIDI", messageId: "invalid", data: { tag: pyRepr(tag) ?? "a value" } });
      }
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
