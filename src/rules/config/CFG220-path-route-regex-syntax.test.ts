import { ruleTester } from "../tester.js";
import rule from "./CFG220-path-route-regex-syntax.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "from django.urls import include, path\n\ndef v(request):\n    pass\n\n";
const t = ruleTester(rule);
t.fires(
  "a leading ^",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("^about/", v)]\n` } },
  { djangoCheck: "2_0.W001" },
);
t.fires(
  "an include's route ending with $",
  {
    files: {
      ...SETTINGS,
      "mysite/urls.py": `${VIEW}urlpatterns = [path("blog$", include("b.urls"))]\n`,
      "b/urls.py": "urlpatterns = []\n",
    },
  },
  { djangoCheck: "2_0.W001" },
);
t.quiet("a plain route", { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("about/", v)]\n` } });
