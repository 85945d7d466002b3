import { ruleTester } from "../tester.js";
import rule from "./SRV104-gunicorn-single-worker.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "workers = 1 in gunicorn.conf.py",
  {
    files: {
      ...settings,
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "gunicorn.conf.py": "workers = 1\n",
    },
  },
  { file: "gunicorn.conf.py", line: 1 },
);
t.fires(
  "WEB_CONCURRENCY=1 in the audited environment",
  { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" }, environment: { WEB_CONCURRENCY: "1" } },
  { file: "Procfile", messageId: "single" },
);
t.quiet("workers from an unknown environment variable", {
  files: { ...settings, Procfile: "web: gunicorn mysite.wsgi --workers $WORKERS\n" },
});
t.quiet("WEB_CONCURRENCY is the platform's on Heroku", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
t.fires(
  "systemd without workers",
  { files: { ...settings, "deploy/app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\nRestart=always\n" } },
  { file: "deploy/app.service", line: 2, messageId: "singleUnlessEnv", env: ["WEB_CONCURRENCY"] },
);
t.quiet("threads", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi --workers 1 --threads 8\n" } });
t.fires(
  "WEB_CONCURRENCY=1 from the compose env_file",
  {
    files: {
      ...settings,
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    env_file: deploy/web.env\n",
      "deploy/web.env": "WEB_CONCURRENCY=1\n",
    },
  },
  { file: "deploy/web.env", line: 1, messageId: "single" },
);
t.fires(
  "workers = 1 in a module named by --config python:mysite.gunicorn_conf",
  {
    files: {
      ...settings,
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--config", "python:mysite.gunicorn_conf", "mysite.wsgi"]\n',
      "mysite/gunicorn_conf.py": "bind = '0.0.0.0:8000'\nworkers = 1\n",
    },
  },
  { file: "mysite/gunicorn_conf.py", line: 2 },
);
t.quiet("--config python:module with several workers", {
  files: {
    ...settings,
    Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "-c", "python:mysite.gunicorn_conf", "mysite.wsgi"]\n',
    "mysite/gunicorn_conf.py": "workers = 4\n",
  },
});
