import { ruleTester } from "../tester.js";
import rule from "./CFG411-admin-sidebar-request-missing.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const ENGINE = 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": []}}]\n';
const t = ruleTester(rule);
t.fires("no request processor", { files: { "app/settings.py": APPS + ENGINE } }, { djangoCheck: "admin.W411" });
t.quiet("a project that turns the sidebar off: cannot tell which sites keep it", {
  files: {
    "app/settings.py": APPS + ENGINE,
    "app/admin.py": "from django.contrib import admin\n\nadmin.site.enable_nav_sidebar = False\n",
  },
});
t.quiet("no DjangoTemplates engine: E403's business", { files: { "app/settings.py": `${APPS}TEMPLATES = []\n` } });
