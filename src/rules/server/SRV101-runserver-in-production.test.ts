import { ruleTester } from "../tester.js";
import rule from "./SRV101-runserver-in-production.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "compose inherits the Dockerfile CMD",
  {
    files: {
      ...settings,
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      "compose.yaml": "services:\n  web:\n    build: .\n",
    },
  },
  { file: "Dockerfile", line: 4, message: /web, Dockerfile/ },
);
t.fires(
  "inside sh -c in a Kubernetes container",
  {
    files: {
      ...settings,
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [sh, -c, 'python manage.py migrate && python manage.py runserver 0:8000']\n",
    },
  },
  { file: "k8s/web.yaml", line: 11, messageId: "runserver" },
);
t.fires(
  "an entrypoint script in the tree",
  {
    files: {
      ...settings,
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["/app/docker/start.sh"]\n',
      "docker/start.sh": "#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec python manage.py runserver 0.0.0.0:8000\n",
    },
  },
  { file: "docker/start.sh", line: 4 },
);
t.quiet("a development compose file", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  web:\n    image: me/app\n",
    "compose.dev.yaml": "services:\n  web:\n    command: python manage.py runserver\n",
  },
});
t.quiet("gunicorn in systemd", {
  files: { ...settings, "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n" },
});
