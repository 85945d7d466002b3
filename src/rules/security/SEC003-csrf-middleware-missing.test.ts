import { ruleTester } from "../tester.js";
import rule from "./SEC003-csrf-middleware-missing.js";

const t = ruleTester(rule);
t.fires(
  "left at Django's default MIDDLEWARE (empty)",
  { files: { "app/settings.py": "DEBUG = False\n" } },
  { djangoCheck: "security.W003" },
);
t.fires(
  "a subclass does not count: Django tests the dotted path",
  { files: { "app/settings.py": 'MIDDLEWARE = ["app.middleware.MyCsrfMiddleware"]\n' } },
  { djangoCheck: "security.W003" },
);
t.quiet("installed", { files: { "app/settings.py": 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n' } });
t.quiet("silenced with SILENCED_SYSTEM_CHECKS", {
  files: { "app/settings.py": 'MIDDLEWARE = []\nSILENCED_SYSTEM_CHECKS = ["security.W003"]\n' },
});
