import { ruleTester } from "../tester.js";
import rule from "./TSK101-task-worker-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "django-rq with only a web service",
  {
    files: {
      ...settings,
      "requirements.txt": "django\ndjango-rq\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n",
    },
  },
  { file: "requirements.txt", line: 2, message: /RQ/ },
);
t.quiet("a systemd worker unit", {
  files: {
    ...settings,
    "requirements.txt": "celery\n",
    "deploy/worker.service": "[Service]\nExecStart=/srv/venv/bin/celery -A mysite worker\nRestart=always\n",
  },
});
t.quiet("nothing deployed", { files: { ...settings, "requirements.txt": "celery\n" } });

// Workers started where the process model does not look by itself.
t.quiet("a compose worker that runs a start script the image copies to /start-celeryworker", {
  files: {
    ...settings,
    "requirements.txt": "celery\n",
    "compose/production/django/Dockerfile":
      'FROM python:3.12.12-slim\nWORKDIR /app\nCOPY ./compose/production/django/celery/worker/start /start-celeryworker\nRUN chmod +x /start-celeryworker\nCOPY . /app\nCMD ["/start"]\n',
    "compose/production/django/celery/worker/start": "#!/bin/bash\nset -o errexit\nexec celery -A config.celery_app worker -l INFO\n",
    "docker-compose.production.yml":
      "services:\n  django:\n    build:\n      context: .\n      dockerfile: ./compose/production/django/Dockerfile\n    command: /start\n  celeryworker:\n    build:\n      context: .\n      dockerfile: ./compose/production/django/Dockerfile\n    command: /start-celeryworker\n",
  },
});
t.quiet("a worker in a Helm chart's templates", {
  files: {
    ...settings,
    "requirements.txt": "celery\n",
    "chart/values.yaml": "image:\n  repository: ghcr.io/example/shop\nreplicaCount: 2\n",
    "chart/templates/worker.yaml":
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: "{{ .Values.image.repository }}"\n          command: ["celery", "-A", "mysite", "worker", "-l", "info"]\n',
    "chart/templates/web.yaml":
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}"\n          command: ["gunicorn", "mysite.wsgi"]\n',
    Procfile: "web: gunicorn mysite.wsgi\n",
  },
});
