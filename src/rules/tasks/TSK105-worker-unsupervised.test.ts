import { ruleTester } from "../tester.js";
import rule from "./TSK105-worker-unsupervised.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "systemd without Restart=",
  {
    files: {
      ...settings,
      "deploy/celery.service": "[Unit]\nDescription=worker\n\n[Service]\nExecStart=/srv/venv/bin/celery -A mysite worker\n",
    },
  },
  { file: "deploy/celery.service", line: 5, messageId: "off" },
);
t.fires(
  "supervisor autorestart=false",
  { files: { ...settings, "supervisord.conf": "[program:rq]\ncommand=python manage.py rqworker default\nautorestart=false\n" } },
  { line: 3, messageId: "off" },
);
t.quiet("Kubernetes restarts pods", {
  files: {
    ...settings,
    "k8s/worker.yaml":
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: w\n          image: me/app\n          command: [celery, -A, mysite, worker]\n",
  },
});
t.quiet("restart from an x- anchor", {
  files: {
    ...settings,
    "compose.yaml":
      "x-app: &app\n  image: me/app\n  restart: always\nservices:\n  worker:\n    <<: *app\n    command: celery -A mysite worker\n",
  },
});
