import { MODEL_BACKEND } from "../../django/known-code.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { containsSubclass, firstDjangoEngine, hasContextProcessor } from "./django-templates.js";

const AUTH = "django.contrib.auth.context_processors.auth";
const MESSAGES = "django.contrib.messages.context_processors.messages";
const messages = {
  missing: "The admin needs {processor} in the context processors of the first DjangoTemplates engine (TEMPLATES[{index}])",
} as const;

const APPS =
  'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const engine = (processors: string) =>
  `TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": [${processors}]}}]\n`;

export default defineSettingsRule({
  code: "CFG402",
  slug: "admin-context-processor-missing",
  area: "config",
  severity: "error",
  djangoCheck: "admin.E402",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "The admin is installed but its DjangoTemplates engine lacks the auth (admin.E402) or messages (admin.E404) context processor.",
    why: "Admin templates read the user and the messages from the context: without the processors, pages render without them or fail.",
    fix: "Add 'django.contrib.auth.context_processors.auth' and 'django.contrib.messages.context_processors.messages' to OPTIONS['context_processors'].",
    bad: { "mysite/settings.py": APPS + engine("") },
    good: { "mysite/settings.py": APPS + engine(`"${AUTH}", "${MESSAGES}"`) },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#overview"],
  },
  messages,
  test(world) {
    const admin = world.installed("django.contrib.admin");
    if (admin === false) return false;
    // admin/checks.py check_dependencies: only the first DjangoTemplates engine counts.
    const engine = firstDjangoEngine(world);
    if (engine === null) return false;
    if (!engine || admin === undefined) return undefined;
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    const auth = hasContextProcessor(engine, AUTH);
    // E402 applies only while the default auth backend (or a subclass) is in use.
    const modelBackend = auth === false ? containsSubclass(world, "AUTHENTICATION_BACKENDS", MODEL_BACKEND) : false;
    if (auth === undefined || modelBackend === undefined) unknown = true;
    else if (!auth && modelBackend)
      verdicts.push({ at: "TEMPLATES", messageId: "missing", data: { processor: AUTH, index: engine.index }, djangoCheck: "admin.E402" });
    const messagesProcessor = hasContextProcessor(engine, MESSAGES);
    if (messagesProcessor === undefined) unknown = true;
    else if (!messagesProcessor) {
      verdicts.push({
        at: "TEMPLATES",
        messageId: "missing",
        data: { processor: MESSAGES, index: engine.index },
        djangoCheck: "admin.E404",
      });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
