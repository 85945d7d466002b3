import { ruleTester } from "../tester.js";
import rule from "./STC006-static-url-no-trailing-slash.js";

const t = ruleTester(rule);
t.fires(
  "both, relative and absolute",
  { files: { "app/settings.py": 'STATIC_URL = "static"\nMEDIA_URL = "https://cdn.example.com/media"\n' } },
  { line: 1, djangoCheck: "urls.E006", message: "'/static'" },
  { line: 2, djangoCheck: "urls.E006" },
);
t.quiet("empty MEDIA_URL becomes the script prefix /", { files: { "app/settings.py": 'STATIC_URL = "static/"\nMEDIA_URL = ""\n' } });
t.quiet("STATIC_URL None (Django's default)", { files: { "app/settings.py": "DEBUG = False\n" } });
