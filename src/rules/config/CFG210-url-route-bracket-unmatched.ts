import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "def post(request, pk):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG210",
  slug: "url-route-bracket-unmatched",
  area: "config",
  severity: "warning",
  djangoCheck: "urls.W010",
  djangoSeries: { since: "5.0" },
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A path() route has an unmatched '<' or '>' (checked since Django 5.0).",
    why: "A broken <converter:name> is taken as literal text: the parameter is never captured and the URL matches only the literal brackets.",
    fix: "Close every parameter: path('post/<int:pk>/', views.post).",
    bad: { ...SETTINGS, "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("post/<int:pk/", post)]\n` },
    good: { ...SETTINGS, "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("post/<int:pk>/", post)]\n` },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/urls/#path-converters"],
  },
  messages: { unmatched: "Your URL pattern {pattern} has an unmatched '{bracket}' bracket." },
  test(world) {
    return urlVerdicts(world, { "urls.W010": "unmatched" });
  },
});
