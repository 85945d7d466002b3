import { contribApp, djangoClass } from "../../django/known-code.js";
import { atLeast } from "../../django/versions.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import type { Tri, World } from "../world.js";

const AUTO_FIELD = "django.db.models.fields.AutoField";

const messages = {
  implicit: "{model} gets an auto-created primary key of type {field}: neither DEFAULT_AUTO_FIELD nor {config}.default_auto_field is set",
  broken: "DEFAULT_AUTO_FIELD is {value}, {why}: Django stops at start-up when it builds the primary key of {model}",
} as const;

/** Whether DEFAULT_AUTO_FIELD names an AutoField subclass (Options._get_default_pk_class), with why not. */
function autoFieldProblem(world: World): string | false | undefined {
  const value = world.value("DEFAULT_AUTO_FIELD");
  if (value.kind !== "str") return value.kind === "none" ? "which is empty" : undefined;
  if (value.value === "") return "which is empty";
  const ancestors = djangoClass(value.value);
  if (ancestors) return ancestors.includes(AUTO_FIELD) ? false : "which is not an AutoField";
  const code = world.code;
  if (!code || value.value.startsWith("django.")) return undefined;
  const symbol = code.dotted(value.value);
  if (symbol.kind === "missing-module" || symbol.kind === "missing-attribute") return "which cannot be imported";
  const sub: Tri = code.isSubclass(symbol, AUTO_FIELD);
  return sub === undefined ? undefined : sub ? false : "which is not an AutoField";
}

const MODELS = "from django.db import models\n\n\nclass Product(models.Model):\n    name = models.CharField(max_length=100)\n";

export default defineSettingsRule({
  code: "DB042",
  slug: "auto-field-implicit",
  area: "database",
  severity: "warning",
  djangoCheck: "models.W042",
  djangoSeries: { until: "5.2" },
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A model of a project app gets an auto-created primary key while neither DEFAULT_AUTO_FIELD nor the app's AppConfig.default_auto_field is set (Django 3.2–5.2).",
    why: "The key type then follows Django's default: setting it later (or upgrading to 6.0, where the default is BigAutoField) generates migrations that rewrite every primary and foreign key column.",
    fix: "Set DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField' (or the type your existing tables use) in the settings.",
    bad: { "mysite/settings.py": 'INSTALLED_APPS = ["shop"]\n', "shop/models.py": MODELS },
    good: {
      "mysite/settings.py": 'INSTALLED_APPS = ["shop"]\nDEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"\n',
      "shop/models.py": MODELS,
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#default-auto-field"],
  },
  messages,
  test(world) {
    // 6.0 made BigAutoField the default and removed the warning.
    if (atLeast(world.series, "6.0")) return false;
    const code = world.code;
    const entries = world.items("INSTALLED_APPS");
    if (!code || !entries) return undefined;
    // Model._check_default_pk: not abstract, pk auto-created, not a multi-table child,
    // DEFAULT_AUTO_FIELD not set in the settings module, the AppConfig class not overriding it.
    const overridden = world.isOverridden("DEFAULT_AUTO_FIELD");
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    let broken: string | false | undefined = false;
    for (const entry of entries) {
      if (entry.kind !== "str") {
        unknown = true;
        continue;
      }
      // Every contrib app with models sets default_auto_field or gives its models explicit keys.
      if (contribApp(entry.value)) continue;
      const app = code.app(entry.value);
      const models = app ? code.models(app) : undefined;
      if (!app || !models) {
        unknown = true;
        continue;
      }
      for (const model of models) {
        if (model.isModel === false || model.abstract === true) continue;
        if (model.isModel === undefined || model.abstract === undefined || model.pk === undefined) {
          unknown = true;
          continue;
        }
        if (model.pk !== "auto") continue;
        if (app.overridesDefaultAutoField === undefined) {
          unknown = true;
          continue;
        }
        if (app.overridesDefaultAutoField) continue;
        const place = { file: model.file, line: model.line, column: model.column };
        const label = `${app.name.split(".").pop()}.${model.name}`;
        if (!overridden) {
          verdicts.push({
            at: "DEFAULT_AUTO_FIELD",
            messageId: "implicit",
            data: { model: label, field: world.repr("DEFAULT_AUTO_FIELD"), config: app.configClass },
            place,
          });
        } else if (broken === false) {
          // The app's models take DEFAULT_AUTO_FIELD: a path that is not an AutoField stops setup.
          const problem = autoFieldProblem(world);
          if (problem === undefined) unknown = true;
          else if (problem) {
            broken = problem;
            verdicts.push({
              at: "DEFAULT_AUTO_FIELD",
              messageId: "broken",
              data: { value: world.repr("DEFAULT_AUTO_FIELD"), why: problem, model: label },
              djangoCheck: null,
            });
          }
        }
      }
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
