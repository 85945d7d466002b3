import { ruleTester } from "../tester.js";
import rule from "./SRV111-proxy-buffering-off-sync-workers.js";

const t = ruleTester(rule);
const base = {
  "mysite/settings.py": "DEBUG = False\n",
  "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n",
};
t.fires(
  "buffering off at server level, inherited by the location",
  {
    files: {
      ...base,
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    proxy_buffering off;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n",
    },
  },
  { file: "deploy/nginx/site.conf", line: 3 },
);
t.quiet("async workers", {
  files: {
    ...base,
    "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.asgi -k uvicorn.workers.UvicornWorker -w 3\nRestart=always\n",
    "deploy/nginx/site.conf": "server {\n    listen 80;\n    location / { proxy_buffering off; proxy_pass http://127.0.0.1:8000; }\n}\n",
  },
});
