import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const BLOG = { "blog/urls.py": "urlpatterns = []\n" };

export default defineSettingsRule({
  code: "CFG201",
  slug: "url-include-dollar",
  area: "config",
  severity: "warning",
  djangoCheck: "urls.W001",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A re_path() that include()s other URLs ends its regex with '$'.",
    why: "The '$' anchors the match at the prefix itself, so none of the included URLs below it can ever match.",
    fix: "Drop the '$' from regexes passed to include(): re_path(r'^blog/', include('blog.urls')).",
    bad: {
      ...SETTINGS,
      ...BLOG,
      "mysite/urls.py": 'from django.urls import include, re_path\n\nurlpatterns = [re_path(r"^blog/$", include("blog.urls"))]\n',
    },
    good: {
      ...SETTINGS,
      ...BLOG,
      "mysite/urls.py": 'from django.urls import include, re_path\n\nurlpatterns = [re_path(r"^blog/", include("blog.urls"))]\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/checks/#urls"],
  },
  messages: {
    includeDollar:
      "Your URL pattern {pattern} uses include with a route ending with a '$'. Remove the dollar from the route to avoid problems including URLs.",
  },
  test(world) {
    return urlVerdicts(world, { "urls.W001": "includeDollar" });
  },
});
