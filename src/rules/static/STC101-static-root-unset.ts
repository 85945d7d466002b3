import { known, listHas } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC101",
  slug: "static-root-unset",
  area: "static",
  severity: "error",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "django.contrib.staticfiles is installed but STATIC_ROOT is not set.",
    why: "collectstatic has nowhere to put the files and stops with ImproperlyConfigured, so nothing collects the admin's and the apps' static files and the production site renders without CSS or JavaScript.",
    fix: "Set STATIC_ROOT = BASE_DIR / 'staticfiles' (a folder outside STATICFILES_DIRS) and run collectstatic at build time.",
    bad: { "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_URL = "static/"\n' },
    good: {
      "mysite/settings.py":
        'from pathlib import Path\nINSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_URL = "static/"\nSTATIC_ROOT = Path(__file__).resolve().parent.parent / "staticfiles"\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#static-root"],
  },
  messages: {
    unset: "STATIC_ROOT is not set, so collectstatic cannot run",
  },
  check({ project, report }) {
    const settings = project.settings.actual;
    if (listHas(settings, "INSTALLED_APPS", "django.contrib.staticfiles") !== true) return;
    const root = settings?.get("STATIC_ROOT");
    const value = known(root?.value);
    if (!root || !value || (value.kind !== "none" && !(value.kind === "str" && value.value === ""))) return;
    report("unset", { file: root.file, line: root.line }, {}, { env: root.env });
  },
});
