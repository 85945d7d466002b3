import { ruleTester } from "../tester.js";
import rule from "./CFG109-env-bool-always-true.js";

const t = ruleTester(rule);
t.fires(
  "os.environ.get with a False default",
  { files: { "app/settings.py": 'import os\nDEBUG = bool(os.environ.get("DJANGO_DEBUG", False))\n' } },
  { line: 2, messageId: "bool", env: ["DJANGO_DEBUG"] },
);
t.fires(
  "os.getenv, in a module the settings import",
  {
    files: {
      "app/settings/__init__.py": "from .base import *\n",
      "app/settings/base.py": 'from os import getenv\nUSE_S3 = bool(getenv("USE_S3"))\n',
    },
    settingsModule: "app.settings",
  },
  { file: "app/settings/base.py", line: 2, env: ["USE_S3"] },
);
t.fires(
  "os.environ[...] and environ's env() without cast",
  { files: { "app/settings.py": 'import os\nimport environ\nenv = environ.Env()\nA = bool(os.environ["A"])\nB = bool(env("B"))\n' } },
  { line: 4, env: ["A"] },
  { line: 5, env: ["B"] },
);
t.quiet("parsed values", {
  files: {
    "app/settings.py":
      'import os\nimport environ\nenv = environ.Env()\nDEBUG = os.environ.get("DEBUG", "").lower() in ("1", "true")\nA = env.bool("A", default=False)\nB = bool(int(os.environ.get("B", "0")))\nC = bool(env("C", cast=bool))\n',
  },
});
t.quiet("bool of something else", { files: { "app/settings.py": "X = bool([])\n" } });
t.quiet("a presence test of a URL", {
  files: {
    "app/settings.py":
      'import os\nif bool(os.environ.get("DATABASE_URL")):\n    DATABASES = {}\nif bool(os.environ.get("DATABASE_READ_REPLICA_URL")):\n    REPLICA = True\n',
  },
});
