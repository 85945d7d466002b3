import { LANGUAGE_CODE_RE } from "../../django/known-code.js";
import { pyRepr } from "../../python/value.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  invalid: "LANGUAGES holds {tag}, which is not a language tag",
} as const;

export default defineSettingsRule({
  code: "CFG602",
  slug: "languages-code-invalid",
  area: "config",
  severity: "error",
  djangoCheck: "translation.E002",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "An entry of LANGUAGES has a code that is not a valid language tag.",
    why: "Such a language can never be activated: the language switcher offers it and nothing happens.",
    fix: "Use language tags with a dash: ('pt-br', 'Brazilian Portuguese').",
    bad: { "mysite/settings.py": 'LANGUAGES = [("en", "English"), ("pt_BR", "Brazilian Portuguese")]\n' },
    good: { "mysite/settings.py": 'LANGUAGES = [("en", "English"), ("pt-br", "Brazilian Portuguese")]\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#languages"],
  },
  messages,
  test(world) {
    const languages = world.items("LANGUAGES");
    if (!languages) return undefined;
    // translation.py check_setting_languages: `for tag, _ in settings.LANGUAGES`.
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    for (const item of languages) {
      if ((item.kind !== "list" && item.kind !== "tuple") || item.items.length !== 2) {
        unknown = true;
        continue;
      }
      const tag = item.items[0];
      if (!tag || tag.kind === "unknown" || tag.kind === "alternatives" || tag.kind === "external") unknown = true;
      else if (tag.kind !== "str" || !LANGUAGE_CODE_RE.test(tag.value)) {
        verdicts.push({ at: "LANGUAGES", messageId: "invalid", data: { tag: pyRepr(tag) ?? "a value" } });
      }
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
