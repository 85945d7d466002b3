import { defineSettingsRule } from "../define.js";
import { firstDjangoEngine } from "./django-templates.js";

const APPS =
  'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';

export default defineSettingsRule({
  code: "CFG403",
  slug: "admin-django-templates-missing",
  area: "config",
  severity: "error",
  djangoCheck: "admin.E403",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "The admin is installed but TEMPLATES has no DjangoTemplates engine.",
    why: "The admin's pages are Django templates: without a DjangoTemplates engine none of them can render.",
    fix: "Add a 'django.template.backends.django.DjangoTemplates' entry to TEMPLATES (with APP_DIRS = True).",
    bad: { "mysite/settings.py": `${APPS}TEMPLATES = []\n` },
    good: {
      "mysite/settings.py": `${APPS}TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]\n`,
    },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#overview"],
  },
  messages: {
    missing: "The admin is installed but TEMPLATES has no DjangoTemplates engine",
  },
  test(world) {
    const admin = world.installed("django.contrib.admin");
    if (admin === false) return false;
    const engine = firstDjangoEngine(world);
    if (engine) return false;
    if (engine === undefined || admin === undefined) return undefined;
    return { at: "TEMPLATES", messageId: "missing" };
  },
});
