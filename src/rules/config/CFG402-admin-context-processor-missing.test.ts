import { ruleTester } from "../tester.js";
import rule from "./CFG402-admin-context-processor-missing.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const engine = (processors: string) =>
  `TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2"}, {"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": [${processors}]}}]\n`;
const t = ruleTester(rule);
t.fires(
  "the first DjangoTemplates engine lacks the messages processor",
  { files: { "app/settings.py": APPS + engine('"django.contrib.auth.context_processors.auth"') } },
  { djangoCheck: "admin.E404", message: "TEMPLATES[1]" },
);
t.fires("both missing", { files: { "app/settings.py": APPS + engine("") } }, { djangoCheck: "admin.E402" }, { djangoCheck: "admin.E404" });
t.quiet("E402 only applies with the model backend", {
  files: {
    "app/settings.py": `${APPS}AUTHENTICATION_BACKENDS = ["app.backends.TokenBackend"]\n${engine('"django.contrib.messages.context_processors.messages"')}`,
    "app/backends.py": "class TokenBackend:\n    pass\n",
  },
});
t.quiet("both present", {
  files: {
    "app/settings.py":
      APPS + engine('"django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"'),
  },
});
