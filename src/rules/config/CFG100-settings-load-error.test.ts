import { ruleTester } from "../tester.js";
import rule from "./CFG100-settings-load-error.js";

const t = ruleTester(rule);

t.fires(
  "a required variable missing from the exact environment",
  { files: { "mysite/settings.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' }, environment: {} },
  { file: "mysite/settings.py", line: 3, messageId: "missingEnv", env: ["DJANGO_SECRET_KEY"], severity: "error" },
);
t.fires(
  "a module that is never deployed",
  { files: { "mysite/settings.py": "DEBUG = False\nfrom .local import *\n" } },
  { file: "mysite/settings.py", line: 2, messageId: "failed", message: /ModuleNotFoundError|ImportError/ },
);
t.fires(
  "decouple without a default",
  { files: { "mysite/settings.py": 'from decouple import config\nDEBUG = False\nSECRET_KEY = config("SECRET_KEY")\n' }, environment: {} },
  { line: 3, messageId: "missingEnv", env: ["SECRET_KEY"] },
);
t.quiet("required variable given", {
  files: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' },
  environment: { DJANGO_SECRET_KEY: "x" },
});
t.quiet("any environment assumes required variables are provided", {
  files: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' },
});
t.quiet("a guarded optional import", {
  files: { "mysite/settings.py": "try:\n    from .local import *\nexcept ImportError:\n    pass\n" },
});
t.quiet("djship's own limits are not a load error: exec() of code read at run time", {
  files: { "mysite/settings.py": 'exec(open("mysite/extra.py").read())\nDEBUG = False\n' },
  environment: {},
});
t.fires(
  "a split-settings include that matches nothing raises OSError, as in Django",
  { files: { "mysite/settings.py": 'from split_settings.tools import include\ninclude("components/*.py")\n' }, environment: {} },
  { line: 2, messageId: "failed", message: /OSError: No such file/ },
);
