/**
 * init on a project laid out as Celery's documentation shows (examples/shop): the settings
 * package's __init__.py imports celery.py, which Python runs on the way to the settings, so the
 * settings read a second file without it assigning any setting. Init must still see one settings
 * module, and the production settings must send Celery to the Redis of the environment, not to the
 * development broker address written in settings.py.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { EXAMPLES } from "../helpers/paths.js";
import { djangoPath, isolatedArgs, PYTHON, provisionPython, SERVER_LIBRARIES } from "../helpers/python.js";
import { cleanup, initAndCheck } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "djship-init-celery-"));
cpSync(join(EXAMPLES, "shop"), dir, { recursive: true });
after(() => cleanup(dir));
const planned = initAndCheck(dir, { domain: "shop.example.org" });

test("a package __init__.py that imports the Celery app does not make settings.py a split layout", async () => {
  const plan = await planned;
  assert.equal(plan.detected.settingsLayout, "single");
  assert.deepEqual(plan.detected.tasks, ["celery"]);
  assert.equal(plan.detected.celeryBeat, true);
  assert.equal(plan.settings.production, "shop.settings.prod");
});

test("production settings take Celery's broker from REDIS_URL, under real Django 4.2", async () => {
  await planned;
  provisionPython();
  assert.match(readFileSync(join(dir, "shop/settings/prod.py"), "utf8"), /^CELERY_BROKER_URL = CACHES\["default"\]\["LOCATION"\]$/m);
  const env = {
    PATH: "/usr/bin:/bin",
    DJANGO_SETTINGS_MODULE: "shop.settings.prod",
    DJANGO_SECRET_KEY: "k".repeat(60),
    DJANGO_ALLOWED_HOSTS: "shop.example.org",
    DATABASE_URL: "postgres://app:pw@db.internal:5432/app",
    REDIS_URL: "redis://cache.internal:6379/0",
  };
  // shop/__init__.py imports Celery: the servers' libraries (provision-e2e.sh) when present, else a stub.
  const code = [
    "import sys, types",
    "try:\n    import celery\nexcept ImportError:\n    stub = types.ModuleType('celery')\n    stub.Celery = lambda *a, **k: types.SimpleNamespace(config_from_object=lambda *a, **k: None, autodiscover_tasks=lambda *a, **k: None)\n    stub.shared_task = lambda *a, **k: (lambda f: f)\n    sys.modules['celery'] = stub",
    "import django; django.setup()",
    "from django.conf import settings",
    "print(settings.CELERY_BROKER_URL)",
  ].join("\n");
  writeFileSync(join(dir, "broker_check.py"), `${code}\n`);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      PYTHON,
      isolatedArgs([...djangoPath("4.2"), SERVER_LIBRARIES], ["broker_check.py"]),
      { cwd: dir, env, timeout: 60_000 },
      (error, out, stderr) => (error ? reject(new Error(stderr)) : resolve(out)),
    );
  });
  assert.equal(stdout.trim(), "redis://cache.internal:6379/0");
});
