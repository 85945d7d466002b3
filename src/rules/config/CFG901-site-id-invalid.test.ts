import { ruleTester } from "../tester.js";
import rule from "./CFG901-site-id-invalid.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.sites"]\n';
const t = ruleTester(rule);
t.fires(
  "a string from the environment",
  { files: { "app/settings.py": `import os\n${APPS}SITE_ID = os.environ.get("SITE_ID", "1")\n` }, environment: {} },
  { line: 3, djangoCheck: "sites.E101" },
);
t.fires("2.0 before 6.1", { files: { "app/settings.py": `${APPS}SITE_ID = 2.0\n` }, djangoVersion: "6.0" }, { djangoCheck: "sites.E101" });
t.quiet("2.0 validates in 6.1 (int(2.0) == 2.0)", { files: { "app/settings.py": `${APPS}SITE_ID = 2.0\n` }, djangoVersion: "6.1" });
t.quiet("an int", { files: { "app/settings.py": `${APPS}SITE_ID = 1\n` } });
t.quiet("sites not installed", { files: { "app/settings.py": 'SITE_ID = "1"\n' } });
