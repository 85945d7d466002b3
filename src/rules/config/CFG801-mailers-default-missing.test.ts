import { ruleTester } from "../tester.js";
import rule from "./CFG801-mailers-default-missing.js";

const t = ruleTester(rule);
t.fires("an empty MAILERS", { files: { "app/settings.py": "MAILERS = {}\n" }, djangoVersion: "6.1" }, { djangoCheck: "mail.W001" });
t.quiet("MAILERS not set (Django keeps EMAIL_* then)", { files: { "app/settings.py": "DEBUG = False\n" }, djangoVersion: "6.1" });
t.quiet("6.0 has no MAILERS", { files: { "app/settings.py": "MAILERS = {}\n" }, djangoVersion: "6.0" });
