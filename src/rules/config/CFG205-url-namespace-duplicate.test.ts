import { ruleTester } from "../tester.js";
import rule from "./CFG205-url-namespace-duplicate.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const t = ruleTester(rule);
t.fires(
  "the admin included twice",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py":
        'from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path("admin/", admin.site.urls), path("backoffice/", admin.site.urls)]\n',
    },
  },
  { message: "'admin'", djangoCheck: "urls.W005" },
);
t.fires(
  "explicit namespaces",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py":
        'from django.urls import include, path\nurlpatterns = [path("a/", include(("b.urls", "b"), namespace="x")), path("c/", include(("b.urls", "b"), namespace="x"))]\n',
      "b/urls.py": "urlpatterns = []\n",
    },
  },
  { message: "'x'" },
);
t.quiet("distinct namespaces", {
  files: {
    ...SETTINGS,
    "mysite/urls.py":
      'from django.urls import include, path\nurlpatterns = [path("a/", include("b.urls", namespace="one")), path("c/", include("b.urls", namespace="two"))]\n',
    "b/urls.py": 'app_name = "b"\nurlpatterns = []\n',
  },
});
