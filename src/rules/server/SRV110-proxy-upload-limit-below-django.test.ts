import { ruleTester } from "../tester.js";
import rule from "./SRV110-proxy-upload-limit-below-django.js";

const t = ruleTester(rule);
t.fires(
  "nginx's default 1m against Django's default 2.5 MB",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "nginx/nginx.conf":
        "events {}\nhttp {\n  server {\n    listen 80;\n    location / {\n      proxy_pass http://app:8000;\n    }\n  }\n}\n",
    },
  },
  { file: "nginx/nginx.conf", line: 5, message: /1m \(the default\) \(1 MB\) but Django accepts 2\.5 MB/, severity: "info" },
);
t.fires(
  "an ingress annotation, with uploads",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "shop/models.py": "from django.db import models\n\nclass P(models.Model):\n    photo = models.ImageField()\n",
      "k8s/ingress.yaml":
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 512k\nspec:\n  rules:\n    - host: a.example.com\n",
    },
  },
  { file: "k8s/ingress.yaml", line: 6, severity: "warning" },
);
t.quiet("Django without a limit", {
  files: {
    "mysite/settings.py": "DATA_UPLOAD_MAX_MEMORY_SIZE = None\n",
    "nginx/site.conf": "server {\n  listen 80;\n  location / { proxy_pass http://app:8000; }\n}\n",
  },
});
t.quiet("client_max_body_size inherited from http", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "nginx/nginx.conf":
      "events {}\nhttp {\n  client_max_body_size 20m;\n  server {\n    listen 80;\n    location / { proxy_pass http://app:8000; }\n  }\n}\n",
  },
});
t.quiet("a site file's own top level is the http level its servers inherit (init's site)", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "shop/models.py": "from django.db import models\n\nclass P(models.Model):\n    photo = models.ImageField()\n",
    "deploy/nginx/site.conf":
      "client_max_body_size 10m;\nserver {\n    listen 80;\n    location = /healthz {\n        proxy_pass http://web:8000;\n    }\n}\nserver {\n    listen 443 ssl;\n    location / {\n        proxy_pass http://web:8000;\n    }\n}\n",
  },
});
