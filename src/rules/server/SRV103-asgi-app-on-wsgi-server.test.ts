import { ruleTester } from "../tester.js";
import rule from "./SRV103-asgi-app-on-wsgi-server.js";

const t = ruleTester(rule);
const channels = { "mysite/settings.py": 'INSTALLED_APPS = ["channels"]\nASGI_APPLICATION = "mysite.asgi.application"\n' };
t.fires(
  "gthread workers from gunicorn.conf.py",
  {
    files: {
      ...channels,
      Procfile: "web: gunicorn mysite.asgi:application\n",
      "gunicorn.conf.py": 'worker_class = "gthread"\nthreads = 4\n',
    },
  },
  { file: "Procfile", line: 1, message: /worker class gthread/ },
);
t.quiet("uvicorn worker on the command line", {
  files: { ...channels, Procfile: "web: gunicorn mysite.asgi:application -k uvicorn.workers.UvicornWorker\n" },
});
t.quiet("a plain WSGI project", {
  files: { "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.admin"]\n', Procfile: "web: gunicorn mysite.wsgi\n" },
});
t.quiet("CMD gunicorn as a subcommand of the entrypoint script (baserow)", {
  files: {
    ...channels,
    Dockerfile: 'FROM python:3.12.12-slim\nCOPY . /app\nENTRYPOINT ["/bin/bash", "/app/docker/entrypoint.sh"]\nCMD ["gunicorn"]\n',
    "docker/entrypoint.sh":
      '#!/bin/bash\ncase "$1" in\n  gunicorn)\n    exec gunicorn -k uvicorn.workers.UvicornWorker mysite.asgi:application\n    ;;\nesac\n',
  },
});
t.fires(
  "a bare gunicorn whose config names the WSGI application",
  {
    files: {
      ...channels,
      Procfile: "web: gunicorn\n",
      "gunicorn.conf.py": 'wsgi_app = "mysite.wsgi:application"\n',
    },
  },
  { file: "Procfile", line: 1, message: /worker class sync/ },
);
