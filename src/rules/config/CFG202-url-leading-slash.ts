import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "def about(request):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG202",
  slug: "url-leading-slash",
  area: "config",
  severity: "warning",
  djangoCheck: "urls.W002",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A URL pattern's route starts with '/' (checked while APPEND_SLASH is on).",
    why: "Django matches paths without their leading slash, so the pattern never matches: the page answers 404.",
    fix: "Remove the leading slash: path('about/', views.about).",
    bad: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("/about/", about)]\n`,
    },
    good: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("about/", about)]\n`,
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/checks/#urls"],
  },
  messages: {
    leadingSlash:
      "Your URL pattern {pattern} has a route beginning with a '/'. Remove this slash as it is unnecessary. If this pattern is targeted in an include(), ensure the include() pattern has a trailing '/'.",
  },
  test(world) {
    return urlVerdicts(world, { "urls.W002": "leadingSlash" });
  },
});
