import { defineSettingsRule } from "../define.js";
import { urlVerdicts } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "def index(request):\n    pass\n\n";

export default defineSettingsRule({
  code: "CFG204",
  slug: "urlpatterns-invalid-entry",
  area: "config",
  severity: "error",
  djangoCheck: "urls.E004",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "urlpatterns holds something that is not a path()/re_path() pattern: a string, a tuple, an include() on its own.",
    why: "Django cannot resolve URLs against it: requests fail with a server error.",
    fix: "Make every entry a path() or re_path(); remove the leftover prefix string of the old patterns('') syntax.",
    bad: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = ["", path("", index)]\n`,
    },
    good: {
      ...SETTINGS,
      "mysite/urls.py": `from django.urls import path\n\n${VIEW}urlpatterns = [path("", index)]\n`,
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/urls/"],
  },
  messages: {
    invalid: "Your URL pattern {pattern} is invalid. Ensure that urlpatterns is a list of path() and/or re_path() instances.",
  },
  test(world) {
    return urlVerdicts(world, { "urls.E004": "invalid" });
  },
});
