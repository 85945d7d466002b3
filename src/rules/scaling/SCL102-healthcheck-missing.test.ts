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
const chartDeployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';
t.fires(
  "a Helm chart whose Deployment template has no probe and whose values set none",
  {
    files: {
      ...settings,
      "chart/values.yaml": "image:\n  repository: ghcr.io/me/app\n  tag: 1.4.2\n",
      "chart/templates/deployment.yaml": chartDeployment,
    },
  },
  { file: "chart/values.yaml", line: 2, messageId: "helm", message: "the Helm chart chart deploys ghcr.io/me/app" },
);
t.quiet("a Helm chart with probes in its template, or passed from values", {
  files: {
    ...settings,
    "chart/values.yaml": "image:\n  repository: ghcr.io/me/app\n",
    "chart/templates/deployment.yaml": `${chartDeployment}          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: 8000\n`,
    "other/values.yaml": "image:\n  repository: ghcr.io/me/app\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n",
    "other/templates/deployment.yaml": `${chartDeployment}          {{- toYaml .Values.livenessProbe | nindent 10 }}\n`,
  },
});
