import { ruleTester } from "../tester.js";
import rule from "./CFG303-template-library-name-clash.js";

const DT = '"BACKEND": "django.template.backends.django.DjangoTemplates"';
const LIBRARY = "from django import template\n\nregister = template.Library()\n";
const APP = { "app/settings.py": `INSTALLED_APPS = ["shop"]\nTEMPLATES = [{${DT}}]\n`, "shop/templatetags/i18n.py": LIBRARY };
const t = ruleTester(rule);
t.fires("an app library named like Django's (5.2: W003)", { files: APP }, { djangoCheck: "templates.W003", message: "'i18n'" });
t.fires("the same in 5.0: templates.E003, a warning", { files: APP, djangoVersion: "5.0" }, { djangoCheck: "templates.E003" });
t.fires("4.0 has no check", { files: APP, djangoVersion: "4.0" }, { djangoCheck: null });
t.fires(
  "an OPTIONS library clashing with an app's",
  {
    files: {
      "app/settings.py": `INSTALLED_APPS = ["shop"]\nTEMPLATES = [{${DT}, "OPTIONS": {"libraries": {"shop_tags": "app.tags"}}}]\n`,
      "shop/templatetags/shop_tags.py": LIBRARY,
    },
  },
  { message: "'app.tags', 'shop.templatetags.shop_tags'" },
);
t.quiet("a module without register is not a library", {
  files: { "app/settings.py": `INSTALLED_APPS = ["shop"]\nTEMPLATES = [{${DT}}]\n`, "shop/templatetags/i18n.py": "HELPER = 1\n" },
});
t.quiet("distinct names", {
  files: { "app/settings.py": `INSTALLED_APPS = ["shop"]\nTEMPLATES = [{${DT}}]\n`, "shop/templatetags/shop_tags.py": LIBRARY },
});
t.quiet("a third-party app: its libraries are not known", {
  files: {
    "app/settings.py": `INSTALLED_APPS = ["shop", "crispy_forms"]\nTEMPLATES = [{${DT}}]\n`,
    "shop/templatetags/shop_tags.py": LIBRARY,
  },
});
