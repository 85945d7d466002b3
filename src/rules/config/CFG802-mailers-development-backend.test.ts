import { ruleTester } from "../tester.js";
import rule from "./CFG802-mailers-development-backend.js";

const LOCMEM = 'MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}\n';
const t = ruleTester(rule);
t.fires("locmem", { files: { "app/settings.py": LOCMEM }, djangoVersion: "6.1" }, { djangoCheck: "mail.E001" });
t.quiet("EMAIL_BACKEND is not checked", {
  files: { "app/settings.py": 'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n' },
  djangoVersion: "6.1",
});
t.quiet("5.2 has no MAILERS", { files: { "app/settings.py": LOCMEM }, djangoVersion: "5.2" });
