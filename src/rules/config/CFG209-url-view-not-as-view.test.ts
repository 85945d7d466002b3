import { ruleTester } from "../tester.js";
import rule from "./CFG209-url-view-not-as-view.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const t = ruleTester(rule);
t.fires(
  "a Django class-based view itself",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py":
        'from django.contrib.auth.views import LoginView\nfrom django.urls import path\nurlpatterns = [path("login/", LoginView)]\n',
    },
  },
  { line: 3, djangoCheck: "urls.E009" },
);
t.fires(
  "a project view through its module",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py": 'from django.urls import path\nfrom blog import views\nurlpatterns = [path("", views.PostList)]\n',
      "blog/views.py": "from django.views import generic\n\n\nclass PostList(generic.ListView):\n    pass\n",
    },
  },
  { djangoCheck: "urls.E009" },
);
t.quiet("3.2 has no such check", {
  files: {
    ...SETTINGS,
    "mysite/urls.py":
      'from django.contrib.auth.views import LoginView\nfrom django.urls import path\nurlpatterns = [path("login/", LoginView)]\n',
  },
  djangoVersion: "3.2",
});
t.quiet("as_view()", {
  files: {
    ...SETTINGS,
    "mysite/urls.py":
      'from django.contrib.auth.views import LoginView\nfrom django.urls import path\nurlpatterns = [path("login/", LoginView.as_view())]\n',
  },
});
t.quiet("a view class from a package djship does not read: undecided", {
  files: {
    ...SETTINGS,
    "mysite/urls.py": 'from django.urls import path\nfrom rest_framework.views import APIView\nurlpatterns = [path("api/", APIView)]\n',
  },
});
