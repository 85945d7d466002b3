import { ruleTester } from "../tester.js";
import rule from "./SCL103-resource-limits-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "requests without limits",
  {
    files: {
      ...settings,
      "k8s/worker.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: w\n          image: me/app\n          command: [celery, -A, mysite, worker]\n          resources:\n            requests:\n              memory: 256Mi\n",
    },
  },
  { file: "k8s/worker.yaml", line: 11, message: /worker/ },
);
t.quiet("mem_limit (compose v2 syntax)", {
  files: { ...settings, "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    mem_limit: 512m\n" },
});
