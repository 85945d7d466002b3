import { ruleTester } from "../tester.js";
import rule from "./TSK103-celery-beat-scaled.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "an autoscaled beat Deployment",
  {
    files: {
      ...settings,
      "k8s/beat.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: beat\nspec:\n  template:\n    spec:\n      containers:\n        - name: beat\n          image: me/app\n          command: [celery, -A, mysite, beat]\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: beat\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: beat\n  minReplicas: 1\n  maxReplicas: 4\n",
    },
  },
  { file: "k8s/beat.yaml", line: 13, message: /4 replicas/ },
);
t.fires(
  "supervisor numprocs",
  {
    files: {
      ...settings,
      "deploy/supervisor/celery.conf":
        "[program:celery]\ncommand=celery -A mysite worker --beat\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n",
    },
  },
  { line: 3, message: /2 processes/ },
);
t.quiet("a single beat", { files: { ...settings, Procfile: "beat: celery -A mysite beat\n" } });
