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
const STR_TO_BOOL =
  'import os\ndef str_to_bool(value):\n    value = value.strip().lower()\n    if value in ("true", "1", "yes"):\n        return True\n    elif value in ("false", "0", "no"):\n        return False\n    raise ValueError(value)\n';
t.quiet("on only when the variable says so: a condition on the environment is not a path through the code", {
  files: { "app/settings.py": `${STR_TO_BOOL}DEBUG = str_to_bool(os.getenv("APP_DEBUG", "NO"))\n` },
});
t.fires(
  "the same helper with a true default is an insecure default",
  { files: { "app/settings.py": `${STR_TO_BOOL}DEBUG = str_to_bool(os.getenv("APP_DEBUG", "yes"))\n` } },
  { env: ["APP_DEBUG"], message: /^Insecure default: DEBUG is True in production/ },
);
t.fires(
  "a condition on the code, not the environment, still fires on one path",
  { files: { "app/settings.py": "import sys\nif len(sys.argv) > 1:\n    DEBUG = True\n" } },
  { line: 3, message: /on one path through the settings/ },
);
t.fires(
  "on unless a variable names production: an insecure default, named by the variable",
  { files: { "app/settings.py": 'import os\nDEBUG = False\nif os.environ.get("APP_ENV") != "production":\n    DEBUG = True\n' } },
  { line: 4, env: ["APP_ENV"], message: /^Insecure default: DEBUG is True in production while APP_ENV is unset/ },
);
t.fires(
  "settings that raise without a secret still show their other defaults: the secret is required, as os.environ[...] is",
  {
    files: {
      "app/settings.py":
        'import os\nfrom django.core.exceptions import ImproperlyConfigured\nDEBUG = os.getenv("APP_DEBUG", "1") == "1"\nSECRET_KEY = os.getenv("APP_SECRET_KEY")\nif not SECRET_KEY:\n    raise ImproperlyConfigured("APP_SECRET_KEY is not set")\n',
    },
  },
  { line: 3, env: ["APP_DEBUG"], message: /^Insecure default: DEBUG is True in production while APP_DEBUG is unset/ },
);
