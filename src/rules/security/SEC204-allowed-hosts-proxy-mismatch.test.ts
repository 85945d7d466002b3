import { ruleTester } from "../tester.js";
import rule from "./SEC204-allowed-hosts-proxy-mismatch.js";

const t = ruleTester(rule);
const ingress =
  "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n    - host: api.example.com\n";
t.fires(
  "ALLOWED_HOSTS from the audited environment",
  {
    files: { "mysite/settings.py": 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n', "k8s/ingress.yaml": ingress },
    environment: { ALLOWED_HOSTS: "shop.example.com" },
  },
  { file: "k8s/ingress.yaml", line: 8, message: /api\.example\.com/, env: ["ALLOWED_HOSTS"] },
);
t.quiet("a subdomain pattern", { files: { "mysite/settings.py": 'ALLOWED_HOSTS = [".example.com"]\n', "k8s/ingress.yaml": ingress } });
t.quiet("the catch-all server name", {
  files: {
    "mysite/settings.py": 'ALLOWED_HOSTS = ["a.example.com"]\n',
    "nginx/site.conf": "server {\n  server_name _;\n  location / { proxy_pass http://app; }\n}\n",
  },
});
t.fires(
  "a Caddy site address that ALLOWED_HOSTS does not match",
  {
    files: {
      "mysite/settings.py": 'ALLOWED_HOSTS = ["example.com"]\n',
      Caddyfile: "example.com, www.example.com {\n\treverse_proxy web:8000\n}\n",
    },
  },
  { file: "Caddyfile", line: 1, messageId: "rejected", message: /^Caddy routes www\.example\.com/ },
);
t.quiet("Caddy: matched hosts, a wildcard ALLOWED_HOSTS entry, an env placeholder, a site that only serves files", {
  files: {
    "mysite/settings.py": 'ALLOWED_HOSTS = ["example.com", ".example.org"]\n',
    Caddyfile:
      "example.com, api.example.org:8443 {\n\treverse_proxy web:8000\n}\n{$EXTRA_DOMAIN} {\n\treverse_proxy web:8000\n}\nstatic.example.net {\n\troot * /srv\n\tfile_server\n}\n",
  },
});
