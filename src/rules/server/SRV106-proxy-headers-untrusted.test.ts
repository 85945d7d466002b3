import { ruleTester } from "../tester.js";
import rule from "./SRV106-proxy-headers-untrusted.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
const ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: app.example.com\n";
t.fires(
  "uvicorn in Kubernetes behind an Ingress",
  {
    files: {
      ...settings,
      "k8s/ingress.yaml": ingress,
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          args: [uvicorn, mysite.asgi:application, --host, 0.0.0.0]\n",
    },
  },
  { file: "k8s/web.yaml", line: 11, messageId: "uvicornUnlessEnv", env: ["FORWARDED_ALLOW_IPS"] },
);
t.fires(
  "daphne without --proxy-headers",
  { files: { ...settings, "k8s/ingress.yaml": ingress, Procfile: "web: daphne -b 0.0.0.0 mysite.asgi:application\n" } },
  { messageId: "daphne", file: "Procfile" },
);
t.quiet("FORWARDED_ALLOW_IPS in the environment", {
  files: {
    ...settings,
    "compose.yaml":
      "services:\n  web:\n    image: me/app\n    command: uvicorn mysite.asgi:application\n    environment:\n      FORWARDED_ALLOW_IPS: '*'\n  proxy:\n    image: caddy:2\n",
  },
});
t.quiet("nginx on the same host", {
  files: {
    ...settings,
    "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/uvicorn mysite.asgi:application --port 8000\nRestart=always\n",
    "deploy/nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
  },
});
t.quiet("FORWARDED_ALLOW_IPS from a ConfigMap through envFrom", {
  files: {
    ...settings,
    "k8s/ingress.yaml": ingress,
    "k8s/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  FORWARDED_ALLOW_IPS: '*'\n",
    "k8s/web.yaml":
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          args: [uvicorn, mysite.asgi:application]\n          envFrom:\n            - configMapRef:\n                name: app\n",
  },
});
