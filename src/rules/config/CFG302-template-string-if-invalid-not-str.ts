import { atLeast } from "../../django/versions.js";
import { pyRepr, str, typeName } from "../../python/value.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { engineOption, templateEngines } from "./django-templates.js";

const ENGINE = '"BACKEND": "django.template.backends.django.DjangoTemplates"';
const messages = {
  notStr: "TEMPLATES[{index}] OPTIONS['string_if_invalid'] is {value}, not a string",
} as const;

export default defineSettingsRule({
  code: "CFG302",
  slug: "template-string-if-invalid-not-str",
  area: "config",
  severity: "error",
  djangoCheck: "templates.E002",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "A template engine's OPTIONS['string_if_invalid'] is not a string.",
    why: "Django inserts this value wherever a template variable is invalid: anything but a string breaks rendering of those templates.",
    fix: "Use a string, usually the default '' (never a debugging marker in production).",
    bad: { "mysite/settings.py": `TEMPLATES = [{${ENGINE}, "OPTIONS": {"string_if_invalid": None}}]\n` },
    good: { "mysite/settings.py": `TEMPLATES = [{${ENGINE}, "OPTIONS": {"string_if_invalid": ""}}]\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/templates/api/#how-invalid-variables-are-handled"],
  },
  messages,
  test(world) {
    const engines = templateEngines(world);
    if (!engines) return undefined;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    // Up to 5.0 every TEMPLATES entry is checked; since 5.1 each DjangoTemplates engine checks itself.
    const djangoOnly = atLeast(world.series, "5.1");
    for (const engine of engines) {
      if (djangoOnly && engine.isDjango !== true) {
        if (engine.isDjango === undefined) unknown = true;
        continue;
      }
      const value = engineOption(engine, "string_if_invalid", str(""));
      if (!value || value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external" || value.kind === "object") {
        unknown = true;
        continue;
      }
      if (value.kind !== "str") {
        verdicts.push({
          at: "TEMPLATES",
          messageId: "notStr",
          data: { index: engine.index, value: `${pyRepr(value) ?? "a value"} (${typeName(value)})` },
        });
      }
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
