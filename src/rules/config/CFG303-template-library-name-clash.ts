import { contribApp, DJANGO_TEMPLATE_LIBRARIES } from "../../django/known-code.js";
import { atLeast } from "../../django/versions.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { engineOption, type TemplateEngine, templateEngines } from "./django-templates.js";

const messages = {
  clash: "The template tag library name '{name}' is used by several modules: {modules}",
} as const;

const SETTINGS =
  'INSTALLED_APPS = ["shop"]\nTEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]\n';

export default defineSettingsRule({
  code: "CFG303",
  slug: "template-library-name-clash",
  area: "config",
  severity: "warning",
  djangoCheck: "templates.W003",
  djangoSeries: { since: "4.1" },
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "Two template tag libraries share a name: Django's templates.E003 (4.1–5.0, a warning) or templates.W003 (5.1+).",
    why: "{% load name %} loads only one of them, silently: templates that expect the other library's tags fail to render.",
    fix: "Rename your library module (shop/templatetags/shop_tags.py) so that no installed app or Django itself uses the same name.",
    bad: {
      "mysite/settings.py": SETTINGS,
      "shop/templatetags/static.py": "from django import template\n\nregister = template.Library()\n",
    },
    good: {
      "mysite/settings.py": SETTINGS,
      "shop/templatetags/shop_static.py": "from django import template\n\nregister = template.Library()\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/howto/custom-template-tags/"],
  },
  messages,
  test(world) {
    const code = world.code;
    const apps = world.items("INSTALLED_APPS");
    const engines = templateEngines(world);
    if (!apps || !engines) return undefined;
    // get_template_tag_modules(): django.templatetags, then every installed app's templatetags
    // package, each module that defines `register`.
    const installed = new Map<string, Set<string>>();
    const add = (into: Map<string, Set<string>>, name: string, module: string) => {
      const set = into.get(name) ?? new Set<string>();
      set.add(module);
      into.set(name, set);
    };
    for (const name of DJANGO_TEMPLATE_LIBRARIES) add(installed, name, `django.templatetags.${name}`);
    let unknown = false;
    for (const entry of apps) {
      if (entry.kind !== "str") {
        unknown = true;
        continue;
      }
      const contrib = contribApp(entry.value);
      if (contrib) {
        for (const name of contrib.templateLibraries) add(installed, name, `${contrib.name}.templatetags.${name}`);
        continue;
      }
      const app = code?.app(entry.value);
      const libraries = app && code ? code.templateLibraries(app) : undefined;
      // A third-party app's libraries are not known.
      if (!libraries) unknown = true;
      else for (const library of libraries) add(installed, library.name, library.module);
    }
    const customOf = (engine: TemplateEngine): [string, string][] | undefined => {
      const custom = engineOption(engine, "libraries", { kind: "dict", entries: new Map() });
      if (custom?.kind !== "dict") return undefined;
      const out: [string, string][] = [];
      for (const { key, value } of custom.entries.values()) {
        if (key.kind !== "str" || value.kind !== "str") return undefined;
        out.push([key.value, value.value]);
      }
      return out;
    };
    const clashes = (custom: [string, string][]) => {
      const all = new Map([...installed].map(([name, set]) => [name, new Set(set)]));
      for (const [name, module] of custom) add(all, name, module);
      return [...all]
        .filter(([, set]) => set.size > 1)
        .map(([name, set]) => ({
          name,
          modules: [...set]
            .sort()
            .map((m) => `'${m}'`)
            .join(", "),
        }));
    };
    const verdicts: Verdict<typeof messages>[] = [];
    if (atLeast(world.series, "5.1")) {
      // 5.1+: each DjangoTemplates engine checks its own libraries (templates.W003).
      for (const engine of engines) {
        if (engine.isDjango !== true) {
          if (engine.isDjango === undefined) unknown = true;
          continue;
        }
        const custom = customOf(engine);
        if (!custom) {
          unknown = true;
          continue;
        }
        for (const clash of clashes(custom))
          verdicts.push({ at: "TEMPLATES", messageId: "clash", data: clash, djangoCheck: "templates.W003" });
      }
    } else {
      // Up to 5.0: one check over every engine's OPTIONS['libraries'] (templates.E003, a warning since 4.1.2).
      const custom: [string, string][] = [];
      for (const engine of engines) {
        const own = customOf(engine);
        if (!own) unknown = true;
        else custom.push(...own);
      }
      for (const clash of clashes(custom))
        verdicts.push({ at: "TEMPLATES", messageId: "clash", data: clash, djangoCheck: "templates.E003" });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
