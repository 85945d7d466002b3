import { ruleTester } from "../tester.js";
import rule from "./CFG302-template-string-if-invalid-not-str.js";

const JINJA = 'TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"string_if_invalid": 1}}]\n';
const t = ruleTester(rule);
t.fires(
  "an int on a DjangoTemplates engine",
  {
    files: {
      "app/settings.py":
        'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"string_if_invalid": 1}}]\n',
    },
  },
  { djangoCheck: "templates.E002", message: "1 (int)" },
);
t.fires(
  "up to 5.0 every backend is checked",
  { files: { "app/settings.py": JINJA }, djangoVersion: "5.0" },
  { djangoCheck: "templates.E002" },
);
t.quiet("since 5.1 only DjangoTemplates engines check themselves", { files: { "app/settings.py": JINJA }, djangoVersion: "5.1" });
t.quiet("a string", {
  files: {
    "app/settings.py":
      'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"string_if_invalid": "?"}}]\n',
  },
});
