import { ruleTester } from "../tester.js";
import rule from "./CFG018-debug-on.js";

const t = ruleTester(rule);

t.fires("a literal True", { files: { "app/settings.py": "DEBUG = True\n" } }, { line: 1, djangoCheck: "security.W018", severity: "error" });
t.fires(
  "the string 'False' is truthy",
  { files: { "app/settings.py": 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "False")\n' }, environment: { DJANGO_DEBUG: "False" } },
  { line: 2, djangoCheck: "security.W018", message: /'False'/ },
);
t.fires(
  "on by default while the variable is unset",
  { files: { "app/settings.py": 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"\n' } },
  {
    line: 2,
    env: ["DJANGO_DEBUG"],
    djangoCheck: null,
    message: /^Insecure default: DEBUG is True in production while DJANGO_DEBUG is unset/,
  },
);
t.fires(
  "the exact environment leaves it at its default",
  { files: { "app/settings.py": 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"\n' }, environment: {} },
  { line: 2, djangoCheck: "security.W018", message: /while DJANGO_DEBUG is unset/ },
);
t.quiet("off", { files: { "app/settings.py": "DEBUG = False\n" } });
t.quiet("left at Django's default", { files: { "app/settings.py": 'ALLOWED_HOSTS = ["a"]\n' } });
t.quiet("off by default, on only when asked", {
  files: { "app/settings.py": 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"\n' },
});
