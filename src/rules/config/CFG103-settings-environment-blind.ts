import { collectDeps } from "../../python/value.js";
import { defineRule } from "../define.js";
import { settingsModuleFiles } from "./helpers.js";

export default defineRule({
  code: "CFG103",
  slug: "settings-environment-blind",
  area: "config",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "files"],
  doc: {
    what: "The project has one settings module and it reads no environment variable: there is no production settings module and no switch between environments.",
    why: "Development and production then run the very same settings, so production differs from a laptop only by someone editing the file on the server (lost on the next deploy) or by committing production values (DEBUG off, the real hosts, the secrets) for every developer to run with.",
    fix: "Read what differs between environments from the environment (DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASES: os.environ, django-environ or python-decouple), or split the settings into base, development and production modules.",
    bad: { "mysite/settings.py": 'DEBUG = True\nALLOWED_HOSTS = ["localhost"]\n' },
    good: {
      "mysite/settings.py":
        'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/settings/", "https://12factor.net/config"],
  },
  messages: {
    single: "{file} is the only settings module and reads no environment variable: development and production run the same settings",
    singleDebug:
      "{file} is the only settings module and reads no environment variable: production runs with the same DEBUG = True as development",
  },
  check({ project, report }) {
    const { actual: settings, evaluation } = project.settings;
    if (!settings || !evaluation) return;
    // A base module, a local.py override or a second settings module is already a switch of sorts.
    const own = new Set(evaluation.files.filter((path) => !path.endsWith("__init__.py")));
    if (own.size !== 1) return;
    if (settingsModuleFiles(project).some((path) => !own.has(path))) return;
    for (const name of settings.names()) {
      const setting = settings.get(name);
      if (setting && !setting.isDefault && (collectDeps(setting.value)?.env.size ?? 0) > 0) return;
    }
    // A value djship could not evaluate may hide an environment read: say nothing rather than guess.
    if (settings.names().some((name) => settings.get(name)?.isDefault === false && settings.get(name)?.isKnown === false)) return;
    const debug = settings.get("DEBUG");
    const file = settings.moduleFile;
    if (debug && !debug.isDefault && debug.value.kind === "bool" && debug.value.value) {
      report("singleDebug", { file: debug.file, line: debug.line }, { file: file ?? "" });
    } else report("single", { file, line: 1 }, { file: file ?? "" });
  },
});
