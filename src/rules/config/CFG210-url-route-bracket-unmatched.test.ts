import { ruleTester } from "../tester.js";
import rule from "./CFG210-url-route-bracket-unmatched.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const VIEW = "from django.urls import path\n\ndef v(request):\n    pass\n\n";
const t = ruleTester(rule);
t.fires(
  "a stray >",
  { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("a>/", v)]\n` }, djangoVersion: "5.0" },
  {
    djangoCheck: "urls.W010",
    message: "'>'",
  },
);
t.quiet("4.2 has no such check", {
  files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("a>/", v)]\n` },
  djangoVersion: "4.2",
});
t.quiet("balanced", { files: { ...SETTINGS, "mysite/urls.py": `${VIEW}urlpatterns = [path("<int:pk>/", v)]\n` } });
