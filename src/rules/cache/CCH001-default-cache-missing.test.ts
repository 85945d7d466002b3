import { ruleTester } from "../tester.js";
import rule from "./CCH001-default-cache-missing.js";

const t = ruleTester(rule);
t.fires(
  "no default alias",
  { files: { "app/settings.py": "CACHES = {}\n" } },
  { line: 1, djangoCheck: "caches.E001", message: "no alias" },
);
t.quiet("Django's default CACHES", { files: { "app/settings.py": "DEBUG = False\n" } });
