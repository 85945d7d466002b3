/**
 * `npm run bench`: djship's speed next to a reference measured in the same run on the same machine,
 * printed as one table (medians of repeated runs; nothing is asserted: speed lives here, not in tests).
 *  - audit: `djship audit` through the CLI as users run it, cold (empty result cache) and warm,
 *    against Django 4.2's and 5.2's `manage.py check --deploy` with the same settings module and
 *    environment, on the examples, a generated project of 40 apps whose models, admin and apps
 *    modules Django imports, and a generated repository of 5,000 Python files (files/s);
 *  - scan: `djship scan` against the MDN HTTP Observatory on the same local targets, and 100 local
 *    HTTPS sites in one run (bench/scan.ts);
 *  - init: plan and write the setup of each init fixture (test/fixtures/projects/init-*);
 *  - the generated stack under load (wrk), when bench/stack.ts is there: see STACK_HOOK.
 * It provisions what it needs itself (scripts/provision.sh, scripts/provision-e2e.sh), so it runs
 * on a fresh clone. BENCH_RUNS sets the number of timed runs (default 7); BENCH_SKIP=scan,init,...
 * leaves sections out.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseDotenv } from "../src/artifacts/dotenv/parse.js";
import { REPO_ROOT } from "../test/helpers/paths.js";
import { djangoPath, isolatedArgs, PYTHON, provisionPython } from "../test/helpers/python.js";
import { type BenchRow, median } from "./stats.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
const SERIES = ["4.2", "5.2"] as const;
/**
 * Where Python keeps the bytecode of Django and of the benchmark projects. The tests run Python
 * with -B (no bytecode written into the trees); here that would make Django compile its ~900 modules
 * on every run, which no installed Django does (pip and Debian compile on install). So the reference
 * runs isolated as the tests do, but with `-X pycache_prefix`: bytecode is kept outside every tree,
 * written by the warm-up run and reused by the timed ones.
 */
const PYCACHE = join(REPO_ROOT, ".cache", "bench", "pycache");

/**
 * The environment every timed Node command runs in, the floor included: only PATH and NO_COLOR
 * (each command adds its own DJSHIP_CACHE_DIR). Node reads some variables at start-up, and a floor
 * timed in the caller's environment is not the floor of commands timed without it: with
 * NODE_EXTRA_CA_CERTS set (as on machines behind a proxy), `node -e 0` parses the CA bundle and
 * took ~75 ms against ~29 ms without, which made every "above floor" figure too small.
 */
const NODE_COMMAND_ENV: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", NO_COLOR: "1" };
/** The environment of the Python reference and its floor (each reference adds its settings module). */
const PYTHON_COMMAND_ENV: NodeJS.ProcessEnv = { PATH: "/usr/bin:/bin" };

interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run before each run, untimed (empty a cache, copy a fixture). */
  readonly before?: () => void;
  /** Checks the first run's output, so a benchmark never times a command that failed early. */
  readonly expect?: (stdout: string, stderr: string, status: number | null) => string | undefined;
}

function runOnce(run: Command, check: boolean): number {
  run.before?.();
  const start = process.hrtime.bigint();
  const result = spawnSync(run.command, run.args, {
    cwd: run.cwd,
    env: run.env,
    stdio: ["ignore", check ? "pipe" : "ignore", check ? "pipe" : "ignore"],
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (check && run.expect) {
    const problem = run.expect(String(result.stdout), String(result.stderr), result.status);
    if (problem) throw new Error(`bench: ${run.command} ${run.args.join(" ")}: ${problem}`);
  }
  return ms;
}

/**
 * Median wall times in milliseconds of commands, after one checked, untimed warm-up run of each.
 * The commands take turns in every round, so a change in the machine's load (other work on a
 * shared machine) falls on all of them alike rather than on whichever ran at that moment.
 */
function timeTogether(commands: readonly Command[], runs = RUNS): number[] {
  for (const command of commands) runOnce(command, true);
  const times = commands.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, command] of commands.entries()) times[i]?.push(runOnce(command, false));
  }
  return times.map(median);
}

