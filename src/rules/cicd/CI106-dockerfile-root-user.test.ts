import { ruleTester } from "../tester.js";
import rule from "./CI106-dockerfile-root-user.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "no USER",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY . /app\nCMD gunicorn mysite.wsgi\n" } },
  { file: "Dockerfile", line: 1, messageId: "noUser", message: /python:3\.12\.12-slim/ },
);
t.fires(
  "USER root last",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nUSER app\nRUN echo\nUSER root\nCMD gunicorn mysite.wsgi\n" } },
  { line: 4, messageId: "rootUser" },
);
t.fires(
  "a USER in a build stage does not carry over to an unrelated final stage",
  {
    files: {
      ...SETTINGS,
      Dockerfile: "FROM python:3.12.12-slim AS build\nUSER app\n\nFROM python:3.12.12-slim\nCOPY --from=build /app /app\n",
    },
  },
  { line: 4, messageId: "noUser" },
);
t.quiet("USER app", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nRUN useradd app\nUSER app:app\n" } });
t.quiet("USER inherited from the stage it is built FROM", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim AS base\nUSER 10001\n\nFROM base AS runtime\nCMD gunicorn mysite.wsgi\n" },
});
t.quiet("an entrypoint that drops privileges", {
  files: { ...SETTINGS, Dockerfile: 'FROM python:3.12.12-slim\nENTRYPOINT ["gosu", "app", "gunicorn", "mysite.wsgi"]\n' },
});
t.quiet("a distroless nonroot base", { files: { ...SETTINGS, Dockerfile: "FROM gcr.io/distroless/python3-debian12:nonroot\n" } });

// Privilege drops at start-up.
t.quiet("an entrypoint script that switches user with gosu", {
  files: {
    ...SETTINGS,
    Dockerfile:
      'FROM python:3.12.12-slim\nRUN useradd app && apt-get install -y gosu\nCOPY . /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec gosu app "$@"\n',
  },
});
t.quiet("s6-setuidgid in the start script", {
  files: {
    ...SETTINGS,
    Dockerfile: 'FROM python:3.12.12-slim\nCOPY . /app\nCMD ["/app/docker/start.sh"]\n',
    "docker/start.sh": "#!/bin/sh\nexec s6-setuidgid app gunicorn mysite.wsgi\n",
  },
});
t.quiet("gunicorn --user", {
  files: { ...SETTINGS, Dockerfile: 'FROM python:3.12.12-slim\nCOPY . /app\nCMD ["gunicorn", "--user", "app", "mysite.wsgi"]\n' },
});
t.quiet("uwsgi uid= in its ini file", {
  files: {
    ...SETTINGS,
    Dockerfile: 'FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["uwsgi", "--ini", "/app/uwsgi.ini"]\n',
    "uwsgi.ini": "[uwsgi]\nmodule = mysite.wsgi\nuid = app\ngid = app\n",
  },
});
t.quiet("an official image whose entrypoint drops root", {
  files: { ...SETTINGS, "db/Dockerfile": "FROM postgres:16.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n" },
});
t.fires(
  "an official image with its entrypoint replaced",
  {
    files: {
      ...SETTINGS,
      "db/Dockerfile": 'FROM redis:7.4.1\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n',
      "db/start.sh": "redis-server\n",
    },
  },
  { file: "db/Dockerfile", messageId: "noUser" },
);
t.fires(
  "uwsgi without uid",
  {
    files: {
      ...SETTINGS,
      Dockerfile: 'FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["uwsgi", "--ini", "/app/uwsgi.ini"]\n',
      "uwsgi.ini": "[uwsgi]\nmodule = mysite.wsgi\n",
    },
  },
  { messageId: "noUser" },
);

// A base image the repository builds itself: its own Dockerfile's last USER carries over.
const BASE_DOCKERFILE = "FROM python:3.12.12-slim\nRUN useradd --system app\nUSER app\n";
t.quiet("FROM a base image compose builds from a Dockerfile that ends with USER (kuma)", {
  files: {
    ...SETTINGS,
    "docker/base/Dockerfile": BASE_DOCKERFILE,
    "docker/app/Dockerfile": 'FROM example/app_base:latest\nCOPY --chown=app:app . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "docker-compose.yml":
      "services:\n  base:\n    build:\n      context: .\n      dockerfile: docker/base/Dockerfile\n    image: example/app_base\n",
  },
});
t.quiet("FROM an image a workflow builds through metadata images (doccano)", {
  files: {
    ...SETTINGS,
    "docker/Dockerfile": BASE_DOCKERFILE,
    "docker/Dockerfile.heroku": 'FROM example/app:nightly\nCMD ["gunicorn", "mysite.wsgi"]\n',
    ".github/workflows/image.yml":
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "on: [push]\njobs:\n  docker:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: crazy-max/ghaction-docker-meta@v1\n        id: meta\n        with:\n          images: example/app\n      - uses: docker/build-push-action@v3\n        with:\n          context: .\n          file: ./docker/Dockerfile\n          tags: ${{ steps.meta.outputs.tags }}\n",
  },
});
t.fires(
  "FROM a base image the repository builds as root",
  {
    files: {
      ...SETTINGS,
      "docker/base/Dockerfile": "FROM python:3.12.12-slim\nRUN pip install gunicorn\n",
      "docker/app/Dockerfile": 'FROM example/app_base:latest\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "docker-compose.yml":
        "services:\n  base:\n    build:\n      context: .\n      dockerfile: docker/base/Dockerfile\n    image: example/app_base\n",
    },
  },
  { file: "docker/app/Dockerfile", line: 1, messageId: "noUser" },
);

// supervisord as PID 1, each program with its own user (baserow's all-in-one image).
const SUPERVISED = (programs: string) => ({
  ...SETTINGS,
  "deploy/aio/Dockerfile":
    'FROM python:3.12.12-slim\nRUN apt-get update && apt-get install -y supervisor\nCOPY deploy/aio/supervisor/ /app/supervisor\nCOPY . /app\nCMD ["/app/supervisor/start.sh"]\n',
  "deploy/aio/supervisor/start.sh": '#!/bin/bash\nset -e\nexec /usr/bin/supervisord --configuration "/app/supervisor/supervisor.conf"\n',
  "deploy/aio/supervisor/supervisor.conf": `[supervisord]\nnodaemon = true\n\n${programs}`,
});
t.quiet("supervisord started by a copied script, every program with a user", {
  files: SUPERVISED(
    "[program:web]\nuser=%(ENV_DOCKER_USER)s\ncommand=gunicorn mysite.wsgi\n\n[program:worker]\nuser=app\ncommand=celery -A mysite worker\n",
  ),
});
t.fires(
  "supervisord with a program that has no user",
  { files: SUPERVISED("[program:web]\ncommand=gunicorn mysite.wsgi\n\n[program:worker]\nuser=app\ncommand=celery -A mysite worker\n") },
  { file: "deploy/aio/Dockerfile", line: 1, messageId: "noUser" },
);
t.fires(
  "supervisord with user=root",
  { files: SUPERVISED("[program:web]\nuser=root\ncommand=gunicorn mysite.wsgi\n") },
  { file: "deploy/aio/Dockerfile", line: 1, messageId: "noUser" },
);
