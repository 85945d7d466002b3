import { ruleTester } from "../tester.js";
import rule from "./CFG403-admin-django-templates-missing.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const t = ruleTester(rule);
t.fires(
  "Jinja2 only",
  { files: { "app/settings.py": `${APPS}TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2"}]\n` } },
  {
    djangoCheck: "admin.E403",
  },
);
t.quiet("a subclass of DjangoTemplates in the project counts", {
  files: {
    "app/settings.py": `${APPS}TEMPLATES = [{"BACKEND": "app.engines.Custom"}]\n`,
    "app/engines.py": "from django.template.backends.django import DjangoTemplates\n\n\nclass Custom(DjangoTemplates):\n    pass\n",
  },
});
t.quiet("no admin", { files: { "app/settings.py": "TEMPLATES = []\n" } });
