import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEWS = "def not_found(request):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG207",
  slug: "error-handler-broken",
  area: "config",
  severity: "error",
  djangoCheck: "urls.E007",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A handler400/403/404/500 of the root URLconf cannot be imported (urls.E008) or does not take the right arguments (urls.E007).",
    why: "Django calls these views for every error page: a broken one turns each 404 into a 500 and hides the original error.",
    fix: "Define handler views as def handler404(request, exception) (handler500(request)) and name them by their full dotted path.",
    bad: {
      ...SETTINGS,
      "mysite/urls.py": `${VIEWS}urlpatterns = []\nhandler404 = "mysite.urls.not_found"\n`,
    },
    good: {
      ...SETTINGS,
      "mysite/urls.py": 'def not_found(request, exception):\n    pass\n\nurlpatterns = []\nhandler404 = "mysite.urls.not_found"\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/views/#customizing-error-views"],
  },
  messages: {
    notImportable: "The custom handler{code} view '{view}' could not be imported.",
    wrongArguments: "The custom handler{code} view '{view}' does not take the correct number of arguments ({arguments}).",
  },
  test(world) {
    return urlVerdicts(world, { "urls.E008": "notImportable", "urls.E007": "wrongArguments" });
  },
});
