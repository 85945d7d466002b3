import { ruleTester } from "../tester.js";
import rule from "./SCL102-healthcheck-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "a Deployment without probes",
  {
    files: {
      ...settings,
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          args: [gunicorn, mysite.wsgi]\n",
    },
  },
  { file: "k8s/web.yaml", line: 11 },
);
t.quiet("a Dockerfile HEALTHCHECK inherited by compose", {
  files: {
    ...settings,
    Dockerfile:
      'FROM python:3.12\nCOPY . /app\nHEALTHCHECK CMD curl -f http://localhost:8000/healthz || exit 1\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "compose.yaml": "services:\n  web:\n    build: .\n",
  },
});
t.quiet("a Procfile platform", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
