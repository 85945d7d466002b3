import { ruleTester } from "../tester.js";
import rule from "./CFG413-login-required-before-authentication.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]\n';
const LOGIN = '"django.contrib.auth.middleware.LoginRequiredMiddleware"';
const t = ruleTester(rule);
t.fires("alone", { files: { "app/settings.py": `${APPS}MIDDLEWARE = [${LOGIN}]\n` }, djangoVersion: "5.1" }, { djangoCheck: "auth.E013" });
t.quiet("5.0 has no LoginRequiredMiddleware", { files: { "app/settings.py": `${APPS}MIDDLEWARE = [${LOGIN}]\n` }, djangoVersion: "5.0" });
t.quiet("after AuthenticationMiddleware", {
  files: { "app/settings.py": `${APPS}MIDDLEWARE = ["django.contrib.auth.middleware.AuthenticationMiddleware", ${LOGIN}]\n` },
});
