import { ruleTester } from "../tester.js";
import rule from "./SCL105-migrate-with-replicas.js";

const t = ruleTester(rule);
t.fires(
  "an entrypoint script inherited by a scaled Deployment",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n',
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n",
    },
  },
  { file: "docker-entrypoint.sh", line: 3 },
);
t.quiet("an init container of a single replica", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "k8s/web.yaml":
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: me/app\n          command: [python, manage.py, migrate]\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n",
  },
});
