import { ruleTester } from "../tester.js";
import rule from "./STC003-staticfiles-prefix-trailing-slash.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles.apps.StaticFilesConfig"]\n';
const t = ruleTester(rule);
t.fires(
  "a prefix ending with /",
  { files: { "app/settings.py": `${APPS}STATICFILES_DIRS = [["css/", "/srv/css"]]\n` } },
  {
    djangoCheck: "staticfiles.E003",
  },
);
t.quiet("no prefix", { files: { "app/settings.py": `${APPS}STATICFILES_DIRS = ["/srv/css"]\n` } });
