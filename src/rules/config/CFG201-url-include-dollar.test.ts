import { ruleTester } from "../tester.js";
import rule from "./CFG201-url-include-dollar.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const t = ruleTester(rule);
t.fires(
  "an include regex ending with $",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py": 'from django.urls import include, re_path\nurlpatterns = [re_path(r"^api/$", include("api.urls"))]\n',
      "api/urls.py": "urlpatterns = []\n",
    },
  },
  { file: "mysite/urls.py", line: 2, djangoCheck: "urls.W001" },
);
t.quiet("children with messages hide the include's own route (messages or pattern.check())", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": 'from django.urls import include, re_path\nurlpatterns = [re_path(r"^api/$", include("api.urls"))]\n',
    "api/urls.py": 'from django.urls import path\n\ndef v(request):\n    pass\n\nurlpatterns = [path("x", v, name="a:b")]\n',
  },
});
t.quiet("an escaped dollar", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": 'from django.urls import include, re_path\nurlpatterns = [re_path(r"^price\\$", include("api.urls"))]\n',
    "api/urls.py": "urlpatterns = []\n",
  },
});
t.quiet("an include of a package djship does not read: undecided", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": 'from django.urls import include, re_path\nurlpatterns = [re_path(r"^api/$", include("rest_framework.urls"))]\n',
  },
});
