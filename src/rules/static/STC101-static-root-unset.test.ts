import { ruleTester } from "../tester.js";
import rule from "./STC101-static-root-unset.js";

const t = ruleTester(rule);
t.fires(
  "an empty STATIC_ROOT from the environment",
  {
    files: {
      "mysite/settings.py": 'import os\nINSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = os.environ.get("STATIC_ROOT", "")\n',
    },
    environment: {},
  },
  { line: 3 },
);
t.quiet("staticfiles not installed", { files: { "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n' } });
t.quiet("STATIC_ROOT from an unknown variable", {
  files: { "mysite/settings.py": 'import os\nINSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = os.environ["STATIC_ROOT"]\n' },
});
