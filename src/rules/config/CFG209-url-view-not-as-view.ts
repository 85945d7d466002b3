import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEWS =
  'from django.urls import path\nfrom django.views.generic import TemplateView\n\n\nclass AboutView(TemplateView):\n    template_name = "about.html"\n\n\n';

export default defineSettingsRule({
  code: "CFG209",
  slug: "url-view-not-as-view",
  area: "config",
  severity: "error",
  djangoCheck: "urls.E009",
  djangoSeries: { since: "4.0" },
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A URL pattern passes a class-based view class instead of View.as_view().",
    why: "Django then instantiates the class with the request as its only argument: every request to the URL fails.",
    fix: "Pass AboutView.as_view() to path().",
    bad: { ...SETTINGS, "mysite/urls.py": `${VIEWS}urlpatterns = [path("about/", AboutView)]\n` },
    good: { ...SETTINGS, "mysite/urls.py": `${VIEWS}urlpatterns = [path("about/", AboutView.as_view())]\n` },
    references: ["https://docs.djangoproject.com/en/stable/topics/class-based-views/"],
  },
  messages: {
    viewClass: "Your URL pattern {pattern} has an invalid view, pass {view}.as_view() instead of {view}.",
  },
  test(world) {
    return urlVerdicts(world, { "urls.E009": "viewClass" });
  },
});
