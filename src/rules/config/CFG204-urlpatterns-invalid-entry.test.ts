import { ruleTester } from "../tester.js";
import rule from "./CFG204-urlpatterns-invalid-entry.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "from django.urls import include, path\n\ndef v(request):\n    pass\n\n";
const t = ruleTester(rule);
t.fires(
  "a tuple",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [(r"^a/$", v)]\n` } },
  { line: 6, djangoCheck: "urls.E004" },
);
t.fires(
  "an include() on its own",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [include("b.urls")]\n`, "b/urls.py": "urlpatterns = []\n" } },
  { djangoCheck: "urls.E004" },
);
t.quiet("patterns only", { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("", v)]\n` } });
