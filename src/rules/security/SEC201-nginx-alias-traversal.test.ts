import { ruleTester } from "../tester.js";
import rule from "./SEC201-nginx-alias-traversal.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "media in an included file",
  {
    files: {
      ...settings,
      "nginx/nginx.conf": "events {}\nhttp {\n  include conf.d/*.conf;\n}\n",
      "nginx/conf.d/app.conf": "server {\n  listen 80;\n  location ^~ /media {\n    alias /srv/media/;\n  }\n}\n",
    },
  },
  { file: "nginx/conf.d/app.conf", line: 4, messageId: "traversal", severity: "error" },
);
t.fires(
  "slash only on the location",
  { files: { ...settings, "nginx/site.conf": "server {\n  location /static/ { alias /srv/static; }\n}\n" } },
  { messageId: "broken", severity: "warning" },
);
t.quiet("regex locations capture the path themselves", {
  files: { ...settings, "nginx/site.conf": "server {\n  location ~ ^/static/(.*)$ { alias /srv/static/$1; }\n}\n" },
});
