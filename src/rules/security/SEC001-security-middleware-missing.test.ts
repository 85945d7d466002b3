import { ruleTester } from "../tester.js";
import rule from "./SEC001-security-middleware-missing.js";

const t = ruleTester(rule);

t.fires(
  "not in MIDDLEWARE",
  { files: { "app/settings.py": 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n' } },
  { line: 1, djangoCheck: "security.W001" },
);
t.fires(
  "a subclass does not count: Django tests the dotted path",
  { files: { "app/settings.py": 'MIDDLEWARE = ["myproject.middleware.MySecurityMiddleware"]\n' } },
  { line: 1, djangoCheck: "security.W001" },
);
t.fires(
  "removed on one branch only",
  {
    files: {
      "app/settings.py":
        'import socket\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nif socket.gethostname() == "dev":\n    MIDDLEWARE = []\n',
    },
  },
  { djangoCheck: null, message: /on one path/ },
);
t.quiet("present", { files: { "app/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n' } });
t.quiet("appended later in a child module", {
  files: {
    "app/settings/__init__.py": "",
    "app/settings/base.py": 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n',
    "app/settings/prod.py": 'from .base import *\nMIDDLEWARE.insert(0, "django.middleware.security.SecurityMiddleware")\n',
  },
  settingsModule: "app.settings.prod",
});
