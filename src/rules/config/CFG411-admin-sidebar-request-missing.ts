import { defineSettingsRule } from "../define.js";
import { firstDjangoEngine, hasContextProcessor } from "./django-templates.js";

const REQUEST = "django.template.context_processors.request";
const APPS =
  'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const engine = (processors: string) =>
  `TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": [${processors}]}}]\n`;

export default defineSettingsRule({
  code: "CFG411",
  slug: "admin-sidebar-request-missing",
  area: "config",
  severity: "warning",
  djangoCheck: "admin.W411",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "The admin's navigation sidebar is on but the request context processor is missing.",
    why: "The sidebar highlights the current page from request.path: without the processor it renders without it and its links misbehave.",
    fix: "Add 'django.template.context_processors.request' to OPTIONS['context_processors'], or set enable_nav_sidebar = False on your AdminSite.",
    bad: { "mysite/settings.py": APPS + engine("") },
    good: { "mysite/settings.py": APPS + engine(`"${REQUEST}"`) },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#django.contrib.admin.AdminSite.enable_nav_sidebar"],
  },
  messages: {
    missing: "The admin sidebar needs {processor} in the context processors of TEMPLATES[{index}]",
  },
  test(world) {
    const admin = world.installed("django.contrib.admin");
    if (admin === false) return false;
    const engine = firstDjangoEngine(world);
    if (engine === null) return false;
    const request = engine ? hasContextProcessor(engine, REQUEST) : undefined;
    if (request === true) return false;
    // W411 fires when any AdminSite keeps enable_nav_sidebar (True by default): a project that
    // mentions the attribute may have turned it off everywhere.
    const sidebar = world.code ? !world.code.mentions("enable_nav_sidebar") || undefined : undefined;
    if (!engine || request === undefined || admin === undefined || sidebar === undefined) return undefined;
    return { at: "TEMPLATES", messageId: "missing", data: { processor: REQUEST, index: engine.index } };
  },
});
