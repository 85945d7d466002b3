import { ruleTester } from "../tester.js";
import rule from "./SRV108-gunicorn-timeout-exceeds-proxy.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
const ingress = (annotation: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    ${annotation}\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: app.example.com\n`;
t.fires(
  "gunicorn.conf.py against an ingress annotation",
  {
    files: {
      ...settings,
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "gunicorn.conf.py": "workers = 3\ntimeout = 90\n",
      "k8s/ingress.yaml": ingress('nginx.ingress.kubernetes.io/proxy-read-timeout: "30"'),
    },
  },
  { file: "gunicorn.conf.py", line: 2, message: /gives up after 30s/ },
);
t.quiet("shorter than the ingress", {
  files: {
    ...settings,
    Procfile: "web: gunicorn mysite.wsgi -w 3 --timeout 30\n",
    "k8s/ingress.yaml": ingress('nginx.ingress.kubernetes.io/proxy-read-timeout: "60"'),
  },
});