function time(run: Command, runs = RUNS): number {
  return timeTogether([run], runs)[0] as number;
}

interface Row extends BenchRow {
  readonly section: string;
}

const rows: Row[] = [];

/** Node's and Python's start-up, measured first: the floors the audit rows' "above floor" notes subtract. */
const floors = { node: Number.NaN, python: Number.NaN };

/**
 * How many times faster djship is once each side's interpreter start-up is taken away: what is left
 * is the work each does (and, for djship, loading itself). Told beside the plain ratio, since near
 * Node's start-up the plain ratio measures Node more than djship.
 */
function aboveFloor(ms: number, reference: number): string | undefined {
  const own = ms - floors.node;
  const theirs = reference - floors.python;
  if (!(own > 0) || !(theirs > 0)) return undefined;
  return `above floor ${own.toFixed(0)} vs ${theirs.toFixed(0)} ms: ${(theirs / own).toFixed(1)}x`;
}

function djangoReference(series: string, root: string, settingsModule: string, env: Record<string, string>): Command {
  const path = djangoPath(series);
  // isolatedArgs runs Python with -I -S -B; -B is replaced by a pycache prefix (see PYCACHE).
  const args = isolatedArgs(path, ["manage.py", "check", "--deploy"]).filter((flag) => flag !== "-B");
  return {
    command: PYTHON,
    args: ["-X", `pycache_prefix=${join(PYCACHE, series)}`, ...args],
    cwd: root,
    env: { ...PYTHON_COMMAND_ENV, ...env, DJANGO_SETTINGS_MODULE: settingsModule },
    // "System check identified no issues" goes to stdout, the issues to stderr.
    expect: (stdout, stderr) =>
      /System check identified/.test(stdout + stderr) ? undefined : `check --deploy did not run its checks: ${stderr.slice(-600)}`,
  };
}

let cacheFlag: boolean | undefined;
/** Whether this build of djship has a result cache (`--no-cache`): then cold and warm runs differ. */
function hasResultCache(): boolean {
  cacheFlag ??= spawnSync(process.execPath, [CLI, "audit", "--help"], { encoding: "utf8" }).stdout.includes("--no-cache");
  return cacheFlag;
}

function djshipAudit(root: string, series: string, settingsModule: string, env: Record<string, string>, cacheDir: string): Command {
  return {
    command: process.execPath,
    args: [
      CLI,
      "audit",
      root,
      "--exit-zero",
      "--format",
      "json",
      "--django-version",
      series,
      "--settings",
      settingsModule,
      ...Object.entries(env).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
    ],
    // The result cache of this benchmark only, never the user's.
    env: { ...NODE_COMMAND_ENV, DJSHIP_CACHE_DIR: cacheDir },
    expect: (stdout, stderr, status) => {
      if (status !== 0) return `exit ${status}: ${stderr.slice(-600)}`;
      const document = JSON.parse(stdout) as { projects: unknown[] };
      return document.projects.length > 0 ? undefined : "no project found";
    },
  };
}

/**
 * A copy of `source` as a repository of its own, one commit holding its files, as a user's project
 * is: the fixtures and examples sit inside djship's repository, where djship's git view would read
 * djship's whole index (and a generated tree would have none). Both sides run on the copy.
 */
function userRepository(source: string): string {
  const work = mkdtempSync(join(tmpdir(), "djship-bench-repo-"));
  cpSync(source, work, { recursive: true });
  const git = (...args: string[]) => {
    const result = spawnSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@localhost", ...args], {
      cwd: work,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`bench: git ${args.join(" ")} in ${work}: ${result.stderr || result.error}`);
  };
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "--no-gpg-sign", "-m", "fixture");
  return work;
}

