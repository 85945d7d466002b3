import { ruleTester } from "../tester.js";
import rule from "./SEC207-tls-protocols-outdated.js";

const t = ruleTester(rule);
t.fires(
  "inherited from http",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "nginx/nginx.conf":
        "events {}\nhttp {\n  ssl_protocols TLSv1.1 TLSv1.2;\n  server {\n    listen 443 ssl;\n    ssl_certificate /c.pem;\n  }\n}\n",
    },
  },
  { file: "nginx/nginx.conf", line: 3, message: /TLSv1\.1/ },
);
t.quiet("modern protocols", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "nginx/site.conf": "server {\n  listen 443 ssl;\n  ssl_protocols TLSv1.2 TLSv1.3;\n}\n",
  },
});
