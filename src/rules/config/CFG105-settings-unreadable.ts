import { defineRule } from "../define.js";

export default defineRule({
  code: "CFG105",
  slug: "settings-unreadable",
  area: "config",
  severity: "info",
  since: "0.2.0",
  reads: ["settings"],
  doc: {
    what: "djship could not follow part of the settings (code it does not evaluate, a file it will not read, or its evaluation bound), so the settings that depend on it are unknown.",
    why: "This is a limit of djship, not a fault of the project: Django may well load these settings. But rules cannot judge a value djship does not know, so checks on the settings this part may set are skipped rather than guessed.",
    fix: "Nothing is wrong with the project on this account. To have djship check these settings, write them as plain assignments djship can read (or report the construct at djship's issue tracker); pass the production environment with --env or --env-file so fewer values depend on it.",
    bad: { "mysite/settings.py": 'exec(open("mysite/extra_settings.py").read())\nDEBUG = False\n' },
    good: { "mysite/settings.py": "DEBUG = False\n" },
    references: ["https://docs.djangoproject.com/en/stable/topics/settings/"],
  },
  messages: {
    unreadable: "djship could not read {what}; the settings that depend on it are unknown to djship (Django may load them fine)",
    limit: "djship stopped reading the settings {module}: {what}; every setting is unknown to djship",
  },
  check({ project, report }) {
    const evaluation = project.settings.evaluation;
    if (!evaluation || evaluation.loadError) return;
    if (evaluation.limit) {
      const chosen = project.settings.module;
      report(
        "limit",
        { file: chosen?.file ?? null, line: chosen?.line ?? null },
        { module: evaluation.settingsModule, what: evaluation.limit },
      );
    }
    for (const item of evaluation.unreadable) {
      report("unreadable", { file: item.origin.file || null, line: item.origin.line || null }, { what: item.reason });
    }
  },
});
