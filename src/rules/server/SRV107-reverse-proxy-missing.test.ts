import { ruleTester } from "../tester.js";
import rule from "./SRV107-reverse-proxy-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "systemd with nothing in front",
  {
    files: {
      ...settings,
      "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3 -b 0.0.0.0:80\nRestart=always\n",
    },
  },
  { file: "deploy/app.service", line: 2 },
);
t.quiet("nginx site beside it", {
  files: {
    ...settings,
    "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n",
    "deploy/nginx.conf": "events {}\nhttp {\n  server {\n    listen 80;\n    location / { proxy_pass http://127.0.0.1:8000; }\n  }\n}\n",
  },
});
t.quiet("a Procfile platform router", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
const unit = { "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n" };
t.quiet("a Caddyfile whose reverse_proxy comes from an imported snippet", {
  files: {
    ...settings,
    ...unit,
    "deploy/Caddyfile": "(app) {\n\treverse_proxy 127.0.0.1:8000\n}\nexample.com {\n\timport app\n}\n",
  },
});
t.fires(
  "a Caddyfile that serves files only, and a development Caddyfile that proxies",
  {
    files: {
      ...settings,
      ...unit,
      "deploy/Caddyfile": "example.com {\n\t# reverse_proxy 127.0.0.1:8000\n\troot * /srv/site\n\tfile_server\n}\n",
      "Caddyfile.dev": ":8080 {\n\treverse_proxy 127.0.0.1:8000\n}\n",
    },
  },
  { file: "deploy/app.service", line: 2 },
);
