import assert from "node:assert/strict";
import { test } from "node:test";
import type { FileKind } from "./classify.js";
import { findDeploySettings } from "./deploy-env.js";

function settingsIn(files: Record<string, [FileKind, string]>): [string, number, string][] {
  const list = Object.entries(files).map(([path, [kind]]) => ({ path, kind }));
  return findDeploySettings(list, (path) => files[path]?.[1]).map((s) => [s.file, s.line, s.value]);
}

test("a command line's --settings and DJANGO_SETTINGS_MODULE=, read with the command parser", () => {
  assert.deepEqual(
    settingsIn({
      Procfile: ["procfile", 'web: DJANGO_SETTINGS_MODULE="app.settings.prod" gunicorn app.wsgi\nworker: celery -A app worker\n'],
      "compose.yaml": [
        "compose",
        'services:\n  web:\n    command: ["sh", "-c", "python manage.py migrate --settings=app.settings.docker && gunicorn app.wsgi"]\n',
      ],
      Dockerfile: ["dockerfile", "FROM python:3.12\nCMD gunicorn --env DJANGO_SETTINGS_MODULE=app.settings.image app.wsgi\n"],
    }),
    [
      ["Procfile", 1, "app.settings.prod"],
      ["compose.yaml", 3, "app.settings.docker"],
      ["Dockerfile", 2, "app.settings.image"],
    ],
  );
});

test("a value with a variable in it names no module yet", () => {
  assert.deepEqual(settingsIn({ Procfile: ["procfile", "web: gunicorn --settings $SETTINGS app.wsgi\n"] }), []);
});

test("systemd and supervisor environments through their own parsers, [supervisord]'s for every program", () => {
  assert.deepEqual(
    settingsIn({
      "deploy/app.service": [
        "systemd",
        '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=app.settings.unit" PORT=8000\nExecStart=/srv/venv/bin/gunicorn app.wsgi\n',
      ],
      "deploy/supervisord.conf": [
        "supervisor",
        '[supervisord]\nenvironment=DJANGO_SETTINGS_MODULE="app.settings.all"\n\n[program:web]\ncommand=python manage.py runworker --settings app.settings.web\n',
      ],
    }),
    [
      ["deploy/app.service", 2, "app.settings.unit"],
      ["deploy/supervisord.conf", 2, "app.settings.all"],
      ["deploy/supervisord.conf", 5, "app.settings.web"],
    ],
  );
});
