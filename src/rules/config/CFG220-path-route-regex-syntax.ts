import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "def post(request, pk):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG220",
  slug: "path-route-regex-syntax",
  area: "config",
  severity: "warning",
  djangoCheck: "2_0.W001",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A path() route contains regex syntax: '(?P<', a leading '^' or a trailing '$'.",
    why: "path() matches routes literally, so a regex copied from url()/re_path() never matches a real URL.",
    fix: "Use path() converters (path('post/<int:pk>/', ...)) or keep the regex with re_path().",
    bad: { ...SETTINGS, "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path(r"^post/(?P<pk>\\d+)/$", post)]\n` },
    good: { ...SETTINGS, "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("post/<int:pk>/", post)]\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/urls/#path"],
  },
  messages: {
    regexSyntax:
      "Your URL pattern {pattern} has a route that contains '(?P<', begins with a '^', or ends with a '$'. This was likely an oversight when migrating to django.urls.path().",
  },
  test(world) {
    return urlVerdicts(world, { "2_0.W001": "regexSyntax" });
  },
});
