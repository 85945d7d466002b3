import { ruleTester } from "../tester.js";
import rule from "./SEC026-csp-setting-not-dict.js";

const t = ruleTester(rule);
t.fires(
  "a string policy in 6.0",
  { files: { "app/settings.py": "SECURE_CSP_REPORT_ONLY = []\n" }, djangoVersion: "6.0" },
  { line: 1, djangoCheck: "security.E026", message: /SECURE_CSP_REPORT_ONLY/ },
);
t.fires(
  "and in 6.1",
  { files: { "app/settings.py": 'SECURE_CSP = "default-src self"\n' }, djangoVersion: "6.1" },
  { djangoCheck: "security.E026" },
);
t.quiet("5.2 has no SECURE_CSP", { files: { "app/settings.py": 'SECURE_CSP = "default-src self"\n' }, djangoVersion: "5.2" });
t.quiet("a dict", { files: { "app/settings.py": 'SECURE_CSP = {"default-src": ["\'self\'"]}\n' }, djangoVersion: "6.0" });
t.quiet("None", { files: { "app/settings.py": "SECURE_CSP = None\n" }, djangoVersion: "6.0" });
t.quiet("settings copied through globals() from a configuration module djship cannot know: unknown, not wrong", {
  files: {
    "app/settings.py":
      'import importlib\nimport os\nconfiguration = importlib.import_module(os.environ["APP_CONFIGURATION"])\nfor key in dir(configuration):\n    globals()[key] = getattr(configuration, key)\n',
  },
  djangoVersion: "6.0",
});
