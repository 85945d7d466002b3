import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { classifyCommand, option, parseCommandLine, parseShellScript } from "./parse.js";

describe("command lines", () => {
  test("sh -c with && is unwrapped into steps", () => {
    const line = parseCommandLine(["sh", "-c", "python manage.py migrate --noinput && exec gunicorn mysite.wsgi -b 0.0.0.0:$PORT"]);
    assert.deepEqual(
      line.commands.map((c) => [c.argv.join(" "), c.next]),
      [
        ["python manage.py migrate --noinput", "&&"],
        ["gunicorn mysite.wsgi -b 0.0.0.0:$PORT", null],
      ],
    );
  });
  test("assignments, env, tini and gosu are not the program", () => {
    const [command] = parseCommandLine("tini -- gosu app env -i FOO=1 DJANGO_SETTINGS_MODULE=x.prod uvicorn x.asgi:app").commands;
    assert.deepEqual(command?.argv, ["uvicorn", "x.asgi:app"]);
    assert.deepEqual(command?.env, { FOO: "1", DJANGO_SETTINGS_MODULE: "x.prod" });
  });
  test("variables stay as written, with their defaults", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
    const [command] = parseCommandLine("gunicorn x.wsgi --workers ${WEB_CONCURRENCY:-3} 2>&1 > /dev/null").commands;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
    assert.deepEqual(command?.argv, ["gunicorn", "x.wsgi", "--workers", "${WEB_CONCURRENCY:-3}"]);
  });
  test("malformed input gives problems, never an exception", () => {
    assert.doesNotThrow(() => parseCommandLine('sh -c "unterminated'));
  });
});

describe("programs", () => {
  test("gunicorn options and the app", () => {
    const program = classifyCommand(["gunicorn", "-w4", "--bind=0.0.0.0:8000", "--preload", "mysite.wsgi:application"]);
    assert.equal(program.kind, "gunicorn");
    if (program.kind !== "gunicorn") return;
    assert.equal(program.app, "mysite.wsgi:application");
    assert.equal(option(program.options, "-w", "--workers"), "4");
  });
  test("python -m, poetry run and manage.py", () => {
    assert.equal(classifyCommand(["python3", "-m", "celery", "-A", "proj", "worker", "-B"]).kind, "celery");
    const manage = classifyCommand(["poetry", "run", "python", "./manage.py", "runserver", "0.0.0.0:8000"]);
    assert.deepEqual(manage.kind === "manage" && [manage.command, manage.args], ["runserver", ["0.0.0.0:8000"]]);
    assert.equal(classifyCommand(["python", "manage.py", "qcluster"]).kind, "django-q");
    assert.equal(classifyCommand(["django-admin", "migrate", "--settings=x"]).kind, "manage");
  });
  test("celery app and subcommand", () => {
    const celery = classifyCommand(["celery", "--app=proj.celery:app", "beat", "-l", "info"]);
    assert.deepEqual(celery.kind === "celery" && [celery.app, celery.command], ["proj.celery:app", "beat"]);
  });
  test('scripts and exec "$@"', () => {
    assert.equal(classifyCommand(["./docker-entrypoint.sh"]).kind, "script");
    assert.equal(classifyCommand(["$@"]).kind, "exec-args");
  });
});

test("shell scripts: lines, continuations, keywords", () => {
  const steps = parseShellScript(
    '#!/bin/sh\nset -e\nif [ "$MIGRATE" = 1 ]; then\n  python manage.py migrate \\\n    --noinput\nfi\nexec "$@"\n',
  );
  assert.deepEqual(
    steps.map((s) => [s.line, s.command.argv[0]]),
    [
      [4, "python"],
      [7, "$@"],
    ],
  );
});
