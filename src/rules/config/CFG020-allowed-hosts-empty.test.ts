import { ruleTester } from "../tester.js";
import rule from "./CFG020-allowed-hosts-empty.js";

const t = ruleTester(rule);

t.fires("an empty list", { files: { "app/settings.py": "ALLOWED_HOSTS = []\n" } }, { line: 1, djangoCheck: "security.W020" });
t.fires(
  "left at Django's default",
  { files: { "app/settings.py": "DEBUG = False\n" } },
  { file: "app/settings.py", line: 1, djangoCheck: "security.W020" },
);
t.fires(
  "empty by default while the variable is unset",
  { files: { "app/settings.py": 'import os\nALLOWED_HOSTS = [h for h in os.environ.get("HOSTS", "").split(",") if h]\n' } },
  { line: 2, djangoCheck: null, env: ["HOSTS"] },
);
t.quiet("a host", { files: { "app/settings.py": 'ALLOWED_HOSTS = ["www.example.com"]\n' } });
t.quiet("[''] from ''.split(',') is not empty, as Django sees it", {
  files: { "app/settings.py": 'import os\nALLOWED_HOSTS = os.environ.get("HOSTS", "").split(",")\n' },
});
