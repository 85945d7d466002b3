/**
 * The production stack `djship init` writes, started for real on loopback: an example project is
 * copied, init runs through the library (planInit, applyPlan), and the services of the generated
 * compose.production.yaml run natively with their own commands — PostgreSQL in a cluster of its
 * own, pgbouncer when init chose it, Redis, the release steps (wait for the database, migrate once,
 * collectstatic), gunicorn with the generated gunicorn.conf.py and
 * production settings, Celery workers and one beat, and nginx with the generated site and a test
 * CA. localize.ts is the only change made to what init wrote. Every process runs in its own
 * process group and is stopped by `stop()`, by a failed start, or at the latest when the test
 * process exits.
 */
import { chmodSync, chownSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { parseDotenv } from "../../../src/artifacts/dotenv/parse.js";
import { planInit } from "../../../src/init/plan.js";
import type { InitPlan } from "../../../src/init/types.js";
import { applyPlan } from "../../../src/init/write.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { djangoPath, isolatedArgs, PYTHON, SERVER_LIBRARIES, STACK_LIBRARIES } from "../../helpers/python.js";
import {
  APP_HOST,
  Child,
  freePort,
  IS_ROOT,
  makePki,
  NGINX,
  PG_BIN,
  type Pki,
  provisionE2e,
  type RunResult,
  run,
  startNginx,
  tempDir,
  UNPRIVILEGED,
  unprivileged,
  waitForHttp,
} from "../servers.js";

export { type RunResult, run } from "../servers.js";

import {
  dockerComposeStandIn,
  type LocalEnvironment,
  localizeBackupService,
  localizeCommand,
  localizeEnvironment,
  localizeNginxSite,
  type Ports,
} from "./localize.js";

/** uvicorn_worker.UvicornWorker, which the ASGI gunicorn.conf.py names, from Debian's uvicorn (provision-e2e.sh). */
const UVICORN_WORKER = join(REPO_ROOT, ".cache", "py", "lib", "uvicorn-worker");
/** Every child started, so the test process can stop them even when a test forgot to. */
const running = new Set<Child>();
process.once("exit", () => {
  for (const child of running) {
    const pid = child.process.pid;
    if (pid && child.process.exitCode === null && child.process.signalCode === null) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

function track(child: Child): Child {
  running.add(child);
  child.process.once("exit", () => running.delete(child));
  return child;
}

/** A folder the unprivileged user owns (0700 temporary folders are root's otherwise). */
function ownedDir(prefix: string): string {
  const dir = tempDir(prefix);
  if (IS_ROOT) chownSync(dir, UNPRIVILEGED, UNPRIVILEGED);
  return dir;
}

async function runOrThrow(
  what: string,
  command: string,
  args: readonly string[],
  options: Parameters<typeof run>[2] = {},
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${(result.stderr + result.stdout).slice(-3000)}`);
  return result;
}

/** Polls `check` until it resolves true, for at most `ms`; throws with `what` otherwise. */
export async function until(what: string, ms: number, check: () => Promise<boolean>, logs: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${ms} ms\n${logs().slice(-3000)}`);
}

interface ComposeService {
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
}

/** Whether a process named `comm` runs in process group `pgid` (Linux /proc). */
function groupRuns(pgid: number, comm: string): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      if (name === comm && Number(fields[2]) === pgid) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

export interface Stack {
  readonly project: string;
  readonly plan: InitPlan;
  readonly ports: Ports;
  readonly pki: Pki;
  readonly environment: LocalEnvironment;
  readonly pgbouncer: boolean;
  readonly httpsUrl: string;
  readonly httpUrl: string;
  /** --resolve values pinning APP_HOST to 127.0.0.1 on both ports. */
  readonly resolve: readonly string[];
  readonly appDir: string;
  readonly staticRoot: string;
  /** psql as the app's database owner, straight to PostgreSQL (not pgbouncer). */
  psql(sql: string, database?: string): Promise<string>;
  /** psql on pgbouncer's admin console. */
  pgbouncerAdmin(sql: string): Promise<string>;
  redisCli(...args: string[]): Promise<string>;
  /** Runs `python manage.py ARGS` with the production environment. */
  manage(args: readonly string[]): Promise<RunResult>;
  /** Runs the backup service until it has written one dump; the new dump's file name. */
  backup(): Promise<string>;
  /** Runs one round of the backup-offsite service with `remote` added to .env (BACKUP_REMOTE, RCLONE_CONFIG_*); what it printed. */
  backupOffsite(remote: Record<string, string>): Promise<string>;
  /** The backups volume, here. */
  readonly backupsDir: string;
  /** Runs deploy/restore.sh DUMP against `database`; what it asked docker compose, in order. */
  restore(dump: string, database: string): Promise<{ result: RunResult; compose: string[] }>;
  /** An empty database owned by the app's user. */
  createDatabase(name: string): Promise<void>;
  /**
   * Starts `python manage.py ARGS` as a server (runserver, for the benchmark's reference) with the
   * production environment, as a child `stop()` stops; resolves once 127.0.0.1:PORT answers
   * /healthz, with its process group.
   */
  serveManage(args: readonly string[], port: number): Promise<number>;
  /** The process groups of nginx and the app server (each child leads its own), for CPU accounting. */
  serverGroups(): { readonly nginx: number; readonly app: number };
  /** The certbot webroot nginx serves the HTTP-01 challenge from, here. */
  readonly certbotRoot: string;
  /** The reload the nginx service's command runs on a schedule (`nginx -s reload`), sent to this nginx. */
  reloadNginx(): Promise<RunResult>;
  /** The migrate service's command, once. */
  migrate(): Promise<RunResult>;
  /**
   * Gunicorn's graceful reload, as the generated systemd unit's ExecReload sends it (HUP to the
   * master): new workers with the code now on disk, the old ones finish their requests, the
   * listening socket stays open.
   */
  reloadAppServer(): Promise<void>;
  stopAppServer(): Promise<void>;
  startAppServer(): Promise<void>;
  /** Everything the stack printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Folder under examples/. */
  readonly example: string;
  readonly djangoSeries: string;
  /** Celery worker replicas (compose `--scale worker=N`). */
  readonly workers?: number;
  /**
   * Run nginx and gunicorn with as many workers as the images would: nginx's `worker_processes
   * auto` (the nginx image's nginx.conf) and the web service's WEB_CONCURRENCY. The benchmark asks
   * for this; the tests keep one nginx worker and two app workers on a shared two-core machine.
   */
  readonly imageConcurrency?: boolean;
}

/** Copies examples/NAME, runs init on it and starts what init wrote. */
export async function startStack(options: StackOptions): Promise<Stack> {
  provisionE2e();
  const children: Child[] = [];
  const dirs: string[] = [];
  const started = (child: Child) => {
    children.push(track(child));
    return child;
  };
  const stopAll = async () => {
    for (const child of [...children].reverse()) await child.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await start(options, started, dirs, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function start(options: StackOptions, started: (c: Child) => Child, dirs: string[], stopAll: () => Promise<void>): Promise<Stack> {
  const root = tempDir(`stack-${options.example}`);
  dirs.push(root);
  const appDir = join(root, "app");
  cpSync(join(REPO_ROOT, "examples", options.example), appDir, { recursive: true });
  const plan = await planInit(appDir, { domain: APP_HOST });
  applyPlan(plan);
  const project = join(appDir, plan.detected.projectRoot);
  const compose = YAML.parse(readFileSync(join(project, "compose.production.yaml"), "utf8")) as {
    services: Record<string, ComposeService>;
  };
  const service = (name: string): ComposeService => {
    const found = compose.services[name];
    if (!found) throw new Error(`compose.production.yaml has no ${name} service`);
    return found;
  };
  const pgbouncer = "pgbouncer" in compose.services;
  const ports: Ports = {
    http: await freePort(),
    https: await freePort(),
    app: await freePort(),
    postgres: await freePort(),
    pgbouncer: await freePort(),
    redis: await freePort(),
  };
  const example: Record<string, string> = {};
  for (const entry of parseDotenv(readFileSync(join(project, ".env.example"), "utf8"))) example[entry.key] = entry.value;
  const environment = localizeEnvironment(example, { ports, pgbouncer });
  const pki = makePki();
  dirs.push(pki.dir);
  const path = [...djangoPath(options.djangoSeries), STACK_LIBRARIES, UVICORN_WORKER, SERVER_LIBRARIES];
  const appEnv: NodeJS.ProcessEnv = {
    PATH: "/usr/bin:/bin",
    HOME: root,
    ...environment.env,
    ...(service("web").environment ?? {}),
    // The web service's WEB_CONCURRENCY (3 per container) on a shared two-core machine: 2.
    ...(options.imageConcurrency ? {} : { WEB_CONCURRENCY: "2" }),
  };
  const python = (command: readonly string[]) => {
    const local = localizeCommand(command, { tempDir: root });
    return isolatedArgs(path, local.module ? ["-m", local.module, ...local.args] : local.args);
  };
  const logFiles: string[] = [];
  const children: Child[] = [];
  const keep = (child: Child) => {
    children.push(started(child));
    return child;
  };
  const logs = () => children.map((c) => c.output.slice(-1500)).join("\n---\n");

  // PostgreSQL: a cluster of its own, owned by the unprivileged user when root.
  const pgRoot = ownedDir("pg");
  dirs.push(pgRoot);
  const pgData = join(pgRoot, "data");
  const superPassword = join(pgRoot, "pw");
  writeFileSync(superPassword, `${environment.databasePassword}\n`);
  if (IS_ROOT) chownSync(superPassword, UNPRIVILEGED, UNPRIVILEGED);
  const [initdb, initdbArgs] = unprivileged(join(PG_BIN, "initdb"), [
    "-D",
    pgData,
    "-U",
    "postgres",
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    `--pwfile=${superPassword}`,
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  await runOrThrow("initdb", initdb, initdbArgs, { timeoutMs: 120_000 });
  const [postgres, postgresArgs] = unprivileged(join(PG_BIN, "postgres"), [
    "-D",
    pgData,
    "-p",
    String(ports.postgres),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    `unix_socket_directories=${pgRoot}`,
    "-c",
    "fsync=off",
  ]);
  const pg = keep(new Child(postgres, postgresArgs, { cwd: pgRoot }));
  // Release step 1, as compose's db health check: pg_isready.
  await until(
    "PostgreSQL accepts connections",
    60_000,
    async () => (await run("pg_isready", ["-h", "127.0.0.1", "-p", String(ports.postgres)])).code === 0,
    () => pg.output,
  );
  const psqlAt = (host: string, port: number, user: string, database: string, sql: string, password?: string) =>
    runOrThrow(
      `psql ${sql.slice(0, 60)}`,
      "psql",
      ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port), "-U", user, "-d", database, "-c", sql],
      {
        env: { PATH: "/usr/bin:/bin", ...(password ? { PGPASSWORD: password } : {}) },
      },
    ).then((r) => r.stdout.trim());
  const { databaseUser, databaseName, databasePassword } = environment;
  // The db service's POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB, as the postgres image makes them.
  await psqlAt(pgRoot, ports.postgres, "postgres", "postgres", `CREATE ROLE "${databaseUser}" LOGIN PASSWORD '${databasePassword}'`);
  await psqlAt(pgRoot, ports.postgres, "postgres", "postgres", `CREATE DATABASE "${databaseName}" OWNER "${databaseUser}"`);

  if (pgbouncer) {
    // What the pgbouncer image makes of the service's environment: one database, its auth and pool settings.
    const pgbEnv = service("pgbouncer").environment ?? {};
    const pgbDir = ownedDir("pgbouncer");
    dirs.push(pgbDir);
    writeFileSync(join(pgbDir, "userlist.txt"), `"${databaseUser}" "${databasePassword}"\n`);
    writeFileSync(
      join(pgbDir, "pgbouncer.ini"),
      [
        "[databases]",
        `${databaseName} = host=127.0.0.1 port=${ports.postgres} dbname=${databaseName}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${ports.pgbouncer}`,
        "unix_socket_dir =",
        `auth_type = ${pgbEnv.AUTH_TYPE ?? "scram-sha-256"}`,
        `auth_file = ${join(pgbDir, "userlist.txt")}`,
        `pool_mode = ${pgbEnv.POOL_MODE ?? "session"}`,
        `default_pool_size = ${pgbEnv.DEFAULT_POOL_SIZE ?? "20"}`,
        `max_client_conn = ${pgbEnv.MAX_CLIENT_CONN ?? "100"}`,
        `admin_users = ${databaseUser}`,
        "ignore_startup_parameters = extra_float_digits,options",
        "",
      ].join("\n"),
    );
    if (IS_ROOT) for (const f of ["userlist.txt", "pgbouncer.ini"]) chownSync(join(pgbDir, f), UNPRIVILEGED, UNPRIVILEGED);
    const [bouncer, bouncerArgs] = unprivileged("/usr/sbin/pgbouncer", [join(pgbDir, "pgbouncer.ini")]);
    const pgb = keep(new Child(bouncer, bouncerArgs, { cwd: pgbDir }));
    await until(
      "pgbouncer accepts connections",
      30_000,
      async () => (await run("pg_isready", ["-h", "127.0.0.1", "-p", String(ports.pgbouncer)])).code === 0,
      () => pgb.output,
    );
  }

  // Redis with the generated service's own arguments (maxmemory and its eviction policy).
  const redisDir = tempDir("redis");
  dirs.push(redisDir);
  const [redisProgram, ...redisArgs] = service("redis").command ?? ["redis-server"];
  if (redisProgram !== "redis-server") throw new Error(`the redis service runs ${redisProgram}`);
  const redis = keep(
    new Child("/usr/bin/redis-server", [
      ...redisArgs,
      "--port",
      String(ports.redis),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      redisDir,
    ]),
  );
  const redisCli = (...args: string[]) =>
    runOrThrow(`redis-cli ${args.join(" ")}`, "redis-cli", ["-h", "127.0.0.1", "-p", String(ports.redis), ...args]).then((r) =>
      r.stdout.trim(),
    );
  await until(
    "Redis answers PING",
    30_000,
    async () => (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(ports.redis), "ping"])).stdout.includes("PONG"),
    () => redis.output,
  );

  // Release steps: migrate once (the migrate service), then collectstatic (its service).
  const manage = (args: readonly string[]) =>
    run(PYTHON, python(["python", "manage.py", ...args]), { cwd: project, env: appEnv, timeoutMs: 180_000 });
  const migrate = service("migrate").command;
  if (!migrate) throw new Error("the migrate service has no command");
  await runOrThrow("migrate", PYTHON, python(migrate), { cwd: project, env: appEnv, timeoutMs: 180_000 });
  // The collectstatic service, into STATIC_ROOT, which nginx serves (/srv/static/ in localize.ts).
  const collectstatic = service("collectstatic").command;
  if (!collectstatic) throw new Error("the collectstatic service has no command");
  await runOrThrow("collectstatic", PYTHON, python(collectstatic), { cwd: project, env: appEnv, timeoutMs: 180_000 });

  // The app server with the generated gunicorn.conf.py (the web service's command).
  const web = service("web").command;
  if (!web) throw new Error("the web service has no command");
  let gunicorn: Child | null = null;
  const startAppServer = async () => {
    const child = keep(new Child(PYTHON, python(web), { cwd: project, env: appEnv }));
    gunicorn = child;
    await waitForHttp(ports.app, "/healthz", "127.0.0.1", 60_000, () => child.output);
  };
  await startAppServer();

  // Celery workers (replicas, each with its own node name) and the one beat.
  if ("worker" in compose.services) {
    const workerCommand = service("worker").command ?? [];
    for (let i = 1; i <= (options.workers ?? 2); i++) {
      keep(new Child(PYTHON, python([...workerCommand, "--hostname", `worker${i}@%h`]), { cwd: project, env: appEnv }));
    }
  }
  if ("beat" in compose.services) keep(new Child(PYTHON, python(service("beat").command ?? []), { cwd: project, env: appEnv }));

  // nginx with the generated site.
  const certbotRoot = join(root, "certbot");
  const mediaRoot = join(project, "media");
  const staticRoot = join(project, "staticfiles");
  mkdirSync(certbotRoot, { recursive: true });
  mkdirSync(mediaRoot, { recursive: true });
  const site = localizeNginxSite(readFileSync(join(project, "deploy/nginx/site.conf"), "utf8"), {
    ports,
    tls: { fullchain: pki.fullchain, key: pki.key },
    certbotRoot,
    mediaRoot,
    staticRoot,
  });
  const nginx = keep(await startNginx(join(root, "nginx"), site, ports.http, APP_HOST, options.imageConcurrency ? "auto" : 1));
  logFiles.push(join(root, "nginx", "error.log"));

  const backupsDir = tempDir("backups");
  dirs.push(backupsDir);
  const backupService = (name: string, extra: Record<string, string> = {}) =>
    localizeBackupService(
      service(name) as Parameters<typeof localizeBackupService>[0],
      { ...environment.env, ...extra },
      {
        ports,
        backupsDir,
        project,
      },
    );
  const backupEnv = backupService("backup").env;
  /** Runs one round of a backup service's loop: until it sleeps, its work done. */
  const backupRound = async (name: string, extra: Record<string, string> = {}) => {
    const local = backupService(name, extra);
    const child = keep(new Child(local.shell, local.args, { env: { PATH: "/usr/bin:/bin", HOME: root, ...local.env } }));
    try {
      await until(
        `the ${name} service did its round`,
        60_000,
        async () => groupRuns(child.process.pid ?? -1, "sleep"),
        () => child.output,
      );
    } finally {
      await child.stop();
    }
    return child.output;
  };
  const backup = async () => {
    // Named to the second: a dump taken in the same second as the last one replaces it, so a new
    // dump is a new name or a new modification time.
    const stamp = (f: string) => statSync(join(backupsDir, f)).mtimeMs;
    const before = new Map(readdirSync(backupsDir).map((f) => [f, stamp(f)]));
    const output = await backupRound("backup");
    const dumps = readdirSync(backupsDir).filter((f) => f.endsWith(".dump") && before.get(f) !== stamp(f));
    if (dumps.length !== 1) throw new Error(`the backup service wrote ${dumps.length} dumps: ${dumps.join(", ")}\n${output}`);
    return dumps[0] as string;
  };
  const restore = async (dump: string, database: string) => {
    const bin = join(root, "docker-bin");
    mkdirSync(bin, { recursive: true });
    const log = join(root, "docker-compose.log");
    writeFileSync(log, "");
    writeFileSync(join(bin, "docker"), dockerComposeStandIn(backupsDir, log));
    chmodSync(join(bin, "docker"), 0o755);
    const result = await run("/bin/sh", ["deploy/restore.sh", dump], {
      cwd: project,
      env: { ...backupEnv, PATH: `${bin}:/usr/bin:/bin`, POSTGRES_DB: database },
      timeoutMs: 120_000,
    });
    return { result, compose: readFileSync(log, "utf8").split("\n").filter(Boolean) };
  };

  const stack: Stack = {
    project,
    plan,
    ports,
    pki,
    environment,
    pgbouncer,
    appDir: project,
    staticRoot,
    httpsUrl: `https://${APP_HOST}:${ports.https}/`,
    httpUrl: `http://${APP_HOST}:${ports.http}/`,
    resolve: [`${APP_HOST}:${ports.http}:127.0.0.1`, `${APP_HOST}:${ports.https}:127.0.0.1`],
    psql: (sql, database = databaseName) => psqlAt("127.0.0.1", ports.postgres, databaseUser, database, sql, databasePassword),
    pgbouncerAdmin: (sql) => psqlAt("127.0.0.1", ports.pgbouncer, databaseUser, "pgbouncer", sql, databasePassword),
    redisCli,
    manage,
    backup,
    backupOffsite: (remote) => backupRound("backup-offsite", remote),
    backupsDir,
    restore,
    createDatabase: async (name) => {
      await psqlAt(pgRoot, ports.postgres, "postgres", "postgres", `CREATE DATABASE "${name}" OWNER "${databaseUser}"`);
    },
    serveManage: async (args, port) => {
      const child = keep(new Child(PYTHON, python(["python", "manage.py", ...args]), { cwd: project, env: appEnv }));
      await waitForHttp(port, "/healthz", "127.0.0.1", 60_000, () => child.output);
      return child.process.pid ?? -1;
    },
    serverGroups: () => ({ nginx: nginx.process.pid ?? -1, app: (gunicorn as Child | null)?.process.pid ?? -1 }),
    certbotRoot,
    reloadNginx: () => {
      const loop = service("nginx").command?.join(" ") ?? "";
      if (!loop.includes("nginx -s reload")) throw new Error("the nginx service does not reload itself");
      const dir = join(root, "nginx");
      return run(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf"), "-s", "reload"]);
    },
    migrate: () => run(PYTHON, python(migrate), { cwd: project, env: appEnv, timeoutMs: 180_000 }),
    reloadAppServer: async () => {
      const pid = (gunicorn as Child | null)?.process.pid;
      if (!pid) throw new Error("the app server is not running");
      process.kill(pid, "SIGHUP");
    },
    stopAppServer: async () => {
      await (gunicorn as Child | null)?.stop();
    },
    startAppServer,
    logs: () => {
      let out = logs();
      for (const file of logFiles) {
        try {
          out += `\n--- ${file}\n${readFileSync(file, "utf8").slice(-2000)}`;
        } catch {
          // not written
        }
      }
      return out;
    },
    stop: stopAll,
  };
  return stack;
}
