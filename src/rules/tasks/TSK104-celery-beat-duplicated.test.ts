import { ruleTester } from "../tester.js";
import rule from "./TSK104-celery-beat-duplicated.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "two systemd units",
  {
    files: {
      ...settings,
      "deploy/worker.service": "[Service]\nExecStart=/srv/venv/bin/celery -A mysite worker -B\nRestart=always\n",
      "deploy/beat.service": "[Service]\nExecStart=/srv/venv/bin/celery -A mysite beat\nRestart=always\n",
    },
  },
  { message: /beat\.service, worker\.service|worker\.service, beat\.service/ },
);
t.quiet("compose and Kubernetes are alternatives", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  beat:\n    image: me/app\n    command: celery -A mysite beat\n",
    "k8s/beat.yaml":
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: beat\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: beat\n          image: me/app\n          command: [celery, -A, mysite, beat]\n",
  },
});
