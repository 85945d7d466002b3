import { ruleTester } from "../tester.js";
import rule from "./CFG301-templates-app-dirs-with-loaders.js";

const TEMPLATES =
  'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {"loaders": []}}]\n';
const ADMIN = 'INSTALLED_APPS = ["django.contrib.admin"]\n';
const t = ruleTester(rule);
t.fires(
  "Django 5.0 reports templates.E001",
  { files: { "app/settings.py": TEMPLATES }, djangoVersion: "5.0" },
  {
    djangoCheck: "templates.E001",
    messageId: "both",
  },
);
t.fires(
  "Django 5.1 builds the engines in its checks and crashes",
  { files: { "app/settings.py": TEMPLATES }, djangoVersion: "5.1" },
  {
    djangoCheck: null,
    messageId: "crash",
  },
);
t.fires(
  "with the admin, 4.2 crashes in the admin's check",
  { files: { "app/settings.py": ADMIN + TEMPLATES }, djangoVersion: "4.2" },
  {
    djangoCheck: null,
  },
);
t.quiet("loaders without APP_DIRS", {
  files: {
    "app/settings.py": 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"loaders": []}}]\n',
  },
});
t.quiet("APP_DIRS False", {
  files: {
    "app/settings.py":
      'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": False, "OPTIONS": {"loaders": []}}]\n',
  },
});
