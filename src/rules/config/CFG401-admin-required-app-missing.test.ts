import { ruleTester } from "../tester.js";
import rule from "./CFG401-admin-required-app-missing.js";

const t = ruleTester(rule);
t.fires(
  "admin alone: Django stops before its checks (RuntimeError), messages missing too",
  { files: { "app/settings.py": 'INSTALLED_APPS = ["django.contrib.admin"]\n' } },
  { messageId: "crash", message: "contenttypes", djangoCheck: null },
  { messageId: "crash", message: "django.contrib.auth:", djangoCheck: null },
  { messageId: "missing", djangoCheck: "admin.E406" },
);
t.fires(
  "the admin's AppConfig path installs the admin",
  {
    files: {
      "app/settings.py":
        'INSTALLED_APPS = ["django.contrib.admin.apps.SimpleAdminConfig", "django.contrib.auth.apps.AuthConfig", "django.contrib.contenttypes"]\n',
    },
  },
  { djangoCheck: "admin.E406" },
);
t.quiet("AppConfig paths count as installed", {
  files: {
    "app/settings.py":
      'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth.apps.AuthConfig", "django.contrib.contenttypes", "django.contrib.messages.apps.MessagesConfig"]\n',
  },
});
t.quiet("no admin", { files: { "app/settings.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n' } });
