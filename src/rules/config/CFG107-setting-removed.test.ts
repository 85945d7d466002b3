import { ruleTester } from "../tester.js";
import rule from "./CFG107-setting-removed.js";

const t = ruleTester(rule);
const STORAGE = 'STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"\n';
t.fires(
  "STATICFILES_STORAGE on 5.1",
  { files: { "app/settings.py": `DEBUG = False\n${STORAGE}` }, djangoVersion: "5.1" },
  { line: 2, messageId: "removed", message: "STATICFILES_STORAGE has had no effect since Django 5.1" },
);
t.fires(
  "each removed setting once, on 5.2",
  {
    files: {
      "app/settings.py": `USE_L10N = True\nDEFAULT_FILE_STORAGE = "storages.backends.s3.S3Storage"\nPASSWORD_RESET_TIMEOUT_DAYS = 1\n`,
    },
  },
  { line: 1, message: "USE_L10N has had no effect since Django 5.0" },
  { line: 2, message: "DEFAULT_FILE_STORAGE" },
  { line: 3, message: "PASSWORD_RESET_TIMEOUT_DAYS has had no effect since Django 4.0" },
);
t.fires(
  "MIDDLEWARE_CLASSES on any series",
  { files: { "app/settings.py": 'MIDDLEWARE_CLASSES = ["django.middleware.security.SecurityMiddleware"]\n' }, djangoVersion: "3.2" },
  { line: 1, message: "no middleware runs at all" },
);
t.fires(
  "assigned on one branch only",
  { files: { "app/settings.py": `import os\nif os.environ.get("S3"):\n    ${STORAGE}` } },
  { line: 3, message: /on one path through the settings/ },
);
t.quiet("STATICFILES_STORAGE on 4.2, where it still works", { files: { "app/settings.py": STORAGE }, djangoVersion: "4.2" });
t.quiet("USE_L10N on 4.2", { files: { "app/settings.py": "USE_L10N = True\n" }, djangoVersion: "4.2" });
t.quiet("STORAGES on 5.2", {
  files: { "app/settings.py": 'STORAGES = {"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}\n' },
});
