import { ruleTester } from "../tester.js";
import rule from "./TSK102-task-broker-missing.js";

const t = ruleTester(rule);
t.fires(
  "an empty broker URL from the environment",
  {
    files: { "mysite/settings.py": 'import os\nCELERY_BROKER_URL = os.environ.get("BROKER", "")\n', "requirements.txt": "celery\n" },
    environment: {},
  },
  { file: "requirements.txt", line: 1, messageId: "celery" },
);
t.fires(
  "django-rq without RQ_QUEUES",
  { files: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "django-rq\n" } },
  { messageId: "other" },
);
t.quiet("broker passed to the app", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "mysite/celery.py": 'from celery import Celery\napp = Celery("mysite", broker="redis://redis:6379/0")\n',
    "requirements.txt": "celery\n",
  },
});
t.quiet("CELERY_BROKER_URL in the compose environment", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "requirements.txt": "celery\n",
    "compose.yaml":
      "services:\n  worker:\n    image: me/app\n    command: celery -A mysite worker\n    environment:\n      CELERY_BROKER_URL: redis://redis:6379/0\n",
  },
  environment: {},
});
t.quiet("the image's entrypoint exports the broker URL", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "requirements.txt": "celery\n",
    Dockerfile: 'FROM python:3.12.12-slim\nCOPY entrypoint /entrypoint\nENTRYPOINT ["/entrypoint"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    entrypoint: '#!/bin/bash\nset -o errexit\nexport CELERY_BROKER_URL="${REDIS_URL}"\nexec "$@"\n',
  },
});
