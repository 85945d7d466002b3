/**
 * The test job of the workflow init writes, run here step by step for every init fixture, against a
 * real PostgreSQL and a real Redis as its services: the job's own environment and the job's own
 * command lines (check --deploy, makemigrations --check, collectstatic, the tests), changed only
 * where this machine differs from the runner — the services' ports, and the package manager's
 * `run` prefix, since the libraries come from the provisioned folders rather than an install step.
 */
import assert from "node:assert/strict";
import { chownSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { Child, freePort, IS_ROOT, PG_BIN, provisionE2e, run as runProgram, tempDir, UNPRIVILEGED, unprivileged } from "../e2e/servers.js";
import { FIXTURES } from "../helpers/paths.js";
import { CHANNELS_LIBRARIES, djangoPath, isolatedArgs, PYTHON, SERVER_LIBRARIES, STACK_LIBRARIES } from "../helpers/python.js";
import { cleanup, copyFixture, initAndCheck } from "./harness.js";

const FIXTURE_NAMES = readdirSync(join(FIXTURES, "projects"))
  .filter((name) => name.startsWith("init-"))
  .sort();

/** The job's command lines take their time (check --deploy, the tests); what they printed, in one. */
async function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = await runProgram(command, args, { ...options, timeoutMs: 300_000 });
  return { code: result.code, output: `${result.stdout}\n${result.stderr}` };
}

async function waitFor(what: string, check: () => Promise<boolean>, logs: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up:\n${logs().slice(-3000)}`);
}

interface Services {
  readonly postgresPort: number;
  readonly redisPort: number;
}

const children: Child[] = [];
const dirs: string[] = [];
let services: Services | undefined;

/** The workflow's postgres and redis services: the same user, password and database, on loopback. */
async function startServices(): Promise<Services> {
  provisionE2e();
  const [postgresPort, redisPort] = [await freePort(), await freePort()];
  const pgRoot = tempDir("ci-pg");
  dirs.push(pgRoot);
  if (IS_ROOT) chownSync(pgRoot, UNPRIVILEGED, UNPRIVILEGED);
  const password = join(pgRoot, "pw");
  writeFileSync(password, "postgres\n");
  if (IS_ROOT) chownSync(password, UNPRIVILEGED, UNPRIVILEGED);
  const data = join(pgRoot, "data");
  const initdb = unprivileged(join(PG_BIN, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    `--pwfile=${password}`,
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  const made = await run(...initdb);
  assert.equal(made.code, 0, `initdb: ${made.output}`);
  const postgres = new Child(
    ...unprivileged(join(PG_BIN, "postgres"), [
      "-D",
      data,
      "-p",
      String(postgresPort),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${pgRoot}`,
      "-c",
      "fsync=off",
    ]),
    { cwd: pgRoot },
  );
  children.push(postgres);
  await waitFor(
    "PostgreSQL",
    async () => (await run("pg_isready", ["-h", "127.0.0.1", "-p", String(postgresPort)])).code === 0,
    () => postgres.output,
  );
  // POSTGRES_DB: app, as the postgres image makes it.
  const created = await run("psql", ["-X", "-q", "-h", pgRoot, "-p", String(postgresPort), "-U", "postgres", "-c", "CREATE DATABASE app"]);
  assert.equal(created.code, 0, created.output);
  const redisDir = tempDir("ci-redis");
  dirs.push(redisDir);
  const redis = new Child("/usr/bin/redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--dir", redisDir]);
  children.push(redis);
  await waitFor(
    "Redis",
    async () => (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(redisPort), "ping"])).output.includes("PONG"),
    () => redis.output,
  );
  return { postgresPort, redisPort };
}

before(async () => {
  services = await startServices();
});
after(async () => {
  for (const child of children) await child.stop();
  for (const dir of dirs) cleanup(dir);
});

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
}

/** What differs from the runner: the services listen on other ports here. */
function localized(env: Record<string, string>, ports: Services): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    out[name] = String(value)
      .replace("@localhost:5432/", `@127.0.0.1:${ports.postgresPort}/`)
      .replace("//localhost:6379/", `//127.0.0.1:${ports.redisPort}/`);
  return out;
}

const RUN_PREFIX = /^(poetry run|uv run --frozen|pipenv run|pdm run) /;

for (const fixture of FIXTURE_NAMES) {
  describe(`${fixture}: the workflow's test job against PostgreSQL and Redis`, () => {
    test("every command of the job passes, in order, with the job's environment", async (t) => {
      const dir = copyFixture(fixture);
      dirs.push(dir);
      const plan = await initAndCheck(dir);
      const workflow = parseYaml(readFileSync(join(dir, ".github/workflows/ci.yml"), "utf8")) as {
        jobs: { test: { env: Record<string, string>; steps: Step[] } };
      };
      const job = workflow.jobs.test;
      const ports = services as Services;
      const series = plan.detected.djangoVersion.startsWith("4.") || plan.detected.djangoVersion.startsWith("3.") ? "4.2" : "5.2";
      const path = [...djangoPath(series), SERVER_LIBRARIES, STACK_LIBRARIES, CHANNELS_LIBRARIES];
      const cwd = join(dir, plan.detected.projectRoot);
      // The job's key step, as it runs: a fresh key for this job alone.
      const secretKey = (await run(PYTHON, ["-c", "import secrets; print(secrets.token_urlsafe(50))"])).output.trim();
      const install = job.steps.findIndex((s) => s.name === "Install dependencies");
      assert.ok(install >= 0, "the job installs the dependencies before running anything");
      const ran: string[] = [];
      for (const step of job.steps.slice(install + 1)) {
        if (!step.run || step.run.includes("GITHUB_ENV")) continue;
        const env = { ...localized({ ...job.env, ...(step.env ?? {}) }, ports), DJANGO_SECRET_KEY: secretKey, PATH: "/usr/bin:/bin" };
        for (const line of step.run.split("\n").map((l) => l.trim())) {
          if (!line) continue;
          const command = line.replace(RUN_PREFIX, "");
          const match = /^python manage\.py (.+)$/.exec(command);
          if (!match) {
            // pytest and other runners are not provisioned here.
            t.diagnostic(`not run here: ${line}`);
            continue;
          }
          const args = (match[1] as string).split(/\s+/);
          const result = await run(PYTHON, isolatedArgs(path, ["manage.py", ...args]), { cwd, env });
          assert.equal(result.code, 0, `${step.name}: ${line}\n${result.output.slice(-4000)}`);
          ran.push(args.slice(0, 2).join(" "));
        }
      }
      assert.deepEqual(ran, ["check --deploy", "makemigrations --check", "collectstatic --noinput", "test"]);
    });
  });
}
