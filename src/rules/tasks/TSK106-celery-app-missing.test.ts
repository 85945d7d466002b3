import { ruleTester } from "../tester.js";
import rule from "./TSK106-celery-app-missing.js";

const t = ruleTester(rule);
const files = { "mysite/settings.py": "DEBUG = False\n", "mysite/celery.py": 'from celery import Celery\napp = Celery("mysite")\n' };
t.fires(
  "module:attribute form with the wrong package",
  {
    files: {
      ...files,
      "compose.yaml": "services:\n  worker:\n    image: me/app\n    command: [celery, --app=config.celery:app, worker]\n",
    },
  },
  { file: "compose.yaml", line: 4, message: /config\.celery/ },
);
t.quiet("module.attribute form", { files: { ...files, Procfile: "worker: celery -A mysite.celery.app worker\n" } });
t.quiet("a variable", { files: { ...files, Procfile: "worker: celery -A $CELERY_APP worker\n" } });
