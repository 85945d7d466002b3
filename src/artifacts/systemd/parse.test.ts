import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSupervisor } from "../supervisor/parse.js";
import { parseSystemdUnit } from "./parse.js";

test("systemd service: ExecStart prefixes, Environment quoting, EnvironmentFile", () => {
  const unit = parseSystemdUnit(
    "deploy/app.service",
    '[Unit]\nDescription=app\n\n[Service]\nUser=app\nWorkingDirectory=/srv/app\nEnvironment="A=1 2" B=3\nEnvironmentFile=-/etc/app.env\nExecStartPre=-/srv/venv/bin/python manage.py migrate\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi \\\n  --workers 3\nRestart=on-failure\n',
  );
  assert.deepEqual(
    unit.execStart.map((e) => [e.value, e.line]),
    [["/srv/venv/bin/gunicorn mysite.wsgi  --workers 3", 10]],
  );
  assert.deepEqual(
    unit.execStartPre.map((e) => e.value),
    ["/srv/venv/bin/python manage.py migrate"],
  );
  assert.deepEqual(
    unit.environment.map((e) => [e.key, e.value]),
    [
      ["A", "1 2"],
      ["B", "3"],
    ],
  );
  assert.deepEqual(
    unit.environmentFiles.map((e) => e.value),
    ["/etc/app.env"],
  );
  assert.deepEqual([unit.restart?.value, unit.user?.value, unit.workingDirectory?.value], ["on-failure", "app", "/srv/app"]);
});

test("systemd timer names its service", () => {
  const timer = parseSystemdUnit("backup.timer", "[Timer]\nOnCalendar=daily\n");
  assert.deepEqual([timer.type, timer.timerUnit, timer.onCalendar?.value], ["timer", "backup.service", "daily"]);
});

test("supervisor programs", () => {
  const { programs, problems } = parseSupervisor(
    "supervisord.conf",
    "[supervisord]\nnodaemon=true\n\n[program:worker]\ncommand=celery -A mysite worker\nnumprocs=2\nautorestart=true\nenvironment=DJANGO_SETTINGS_MODULE=\"mysite.prod\",KEY='a,b'\n[program:bad]\nnumprocs=many\n",
  );
  assert.deepEqual(
    programs.map((p) => [p.name, p.command?.value, p.numprocs?.value, p.autorestart?.value]),
    [
      ["worker", "celery -A mysite worker", 2, "true"],
      ["bad", undefined, undefined, undefined],
    ],
  );
  assert.deepEqual(
    programs[0]?.environment.map((e) => [e.key, e.value]),
    [
      ["DJANGO_SETTINGS_MODULE", "mysite.prod"],
      ["KEY", "a,b"],
    ],
  );
  assert.deepEqual(
    problems.map((p) => p.line),
    [10],
  );
});
