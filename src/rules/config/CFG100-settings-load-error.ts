import { defineRule } from "../define.js";

export default defineRule({
  code: "CFG100",
  slug: "settings-load-error",
  area: "config",
  severity: "error",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "The production settings module would refuse to load: a required variable is missing, an import fails, or the code raises.",
    why: "Django reads the settings before it serves a single request, so every process (web, workers, migrations, management commands) crashes at start-up, and nothing else in the settings can be checked until it loads.",
    fix: "Provide the missing variable in the production environment, or fix the import or the code the message points at; never rely on a local-only module such as settings/local.py.",
    bad: {
      "mysite/settings.py": "from .local import *  # local.py is git-ignored and never deployed\nDEBUG = False\n",
    },
    good: {
      "mysite/settings.py": "try:\n    from .local import *\nexcept ImportError:\n    pass\nDEBUG = False\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings"],
  },
  messages: {
    missingEnv: "The settings {module} refuse to load: {variable} is not set ({message})",
    failed: "The settings {module} refuse to load: {message}",
  },
  check({ project, report }) {
    const error = project.settings.evaluation?.loadError;
    if (!error) return;
    const chosen = project.settings.module;
    // Without a place in the code (a module that does not exist), point where the module was chosen.
    const place = error.file ? { file: error.file, line: error.line } : { file: chosen?.file ?? null, line: chosen?.line ?? null };
    const data = { module: project.settings.evaluation?.settingsModule ?? "", variable: error.variable ?? "", message: error.message };
    report(error.variable ? "missingEnv" : "failed", place, data, { env: error.variable ? [error.variable] : [] });
  },
});
