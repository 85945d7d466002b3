import { ruleTester } from "../tester.js";
import rule from "./CFG203-url-name-colon.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "from django.urls import path\n\ndef v(request):\n    pass\n\n";
const t = ruleTester(rule);
t.fires(
  "a colon in the name",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("a/", v, name="x:y")]\n` } },
  {
    djangoCheck: "urls.W003",
  },
);
t.fires(
  "in an included URLconf",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py": 'from django.urls import include, path\nurlpatterns = [path("b/", include("blog.urls"))]\n',
      "blog/urls.py": `${VIEW}urlpatterns = [path("", v, name="blog:index")]\n`,
    },
  },
  { file: "blog/urls.py", djangoCheck: "urls.W003" },
);
t.quiet("a plain name", { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("a/", v, name="x-y")]\n` } });
t.quiet("no ROOT_URLCONF: no URL checks", {
  files: { "mysite/settings.py": "DEBUG = False\n", "mysite/urls.py": `${VIEW}urlpatterns = [path("a/", v, name="x:y")]\n` },
});