/** Audit rows for one project: djship cold and warm against each Django series' check --deploy. */
function compareAudit(name: string, source: string, env: Record<string, string>, settingsModule: string, files?: number): void {
  process.stderr.write(`bench: audit ${name}\n`);
  const cacheDir = mkdtempSync(join(tmpdir(), "djship-bench-cache-"));
  const root = userRepository(source);
  try {
    const runs = files ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
    for (const series of SERIES) {
      const audit = djshipAudit(root, series, settingsModule, env, cacheDir);
      // Cold: an empty result cache, which the run then fills; warm: the cache the run before left.
      const cold: Command = { ...audit, before: () => rmSync(cacheDir, { recursive: true, force: true }) };
      const modes = hasResultCache() ? (["cold", "warm"] as const) : (["cold"] as const);
      const [reference, ...measured] = timeTogether(
        [djangoReference(series, root, settingsModule, env), cold, ...(modes.length > 1 ? [audit] : [])],
        runs,
      ) as [number, ...number[]];
      modes.forEach((mode, i) => {
        const ms = measured[i] as number;
        rows.push({
          section: "audit",
          name: `${name}, ${mode}`,
          value: ms,
          unit: "ms",
          reference,
          referenceName: `check --deploy, Django ${series}`,
          ratio: reference / ms,
          note: [aboveFloor(ms, reference), files ? `${Math.round(files / (ms / 1000))} files/s` : undefined].filter(Boolean).join("; "),
        });
      });
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A project Django must really import: `apps` apps with `models` models each, admin, apps and URLs. */
export function generateProject(apps: number, models: number, extraFilesPerApp = 0): string {
  const root = mkdtempSync(join(tmpdir(), "djship-bench-"));
  write(
    root,
    "manage.py",
    'import os, sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n',
  );
  write(root, "config/__init__.py", "");
  write(
    root,
    "config/wsgi.py",
    'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")\napplication = get_wsgi_application()\n',
  );
  write(
    root,
    "config/urls.py",
    `from django.contrib import admin\nfrom django.urls import include, path\nurlpatterns = [path("admin/", admin.site.urls)${Array.from({ length: apps }, (_, i) => `, path("app${i}/", include("app${i}.urls"))`).join("")}]\n`,
  );
  write(root, "config/settings/__init__.py", "");
  write(
    root,
    "config/settings/base.py",
    [
      "import os",
      "from pathlib import Path",
      "BASE_DIR = Path(__file__).resolve().parent.parent.parent",
      'SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-bench")',
      'DEBUG = os.environ.get("DEBUG", "0") == "1"',
      'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")',
      `INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", ${Array.from({ length: apps }, (_, i) => `"app${i}"`).join(", ")}]`,
      'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]',
      'ROOT_URLCONF = "config.urls"',
      'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True, "OPTIONS": {"context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"]}}]',
      'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}',
      'STATIC_URL = "static/"',
      'STATIC_ROOT = BASE_DIR / "staticfiles"',
      'DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"',
      "",
    ].join("\n"),
  );
  write(
    root,
    "config/settings/prod.py",
    "from .base import *\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n",
  );
  write(root, "config/settings/dev.py", "from .base import *\nDEBUG = True\n");
  for (let a = 0; a < apps; a++) {
    const app = `app${a}`;
    write(root, `${app}/__init__.py`, "");
    write(root, `${app}/apps.py`, `from django.apps import AppConfig\n\nclass App${a}Config(AppConfig):\n    name = "${app}"\n`);
    const modelCode = Array.from(
      { length: models },
      (_, m) =>
        `class Model${m}(models.Model):\n    name = models.CharField(max_length=100)\n    slug = models.SlugField(unique=True)\n    created = models.DateTimeField(auto_now_add=True)\n    count = models.IntegerField(default=0)\n${m > 0 ? `    parent = models.ForeignKey("Model${m - 1}", on_delete=models.CASCADE, null=True)\n` : ""}\n    class Meta:\n        ordering = ["name"]\n\n    def __str__(self):\n        return self.name\n`,
    ).join("\n\n");
    write(root, `${app}/models.py`, `from django.db import models\n\n\n${modelCode}`);
    write(
      root,
      `${app}/admin.py`,
      `from django.contrib import admin\nfrom . import models\n\n${Array.from({ length: models }, (_, m) => `admin.site.register(models.Model${m})`).join("\n")}\n`,
    );
    write(root, `${app}/views.py`, 'from django.http import HttpResponse\n\ndef index(request):\n    return HttpResponse("ok")\n');
    write(root, `${app}/urls.py`, 'from django.urls import path\nfrom . import views\n\nurlpatterns = [path("", views.index)]\n');
    write(root, `${app}/migrations/__init__.py`, "");
    for (let f = 0; f < extraFilesPerApp; f++) {
      write(
        root,
        `${app}/services/module${f}.py`,
        `"""Service ${f} of ${app}."""\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef run_${f}(value):\n    total = 0\n    for item in range(value):\n        total += item * ${f}\n    logger.info("done %s", total)\n    return total\n`,
      );
    }
  }
  return root;
}

function countFiles(root: string): number {
  let count = 0;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

function benchAudit(): void {
  const examples = join(REPO_ROOT, "examples");
  const hardenedEnv = Object.fromEntries(
    parseDotenv(readFileSync(join(examples, "hardened", "production.env"), "utf8")).map((e) => [e.key, e.value]),
  );
  compareAudit(
    "startproject (init-startproject fixture)",
    join(REPO_ROOT, "test", "fixtures", "projects", "init-startproject"),
    {},
    "mysite.settings",
  );
  compareAudit("examples/naive", join(examples, "naive"), {}, "mysite.settings");
  compareAudit(
    "examples/split (production env)",
    join(examples, "split"),
    { SECRET_KEY: "x".repeat(60), ALLOWED_HOSTS: "blog.example.com", DATABASE_URL: "postgres://blog:pw@db:5432/blog" },
    "mysite.settings.prod",
  );
  compareAudit("examples/hardened (production.env)", join(examples, "hardened"), hardenedEnv, "config.settings.prod");
  const realistic = generateProject(40, 8);
  try {
    compareAudit("generated: 40 apps x 8 models", realistic, {}, "config.settings.prod");
  } finally {
    rmSync(realistic, { recursive: true, force: true });
  }
  const large = generateProject(50, 4, 92);
  try {
    const files = countFiles(large);
    compareAudit(`generated: ${files} files, 50 apps`, large, {}, "config.settings.prod", files);
  } finally {
    rmSync(large, { recursive: true, force: true });
  }
}

/** `djship init` on a fresh copy of each init fixture: plan, then write every file. */
function benchInit(): void {
  const fixtures = join(REPO_ROOT, "test", "fixtures", "projects");
  const floor = time({ command: process.execPath, args: ["-e", "0"], env: NODE_COMMAND_ENV });
  for (const name of readdirSync(fixtures)
    .filter((n) => n.startsWith("init-"))
    .sort()) {
    const work = mkdtempSync(join(tmpdir(), "djship-bench-init-"));
    const copy = join(work, name);
    try {
      const ms = time({
        command: process.execPath,
        args: [CLI, "init", copy, "--yes", "--target", "compose", "--target", "systemd"],
        env: { ...NODE_COMMAND_ENV, DJSHIP_CACHE_DIR: join(work, "cache") },
        before: () => {
          rmSync(copy, { recursive: true, force: true });
          cpSync(join(fixtures, name), copy, { recursive: true });
        },
        expect: (_stdout, stderr, status) =>
          status === 0 && existsSync(join(copy, "gunicorn.conf.py"))
            ? undefined
            : `exit ${status}, no gunicorn.conf.py: ${stderr.slice(-600)}`,
      });
      rows.push({
        section: "init",
        name: `${name}: plan and write`,
        value: ms,
        unit: "ms",
        reference: floor,
        referenceName: "node -e 0 (Node start-up)",
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

/** A row that bench/scan.ts and bench/stack.ts return. */
interface ExternalRow {
  name: string;
  value: number;
  unit: string;
  reference?: number;
  referenceName?: string;
  ratio?: number;
  note?: string;
}

async function benchModule(section: string, file: string, exported: string): Promise<boolean> {
  const path = join(REPO_ROOT, "dist", "bench", file);
  if (!existsSync(path)) return false;
  const module = (await import(path)) as Record<string, (() => Promise<ExternalRow[]>) | undefined>;
  const run = module[exported];
  if (!run) return false;
  for (const row of await run()) rows.push({ section, ...row });
  return true;
}

/**
 * The generated stack under load is the end-to-end helper's (issue #14): a bench/stack.ts that
 * exports `benchStack(): Promise<ExternalRow[]>` (requests/s and p99 with wrk through the generated
 * nginx + gunicorn against runserver, at 1, 50 and 200 connections, errors counted) is picked up
 * here and its rows join the table under "stack".
 */
const STACK_HOOK = { file: "stack.js", exported: "benchStack" } as const;

function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return "-";
  return unit === "ms" ? `${value.toFixed(0)} ms` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

function machine(): string {
  const cores = cpus();
  const python = spawnSync(PYTHON, ["-I", "-c", "import sys; print(sys.version.split()[0])"], { encoding: "utf8" }).stdout.trim();
  return `${cores[0]?.model.trim() ?? "unknown CPU"}, ${cores.length} cores, Node ${process.version}, Python ${python} (${PYTHON}), load average ${loadavg()[0]?.toFixed(1)} at start`;
}

function report(started: string, startLoad: string, seconds: number): void {
  console.log(`djship bench, ${started}: ${startLoad}`);
  console.log(
    `medians of ${RUNS} runs after a warm-up run (5,000-file rows: ${Math.max(3, Math.ceil(RUNS / 2))}); ratio = how many times faster djship is; ${seconds.toFixed(0)} s in all\n`,
  );
  const header = `${"".padEnd(7)}${"case".padEnd(46)}${"djship".padStart(12)}${"reference".padStart(12)}${"ratio".padStart(8)}  reference, notes`;
  console.log(header);
  console.log("-".repeat(header.length + 20));
  let section = "";
  for (const row of rows) {
    if (row.section !== section && section) console.log("");
    const label = row.section !== section ? row.section : "";
    section = row.section;
    const reference = row.reference === undefined ? "" : formatValue(row.reference, row.unit === "ms" ? "ms" : row.unit);
    const ratio = row.ratio === undefined ? "" : `${row.ratio.toFixed(1)}x`;
    const notes = [row.referenceName, row.note].filter(Boolean).join("; ");
    console.log(
      `${label.padEnd(7)}${row.name.padEnd(46)}${formatValue(row.value, row.unit).padStart(12)}${reference.padStart(12)}${ratio.padStart(8)}  ${notes}`,
    );
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const started = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  provisionPython();
  mkdirSync(PYCACHE, { recursive: true });
  const host = machine();
  [floors.node, floors.python] = timeTogether([
    { command: process.execPath, args: ["-e", "0"], env: NODE_COMMAND_ENV },
    { command: PYTHON, args: ["-I", "-S", "-c", "pass"], env: PYTHON_COMMAND_ENV },
  ]) as [number, number];
  rows.push({
    section: "floor",
    name: "node -e 0",
    value: floors.node,
    unit: "ms",
    note: "Node's start-up: the floor of any Node CLI",
  });
  rows.push({
    section: "floor",
    name: "python3 -I -S -c pass",
    value: floors.python,
    unit: "ms",
    note: "Python's start-up, the floor of manage.py",
  });
  if (!SKIP.has("audit")) benchAudit();
  if (!SKIP.has("init")) benchInit();
  if (!SKIP.has("scan") && !(await benchModule("scan", "scan.js", "benchScan"))) {
    rows.push({ section: "scan", name: "(bench/scan.ts not built)", value: 0, unit: "ms" });
  }
  if (!SKIP.has("stack") && !(await benchModule("stack", STACK_HOOK.file, STACK_HOOK.exported))) {
    rows.push({
      section: "stack",
      name: "wrk through the generated stack",
      value: Number.NaN,
      unit: "ms",
      note: "not built yet (bench/stack.ts, issue #14)",
    });
  }
  report(started, host, (performance.now() - startedAt) / 1000);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
