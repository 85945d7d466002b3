import { ruleTester } from "../tester.js";
import rule from "./STC102-collectstatic-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "/srv/static"\n' };
t.fires(
  "systemd deployment without a deploy script",
  {
    files: {
      ...settings,
      "deploy/app.service": "[Service]\nWorkingDirectory=/srv/app\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi -w 3\nRestart=always\n",
    },
  },
  { file: "deploy/app.service", line: 3 },
);
t.quiet("collectstatic in the entrypoint script", {
  files: {
    ...settings,
    Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "entrypoint.sh": '#!/bin/sh\npython manage.py collectstatic --noinput\nexec "$@"\n',
  },
});
t.quiet("Procfile only (the buildpack collects)", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
