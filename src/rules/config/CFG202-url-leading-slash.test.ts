import { ruleTester } from "../tester.js";
import rule from "./CFG202-url-leading-slash.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "from django.urls import include, path, re_path\n\ndef v(request):\n    pass\n\n";
const t = ruleTester(rule);
t.fires(
  "path() with a leading slash",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("/a/", v)]\n` } },
  {
    file: "mysite/urls.py",
    line: 6,
    djangoCheck: "urls.W002",
  },
);
t.fires(
  "re_path() starting with ^/",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [re_path(r"^/a", v)]\n` } },
  {
    djangoCheck: "urls.W002",
  },
);
t.fires(
  "a route from the settings",
  {
    files: {
      "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\nADMIN_URL = "/secret"\n',
      "mysite/urls.py": `from django.conf import settings\n${VIEW}urlpatterns = [path(settings.ADMIN_URL, v)]\n`,
    },
  },
  { djangoCheck: "urls.W002" },
);
t.quiet("an include ending with a slash", {
  files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("/a/", include("b.urls"))]\n`, "b/urls.py": "urlpatterns = []\n" },
});
t.quiet("APPEND_SLASH off", {
  files: {
    "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\nAPPEND_SLASH = False\n',
    "mysite/urls.py": `${VIEW}urlpatterns = [path("/a/", v)]\n`,
  },
});
t.quiet("inside an if settings.DEBUG block while DEBUG is off", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": `from django.conf import settings\n${VIEW}urlpatterns = []\nif settings.DEBUG:\n    urlpatterns += [path("/debug/", v)]\n`,
  },
});
