import { ruleTester } from "../tester.js";
import rule from "./STC005-staticfiles-storage-missing.js";

const SETTINGS =
  'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}\n';
const t = ruleTester(rule);
t.fires("5.0 reports it", { files: { "app/settings.py": SETTINGS }, djangoVersion: "5.0" }, { djangoCheck: "staticfiles.E005" });
t.fires("4.2 breaks the same way without a check", { files: { "app/settings.py": SETTINGS }, djangoVersion: "4.2" }, { djangoCheck: null });
t.quiet("4.1 has no STORAGES", { files: { "app/settings.py": SETTINGS }, djangoVersion: "4.1" });
t.quiet("Django's default STORAGES", { files: { "app/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n' } });
