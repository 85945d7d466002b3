import { ruleTester } from "../tester.js";
import rule from "./CFG103-settings-environment-blind.js";

const t = ruleTester(rule);

t.fires(
  "startproject's settings as they come",
  { files: { "mysite/settings.py": 'SECRET_KEY = "x"\n\nDEBUG = True\nALLOWED_HOSTS = []\n' } },
  { file: "mysite/settings.py", line: 3, messageId: "singleDebug" },
);
t.fires(
  "one module with literal production values",
  { files: { "mysite/settings.py": 'DEBUG = False\nALLOWED_HOSTS = ["example.com"]\n' } },
  { file: "mysite/settings.py", line: 1, messageId: "single" },
);
t.quiet("reads DEBUG from the environment", { files: { "mysite/settings.py": 'import os\nDEBUG = os.environ.get("DEBUG") == "1"\n' } });
t.quiet("decouple", {
  files: { "mysite/settings.py": 'from decouple import config\nDEBUG = config("DEBUG", default=False, cast=bool)\n' },
});
t.quiet("a settings package per environment", {
  files: {
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": "DEBUG = False\n",
    "mysite/settings/prod.py": "from .base import *\n",
    "mysite/settings/dev.py": "from .base import *\nDEBUG = True\n",
  },
  settingsModule: "mysite.settings.prod",
});
t.quiet("a local override module", {
  files: {
    "mysite/settings.py": "DEBUG = True\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
    "mysite/local.py": "DEBUG = False\n",
  },
});
