import { ruleTester } from "../tester.js";
import rule from "./DB042-auto-field-implicit.js";

const MODELS = `from django.db import models


class Base(models.Model):
    created = models.DateTimeField()

    class Meta:
        abstract = True


class Product(Base):
    name = models.CharField(max_length=10)


class Special(Product):
    extra = models.CharField(max_length=10)


class ProductProxy(Product):
    class Meta:
        proxy = True


class Keyed(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
`;
const SETTINGS = {
  "app/settings.py": 'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "shop"]\n',
  "shop/models.py": MODELS,
};
const t = ruleTester(rule);
t.fires(
  "concrete and proxy models, not the abstract base, the MTI child or the explicit key",
  { files: SETTINGS },
  { file: "shop/models.py", line: 11, djangoCheck: "models.W042" },
  { file: "shop/models.py", line: 19, djangoCheck: "models.W042" },
);
t.fires("5.0 and 5.1 still warn", { files: SETTINGS, djangoVersion: "5.1" }, { djangoCheck: "models.W042" });
t.quiet("6.0 made BigAutoField the default and removed the warning", { files: SETTINGS, djangoVersion: "6.0" });
t.quiet("DEFAULT_AUTO_FIELD set, even to Django's default", {
  files: { ...SETTINGS, "app/settings.py": `${SETTINGS["app/settings.py"]}DEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n` },
});
t.quiet("the AppConfig sets default_auto_field", {
  files: {
    ...SETTINGS,
    "shop/apps.py":
      'from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = "shop"\n    default_auto_field = "django.db.models.BigAutoField"\n',
  },
});
t.fires(
  "an unimportable DEFAULT_AUTO_FIELD stops setup",
  { files: { ...SETTINGS, "app/settings.py": `${SETTINGS["app/settings.py"]}DEFAULT_AUTO_FIELD = "shop.fields.Missing"\n` } },
  { messageId: "broken", djangoCheck: null },
);
t.quiet("a model with a base from a package djship does not read: cannot know", {
  files: {
    ...SETTINGS,
    "shop/models.py":
      "from django.db import models\nfrom model_utils.models import TimeStampedModel\n\n\nclass Product(TimeStampedModel):\n    pass\n",
  },
});
