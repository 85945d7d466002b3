import { ruleTester } from "../tester.js";
import rule from "./STC104-static-storage-unhashed.js";

const t = ruleTester(rule);
t.fires(
  "WhiteNoise without the manifest (Django 4.1 setting)",
  {
    files: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATICFILES_STORAGE = "whitenoise.storage.CompressedStaticFilesStorage"\n',
    },
    djangoVersion: "4.1",
  },
  { line: 2, message: /CompressedStaticFilesStorage/ },
);
t.quiet("CompressedManifestStaticFilesStorage", {
  files: {
    "mysite/settings.py":
      'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}\n',
  },
});
