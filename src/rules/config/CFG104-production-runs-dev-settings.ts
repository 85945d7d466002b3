import { isDeployedSource } from "../../discover/projects.js";
import { defineRule } from "../define.js";
import { DEVELOPMENT_NAME, moduleLeaf, PRODUCTION_NAME, settingsModuleFiles } from "./helpers.js";

export default defineRule({
  code: "CFG104",
  slug: "production-runs-dev-settings",
  area: "config",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "files"],
  doc: {
    what: "Production loads a settings module named for development or tests (settings.dev, settings.local, settings.test) instead of the production one.",
    why: "Development settings are written to be convenient: DEBUG on, a console e-mail backend, an SQLite database, permissive hosts, fast but weak password hashing. Whatever the production module fixes never applies.",
    fix: "Point DJANGO_SETTINGS_MODULE at the production module in the deployment (wsgi.py, the Dockerfile ENV, the service's environment) and keep the development default only in manage.py.",
    bad: {
      "mysite/settings/__init__.py": "",
      "mysite/settings/dev.py": "DEBUG = True\n",
      "mysite/settings/prod.py": "DEBUG = False\n",
      "mysite/wsgi.py":
        'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")\napplication = get_wsgi_application()\n',
    },
    good: {
      "mysite/settings/__init__.py": "",
      "mysite/settings/dev.py": "DEBUG = True\n",
      "mysite/settings/prod.py": "DEBUG = False\n",
      "mysite/wsgi.py":
        'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.prod")\napplication = get_wsgi_application()\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings"],
  },
  messages: {
    dev: "Production loads {module} ({source}), a development module, while {production} exists",
    devOnly: "Production loads {module} ({source}), a module named for development, and the project has no production settings module",
  },
  check({ project, report }) {
    const chosen = project.settings.module;
    if (!chosen || !DEVELOPMENT_NAME.test(moduleLeaf(chosen.module))) return;
    const production = settingsModuleFiles(project).find((path) =>
      PRODUCTION_NAME.test((path.split("/").pop() ?? "").replace(/\.py$/, "")),
    );
    const source = chosen.file ? `${chosen.source}, ${chosen.file}:${chosen.line}` : chosen.source;
    const place = { file: chosen.file, line: chosen.line };
    // manage.py's default is a developer's; production usually sets the variable elsewhere.
    const severity = isDeployedSource(chosen.source) ? undefined : ("info" as const);
    if (production) report("dev", place, { module: chosen.module, source, production }, severity ? { severity } : {});
    else report("devOnly", place, { module: chosen.module, source }, severity ? { severity } : {});
  },
});
