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
