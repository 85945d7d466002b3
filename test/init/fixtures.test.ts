/**
 * Every init fixture project, end to end on real components: after `djship init`, real Django 4.2
 * and 5.2 pass `check --deploy --fail-level WARNING` with the production settings and the values of
 * .env.example (a fresh SECRET_KEY), the development settings still load, djship's own audit
 * reports no error, and a second run changes nothing. The cases are in cases.ts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { planInit } from "../../src/init/plan.js";
import { initDocument } from "../../src/init/report.js";
import { provisionE2e } from "../e2e/servers.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { CASES } from "./cases.js";
import { auditErrors, CHECK_DEPLOY_ARGS, cleanup, copyFixture, initAndCheck, manage, productionEnvironment } from "./harness.js";

/**
 * SEC101 (the pinned Django is out of support) is the project's choice of Django, which init does
 * not change; every other error would be init's.
 */
const NOT_INITS = new Set(["SEC101"]);

// Django and the settings libraries, and Celery and Channels, which some fixtures import.
provisionE2e();
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

for (const fixture of CASES) {
  describe(fixture.name, () => {
    const dir = copyFixture(fixture.name);
    dirs.push(dir);
    let ready: Promise<Awaited<ReturnType<typeof initAndCheck>>> | undefined;
    const initialised = () => {
      ready ??= (async () => {
        const dry = await planInit(dir);
        assertMatchesSchema("init", initDocument(dry));
        return initAndCheck(dir);
      })();
      return ready;
    };

    test("detects the layout and decides the modules", async () => {
      const plan = await initialised();
      assert.equal(plan.detected.settingsLayout, fixture.layout);
      assert.equal(plan.detected.settingsLibrary, fixture.library);
      assert.deepEqual(plan.settings, { production: fixture.production, development: fixture.development });
      assert.equal(plan.choices.find((c) => c.id === "database-pooling")?.value, fixture.pool ? "django" : "pgbouncer");
      assert.deepEqual(plan.detected.tasks.includes("celery"), fixture.celery !== undefined);
      assert.equal(plan.detected.celeryBeat, fixture.celery === "beat");
      assert.equal(plan.detected.interface, fixture.channels ? "asgi" : "wsgi");
      assert.equal(plan.detected.channels, fixture.channels === true);
      assert.equal(plan.choices.find((c) => c.id === "app-server")?.value, fixture.channels ? "gunicorn+uvicorn-worker" : "gunicorn");
    });

    for (const series of ["4.2", "5.2"]) {
      test(`Django ${series}: check --deploy --fail-level WARNING passes with the production settings`, async () => {
        const plan = await initialised();
        const env = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
        const result = await manage(dir, series, CHECK_DEPLOY_ARGS, env);
        assert.equal(result.code, 0, `${result.stdout}\n${result.stderr.slice(-3000)}`);
      });
    }

    if (fixture.devOnly)
      test("development defaults move out of the module production imports", async () => {
        const plan = await initialised();
        const folder = join(dir, ...plan.settings.development.split(".").slice(0, -1));
        const base = readFileSync(join(folder, "base.py"), "utf8");
        const dev = readFileSync(join(folder, "dev.py"), "utf8");
        for (const text of fixture.devOnly ?? []) {
          assert.ok(!base.includes(text), `${text} is still in base.py`);
          assert.ok(dev.includes(text), `${text} is not in dev.py`);
        }
      });

    if (fixture.celery)
      test("Celery's app reads the production settings: the broker from the environment, the schedule kept", async () => {
        const plan = await initialised();
        const env: Record<string, string> = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
        const app = `${plan.settings.production.split(".")[0]}.celery`;
        const code = `import json; from ${app} import app; print(json.dumps([app.conf.broker_url, sorted(app.conf.beat_schedule)]))`;
        const result = await manage(dir, "5.2", ["shell", "-c", code], env);
        assert.equal(result.code, 0, result.stderr.slice(-3000));
        const [broker, schedule] = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]") as [string, string[]];
        assert.equal(broker, env.REDIS_URL);
        assert.equal(schedule.length > 0, fixture.celery === "beat");
      });

    if (fixture.channels)
      test("Channels under the production settings: the ASGI router loads and the layer is Redis", async () => {
        const plan = await initialised();
        const env: Record<string, string> = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
        const asgi = `${plan.settings.production.split(".")[0]}.asgi`;
        const code = [
          "import json, importlib",
          `application = importlib.import_module("${asgi}").application`,
          "from channels.layers import get_channel_layer",
          "layer = get_channel_layer()",
          "print(json.dumps([type(application).__name__, type(layer).__module__ + '.' + type(layer).__name__, layer.hosts[0]['address']]))",
        ].join("\n");
        const result = await manage(dir, "4.2", ["shell", "-c", code], env);
        assert.equal(result.code, 0, result.stderr.slice(-3000));
        const answer = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]") as string[];
        assert.deepEqual(answer, ["ProtocolTypeRouter", "channels_redis.core.RedisChannelLayer", env.REDIS_URL]);
        const gunicorn = readFileSync(join(dir, "gunicorn.conf.py"), "utf8");
        assert.match(gunicorn, /^worker_class = "uvicorn_worker\.UvicornWorker"$/m);
      });

    test("the development settings still load", async () => {
      const plan = await initialised();
      const result = await manage(dir, "4.2", ["check"], { DJANGO_SETTINGS_MODULE: plan.settings.development });
      assert.equal(result.code, 0, result.stderr.slice(-3000));
    });

    test("the production settings without DJANGO_SECRET_KEY fail naming the variable", async () => {
      const plan = await initialised();
      const { DJANGO_SECRET_KEY: _omitted, ...env } = productionEnvironment(dir, plan);
      const result = await manage(dir, "4.2", ["check", "--deploy"], { ...env, DJANGO_SETTINGS_MODULE: plan.settings.production });
      assert.notEqual(result.code, 0);
      // The error the command ends with, not merely somewhere in the traceback: Django runs its
      // checks in an order that varies from process to process, and an ImproperlyConfigured raised
      // by the settings surfaces as whichever unrelated error the first check meets.
      const lastLine = result.stderr.trimEnd().split("\n").at(-1) ?? "";
      assert.match(lastLine, /DJANGO_SECRET_KEY/, result.stderr.slice(-3000));
    });

    test("djship audit of the result reports no error", async () => {
      const plan = await initialised();
      const errors = (await auditErrors(dir, productionEnvironment(dir, plan))).filter((e) => !NOT_INITS.has(e.split(" ")[0] as string));
      assert.deepEqual(errors, []);
    });
  });
}
