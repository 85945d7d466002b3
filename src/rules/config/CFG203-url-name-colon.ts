import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "def index(request):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG203",
  slug: "url-name-colon",
  area: "config",
  severity: "warning",
  djangoCheck: "urls.W003",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A URL pattern's name contains ':'.",
    why: "reverse() reads the colon as a namespace separator, so the name cannot be reversed.",
    fix: "Use a name without ':' and put the pattern in a namespace (app_name) instead.",
    bad: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("", index, name="blog:index")]\n`,
    },
    good: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("", index, name="blog-index")]\n`,
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/urls/#url-namespaces"],
  },
  messages: {
    nameColon: "Your URL pattern {pattern} has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.",
  },
  test(world) {
    return urlVerdicts(world, { "urls.W003": "nameColon" });
  },
});
