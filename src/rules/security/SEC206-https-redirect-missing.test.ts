import { ruleTester } from "../tester.js";
import rule from "./SEC206-https-redirect-missing.js";

const t = ruleTester(rule);
t.fires(
  "ingress with ssl-redirect false",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "k8s/ingress.yaml":
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "false"\nspec:\n  tls:\n    - secretName: tls\n',
    },
  },
  { file: "k8s/ingress.yaml", line: 6, messageId: "ingress" },
);
t.quiet("Django redirects", {
  files: {
    "mysite/settings.py": "SECURE_SSL_REDIRECT = True\n",
    "nginx/site.conf":
      "server {\n  listen 80;\n  listen 443 ssl;\n  server_name a.example.com;\n  location / { proxy_pass http://app; }\n}\n",
  },
});
t.fires(
  "a Caddy http:// site proxies to the app beside the HTTPS one",
  {
    files: {
      "mysite/settings.py": "SECURE_SSL_REDIRECT = False\n",
      Caddyfile: "example.com {\n\treverse_proxy web:8000\n}\nhttp://example.com {\n\treverse_proxy web:8000\n}\n",
    },
  },
  { file: "Caddyfile", line: 4, messageId: "plain", message: /example\.com is served over TLS, but plain HTTP on port 80/ },
);
t.quiet("Caddy's automatic redirect, and a plain-HTTP site for another host", {
  files: {
    "mysite/settings.py": "SECURE_SSL_REDIRECT = False\n",
    Caddyfile: "example.com {\n\treverse_proxy web:8000\n}\nhttp://internal.example.com {\n\treverse_proxy web:8000\n}\n",
  },
});
