import { ruleTester } from "../tester.js";
import rule from "./STC108-static-served-twice.js";

const t = ruleTester(rule);
const settings =
  'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]\nSTATIC_URL = "static/"\nSTATIC_ROOT = "/srv/static"\n';
t.fires(
  "a location without the trailing slash",
  {
    files: {
      "mysite/settings.py": settings,
      "nginx/nginx.conf": "events {}\nhttp {\n  server {\n    location /static { alias /srv/static; }\n  }\n}\n",
    },
  },
  { file: "nginx/nginx.conf", line: 4, severity: "info" },
);
t.quiet("only the proxy", {
  files: {
    "mysite/settings.py": settings.replace('"whitenoise.middleware.WhiteNoiseMiddleware"', ""),
    "nginx/nginx.conf": "events {}\nhttp {\n  server {\n    location /static/ { alias /srv/static/; }\n  }\n}\n",
  },
});
