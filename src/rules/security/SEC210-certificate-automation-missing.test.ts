import { ruleTester } from "../tester.js";
import rule from "./SEC210-certificate-automation-missing.js";

const t = ruleTester(rule);
const ingress = (annotations: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n${annotations}spec:\n  tls:\n    - hosts: [a.example.com]\n      secretName: web-tls\n`;
t.fires(
  "an Ingress without cert-manager",
  { files: { "mysite/settings.py": "DEBUG = False\n", "k8s/ingress.yaml": ingress("") } },
  { file: "k8s/ingress.yaml", line: 7, messageId: "ingress" },
);
t.quiet("cert-manager annotation", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "k8s/ingress.yaml": ingress("  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n"),
  },
});
t.quiet("a certbot service in compose", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "compose.yaml": "services:\n  nginx:\n    image: nginx:1.27\n  certbot:\n    image: certbot/certbot\n",
    "nginx/site.conf": "server {\n  listen 443 ssl;\n  ssl_certificate /certs/a.pem;\n}\n",
  },
});
