import { ruleTester } from "../tester.js";
import rule from "./CFG207-error-handler-broken.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const t = ruleTester(rule);
t.fires(
  "a handler that cannot be imported: E008",
  { files: { ...SETTINGS, "mysite/urls.py": 'urlpatterns = []\nhandler500 = "mysite.views.oops"\n', "mysite/views.py": "" } },
  { line: 2, djangoCheck: "urls.E008" },
);
t.fires(
  "handler500 takes (request) only: E007",
  { files: { ...SETTINGS, "mysite/urls.py": "def oops(request, exception):\n    pass\n\nurlpatterns = []\nhandler500 = oops\n" } },
  { djangoCheck: "urls.E007" },
);
t.fires(
  "up to 5.0 an included URLconf's handlers are checked too",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py": 'from django.urls import include, path\nurlpatterns = [path("b/", include("b.urls"))]\n',
      "b/urls.py": 'urlpatterns = []\nhandler404 = "b.nothing.view"\n',
    },
    djangoVersion: "5.0",
  },
  { file: "b/urls.py", djangoCheck: "urls.E008" },
);
t.quiet("since 5.1 only the root URLconf's handlers are", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": 'from django.urls import include, path\nurlpatterns = [path("b/", include("b.urls"))]\n',
    "b/urls.py": 'urlpatterns = []\nhandler404 = "b.nothing.view"\n',
  },
  djangoVersion: "5.1",
});
t.quiet("Django's default handlers", { files: { ...SETTINGS, "mysite/urls.py": "urlpatterns = []\n" } });
t.quiet("a Django view by path", {
  files: { ...SETTINGS, "mysite/urls.py": 'urlpatterns = []\nhandler404 = "django.views.defaults.page_not_found"\n' },
});
