import { ruleTester } from "../tester.js";
import rule from "./CFG104-production-runs-dev-settings.js";

const PACKAGE = {
  "mysite/settings/__init__.py": "",
  "mysite/settings/base.py": "DEBUG = False\n",
  "mysite/settings/local.py": "from .base import *\nDEBUG = True\n",
  "mysite/settings/production.py": "from .base import *\n",
};
const wsgi = (module: string) =>
  `import os\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\napplication = get_wsgi_application()\n`;
const t = ruleTester(rule);

t.fires(
  "wsgi.py loads the local settings",
  { files: { ...PACKAGE, "mysite/wsgi.py": wsgi("mysite.settings.local") } },
  { file: "mysite/wsgi.py", line: 4, messageId: "dev", severity: "warning", message: /mysite\/settings\/production\.py exists/ },
);
t.fires(
  "the Dockerfile sets a test module and no production module exists",
  {
    files: {
      "mysite/settings/__init__.py": "",
      "mysite/settings/test.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nENV DJANGO_SETTINGS_MODULE=mysite.settings.test\n",
    },
  },
  { file: "Dockerfile", line: 2, messageId: "devOnly" },
);
t.fires(
  "only manage.py names a development module: a hint, not a warning",
  {
    files: {
      ...PACKAGE,
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.local")\nimport django\n',
    },
  },
  { file: "manage.py", severity: "info" },
);
t.quiet("wsgi.py loads the production settings", { files: { ...PACKAGE, "mysite/wsgi.py": wsgi("mysite.settings.production") } });
t.quiet("a single settings.py", { files: { "mysite/settings.py": "DEBUG = False\n" } });
