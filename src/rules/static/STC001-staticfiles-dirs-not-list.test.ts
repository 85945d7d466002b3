import { ruleTester } from "../tester.js";
import rule from "./STC001-staticfiles-dirs-not-list.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n';
const t = ruleTester(rule);
t.fires("a string", { files: { "app/settings.py": `${APPS}STATICFILES_DIRS = "static"\n` } }, { line: 2, djangoCheck: "staticfiles.E001" });
t.quiet("staticfiles not installed", { files: { "app/settings.py": 'STATICFILES_DIRS = "static"\n' } });
t.quiet("FileSystemFinder not among the finders", {
  files: {
    "app/settings.py": `${APPS}STATICFILES_DIRS = "static"\nSTATICFILES_FINDERS = ["django.contrib.staticfiles.finders.AppDirectoriesFinder"]\n`,
  },
});
