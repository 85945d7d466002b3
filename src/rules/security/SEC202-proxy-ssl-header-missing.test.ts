import { ruleTester } from "../tester.js";
import rule from "./SEC202-proxy-ssl-header-missing.js";

const t = ruleTester(rule);
t.fires(
  "an Ingress with tls",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "k8s/ingress.yaml":
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - hosts: [app.example.com]\n      secretName: tls\n  rules:\n    - host: app.example.com\n",
    },
  },
  { file: "mysite/settings.py", messageId: "unset" },
);
t.quiet("no TLS in the repository", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "nginx/site.conf": "server {\n  listen 80;\n  location / { proxy_pass http://app:8000; }\n}\n",
  },
});
