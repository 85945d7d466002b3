/**
 * Traps of issue #13, each on real Django: collectstatic at image build runs with no real secret
 * (exactly the throwaway values the Dockerfile's RUN line sets, nothing from .env), HSTS is set in
 * one place (Django, never the proxy), and the connection pools fit PostgreSQL's max_connections
 * at the worker counts the compose file sets.
 */
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import type { InitPlan } from "../../src/init/types.js";
import { provisionE2e } from "../e2e/servers.js";
import { STORAGES_LIBRARIES } from "../helpers/python.js";
import { CASES } from "./cases.js";
import { cleanup, copyFixture, initAndCheck, manage } from "./harness.js";

provisionE2e();
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

/** The environment the Dockerfile's collectstatic runs with: the runtime stage's ENV and the RUN line's own assignments. */
function buildEnvironment(dockerfile: string): { env: Record<string, string>; args: string[] } {
  const joined = dockerfile.replace(/\\\n(\s*#.*\n)*/g, " ");
  const runtime = joined.slice(joined.lastIndexOf("\nFROM "));
  const env: Record<string, string> = {};
  const module = /^ENV .*\bDJANGO_SETTINGS_MODULE=(\S+)/m.exec(runtime)?.[1];
  assert.ok(module, "the runtime stage sets DJANGO_SETTINGS_MODULE");
  env.DJANGO_SETTINGS_MODULE = module;
  const run = /^RUN ((?:\w+=\S+\s+)+)python manage\.py (collectstatic[^&\n]*)/m.exec(runtime);
  assert.ok(run, "a RUN line runs collectstatic");
  for (const pair of (run[1] as string).trim().split(/\s+/)) {
    const [name, ...value] = pair.split("=");
    env[name as string] = value.join("=");
  }
  return { env, args: (run[2] as string).trim().split(/\s+/) };
}

const PER_SETTINGS_LIBRARY = ["init-startproject", "init-split", "init-decouple-poetry", "init-startproject-52"];

for (const fixture of PER_SETTINGS_LIBRARY)
  describe(`${fixture}: collectstatic at build`, () => {
    test("runs with the Dockerfile's throwaway values only and writes the manifest (no secret, no .env)", async () => {
      const dir = copyFixture(fixture);
      dirs.push(dir);
      const plan = await initAndCheck(dir);
      const { env, args } = buildEnvironment(readFileSync(join(dir, "Dockerfile"), "utf8"));
      assert.equal(env.DJANGO_SETTINGS_MODULE, plan.settings.production);
      assert.equal(env.DJANGO_SECRET_KEY, "collectstatic-only");
      const result = await manage(dir, "5.2", args, env);
      assert.equal(result.code, 0, result.stderr.slice(-3000));
      const manifest = JSON.parse(readFileSync(join(dir, "staticfiles", "staticfiles.json"), "utf8")) as { paths: object };
      assert.ok(Object.keys(manifest.paths).length > 0);
    });
  });

test("a project on django-storages: the build's collectstatic has a throwaway bucket too", async () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  appendFileSync(join(dir, "requirements.txt"), "django-storages[s3]>=1.13\n");
  await initAndCheck(dir);
  const { env, args } = buildEnvironment(readFileSync(join(dir, "Dockerfile"), "utf8"));
  assert.equal(env.DJANGO_MEDIA_BUCKET, "collectstatic-only");
  const result = await manage(dir, "4.2", args, env, [STORAGES_LIBRARIES]);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
});

for (const { name: fixture, pool } of CASES)
  describe(`${fixture}: HSTS in one place, pools within max_connections`, () => {
    const dir = copyFixture(fixture);
    dirs.push(dir);
    let ready: Promise<InitPlan> | undefined;
    const initialised = () => {
      ready ??= initAndCheck(dir, { targets: ["compose", "systemd"] });
      return ready;
    };

    test("HSTS comes from Django's settings only: no proxy site adds the header", async () => {
      const plan = await initialised();
      const prod = readFileSync(join(dir, `${plan.settings.production.replaceAll(".", "/")}.py`), "utf8");
      assert.match(prod, /^SECURE_HSTS_SECONDS = 31536000/m);
      for (const site of plan.files.filter((f) => f.part === "nginx" || f.part === "caddy"))
        assert.doesNotMatch(site.content.replace(/^\s*#.*$/gm, ""), /strict-transport-security/i, site.path);
    });

    test("the connections every process may open fit PostgreSQL's default max_connections (100)", async () => {
      const plan = await initialised();
      const compose = parseYaml(readFileSync(join(dir, "compose.production.yaml"), "utf8"), { merge: true }) as {
        services: Record<string, { command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number } }>;
      };
      const example = Object.fromEntries(plan.environment.map((v) => [v.name, v.example]));
      const replicas = (name: string) => compose.services[name]?.deploy?.replicas ?? 1;
      const webProcesses = replicas("web") * Number(compose.services.web?.environment?.WEB_CONCURRENCY);
      const worker = compose.services.worker?.command ?? [];
      const workerProcesses = worker.length ? replicas("worker") * Number(worker[worker.indexOf("--concurrency") + 1]) : 0;
      // migrate, collectstatic and beat: one process each at most, and the backup's pg_dump.
      const others = 4;
      const maxConnections = 100;
      if (pool) {
        const perProcess = Number(example.DATABASE_POOL_MAX_SIZE);
        assert.ok(perProcess >= 1);
        const total = (webProcesses + workerProcesses + others) * perProcess;
        assert.ok(total <= maxConnections, `${total} connections at most with Django's pool`);
      } else {
        // pgbouncer holds at most DEFAULT_POOL_SIZE server connections, however many clients.
        const pgbouncer = compose.services.pgbouncer?.environment ?? {};
        const total = Number(pgbouncer.DEFAULT_POOL_SIZE) + others;
        assert.ok(total <= maxConnections, `${total} server connections through pgbouncer`);
        assert.ok(Number(pgbouncer.MAX_CLIENT_CONN) >= webProcesses + workerProcesses + others);
      }
    });

    test("the same holds for the systemd units: Gunicorn's and Celery's process counts, and pgbouncer's pool for Debian's package", async () => {
      const plan = await initialised();
      const project = (plan.settings.production.split(".")[0] as string).replace(/[^a-z0-9-]/gi, "-").toLowerCase();
      const unit = (name: string) => {
        const path = join(dir, `deploy/systemd/${project}-${name}`);
        return existsSync(path) ? readFileSync(path, "utf8") : "";
      };
      const webProcesses = Number(/^Environment=WEB_CONCURRENCY=(\d+)$/m.exec(unit("gunicorn.service"))?.[1]);
      assert.ok(webProcesses >= 1, "the web unit sets WEB_CONCURRENCY, as compose's web service does");
      const worker = unit("celery-worker.service");
      const workerProcesses = worker ? Number(/ --concurrency (\d+)/.exec(worker)?.[1]) : 0;
      assert.ok(!Number.isNaN(workerProcesses), "the worker's concurrency is set, not the machine's CPU count");
      const others = 4;
      const maxConnections = 100;
      const example = Object.fromEntries(plan.environment.map((v) => [v.name, v.example]));
      if (pool) {
        const total = (webProcesses + workerProcesses + others) * Number(example.DATABASE_POOL_MAX_SIZE);
        assert.ok(total <= maxConnections, `${total} connections at most with Django's pool`);
      } else {
        const ini = readFileSync(join(dir, "deploy/pgbouncer/pgbouncer.ini"), "utf8");
        const setting = (name: string) => Number(new RegExp(`^${name} = (\\d+)$`, "m").exec(ini)?.[1]);
        assert.ok(setting("default_pool_size") + others <= maxConnections);
        assert.ok(setting("max_client_conn") >= webProcesses + workerProcesses + others);
      }
    });
  });
