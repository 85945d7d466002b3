import { ruleTester } from "../tester.js";
import rule from "./SEC205-healthcheck-host-rejected.js";

const t = ruleTester(rule);
const web = (host: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8000\n              httpHeaders:\n                - name: Host\n                  value: ${host}\n`;
t.fires(
  "a staging host in the production probe",
  { files: { "mysite/settings.py": 'ALLOWED_HOSTS = ["app.example.com"]\n', "k8s/web.yaml": web("staging.example.com") } },
  { file: "k8s/web.yaml", line: 18, messageId: "header" },
);
t.quiet("an allowed host", {
  files: { "mysite/settings.py": 'ALLOWED_HOSTS = ["app.example.com"]\n', "k8s/web.yaml": web("app.example.com") },
});
t.quiet("ALLOWED_HOSTS unknown", {
  files: { "mysite/settings.py": 'import os\nALLOWED_HOSTS = os.environ["HOSTS"].split(",")\n', "k8s/web.yaml": web("x") },
});
