import { ruleTester } from "../tester.js";
import rule from "./STC103-static-files-unserved.js";

const t = ruleTester(rule);
const base =
  'INSTALLED_APPS = ["django.contrib.staticfiles"]\nMIDDLEWARE = []\nSTATIC_URL = "/static/"\nSTATIC_ROOT = "/srv/app/staticfiles"\n';
t.fires("bare settings", { files: { "mysite/settings.py": base } }, { line: 3 });
t.quiet("nginx location", {
  files: {
    "mysite/settings.py": base,
    "deploy/nginx/site.conf": "server {\n  listen 80;\n  location /static/ { alias /srv/app/staticfiles/; }\n}\n",
  },
});
t.quiet("a CDN", { files: { "mysite/settings.py": base.replace('"/static/"', '"https://cdn.example.com/static/"') } });
t.quiet("S3 storage", {
  files: {
    "mysite/settings.py": `${base}STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}, "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"}}\n`,
  },
});
