/**
 * `npm run bench`: djship's speed next to a reference measured in the same run on the same machine.
 *  - the floor: `node -e 0`, what any Node CLI pays before doing anything;
 *  - each example: `djship audit` against Django 4.2's `manage.py check --deploy` with the same
 *    settings and environment (medians over repeated runs, as a ratio);
 *  - a generated project with 40 apps of models that Django must import, same comparison;
 *  - a generated repository of 5,000 Python files (50 apps, split settings): time and files/s;
 *  - the scan row, when bench/scan.ts is there.
 * Figures are printed, never asserted: timing belongs here, not in tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseDotenv } from "../src/artifacts/dotenv/parse.js";
import { REPO_ROOT } from "../test/helpers/paths.js";
import { djangoPath } from "../test/helpers/python.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const PYTHON = "/usr/bin/python3";
/** Django 4.2 and the settings libraries, as scripts/provision.sh unpacks them. */
const DJANGO_42_PATH = djangoPath("4.2");
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median wall time in milliseconds of a command, after one warm-up run. */
function time(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}, runs = RUNS): number {
  const once = () => {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: "ignore", timeout: 600_000 });
    if (result.error) throw result.error;
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  once();
  return median(Array.from({ length: runs }, once));
}

function djangoEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: "/usr/bin:/bin", PYTHONPATH: DJANGO_42_PATH.join(":"), PYTHONDONTWRITEBYTECODE: "1", ...extra };
}

interface Row {
  name: string;
  djship: number;
  /** "ms" unless the row measures something else (sites/s). */
  unit?: string;
  reference?: number;
  referenceName?: string;
  note?: string;
}

const rows: Row[] = [];

function compare(name: string, root: string, env: Record<string, string>, settingsModule: string): void {
  const envArgs = Object.entries(env).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
  const djship = time(process.execPath, [
    CLI,
    "audit",
    root,
    "--exit-zero",
    "--format",
    "json",
    "--django-version",
    "4.2",
    "--settings",
    settingsModule,
    ...envArgs,
  ]);
  const reference = time(PYTHON, ["manage.py", "check", "--deploy"], {
    cwd: root,
    env: djangoEnv({ ...env, DJANGO_SETTINGS_MODULE: settingsModule }),
  });
  rows.push({ name, djship, reference, referenceName: "check --deploy (Django 4.2)" });
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A project Django must really import: `apps` apps with `models` models each, admin and URLs. */
function generateProject(apps: number, models: number, extraFilesPerApp = 0): string {
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

function report(): void {
  const cores = cpus().length;
  const model = cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `djship bench, ${new Date().toISOString().slice(0, 10)}, ${cores} cores (${model}), Node ${process.version}, medians of ${RUNS} runs\n`,
  );
  console.log(`${"case".padEnd(46)}${"djship".padStart(12)}${"reference".padStart(12)}${"ratio".padStart(9)}  reference`);
  for (const row of rows) {
    const ratio = row.reference ? `${(row.reference / row.djship).toFixed(1)}x` : "";
    console.log(
      `${row.name.padEnd(46)}${`${row.unit && row.unit !== "ms" ? row.djship.toFixed(2) : row.djship.toFixed(0)} ${row.unit ?? "ms"}`.padStart(12)}${row.reference ? `${row.reference.toFixed(0)} ms`.padStart(12) : "".padStart(12)}${ratio.padStart(9)}  ${row.referenceName ?? row.note ?? ""}`,
    );
  }
}

async function main(): Promise<void> {
  if (!existsSync(PYTHON) || !DJANGO_42_PATH.every((path) => existsSync(path))) {
    console.error("bench: Django 4.2 is not provisioned; run bash scripts/provision.sh first");
    process.exit(1);
  }
  rows.push({ name: "floor: node -e 0", djship: time(process.execPath, ["-e", "0"]), note: "Node start-up, the floor of any Node CLI" });

  const examples = join(REPO_ROOT, "examples");
  const hardenedEnv = Object.fromEntries(
    parseDotenv(readFileSync(join(examples, "hardened", "production.env"), "utf8")).map((e) => [e.key, e.value]),
  );
  compare("examples/naive", join(examples, "naive"), {}, "mysite.settings");
  compare(
    "examples/split (production env)",
    join(examples, "split"),
    { SECRET_KEY: "x".repeat(60), ALLOWED_HOSTS: "blog.example.com", DATABASE_URL: "postgres://blog:pw@db:5432/blog" },
    "mysite.settings.prod",
  );
  compare("examples/hardened (production.env)", join(examples, "hardened"), hardenedEnv, "config.settings.prod");

  const realistic = generateProject(40, 8);
  try {
    compare("generated: 40 apps x 8 models", realistic, {}, "config.settings.prod");
  } finally {
    rmSync(realistic, { recursive: true, force: true });
  }

  const large = generateProject(50, 4, 92);
  try {
    const files = Number(spawnSync("find", [large, "-name", "*.py"], { encoding: "utf8" }).stdout.trim().split("\n").length);
    const ms = time(process.execPath, [CLI, "audit", large, "--exit-zero", "--format", "json"], {}, Math.max(3, Math.floor(RUNS / 2)));
    rows.push({
      name: `generated: ${files} Python files, 50 apps`,
      djship: ms,
      note: `${Math.round(files / (ms / 1000))} files/s (target: under 2 s)`,
    });
  } finally {
    rmSync(large, { recursive: true, force: true });
  }

  const scanBench = join(REPO_ROOT, "dist", "bench", "scan.js");
  if (existsSync(scanBench)) {
    const module = (await import(scanBench)) as {
      benchScan?: () => Promise<{ name: string; value: number; unit: string; reference?: number; referenceName?: string }[]>;
    };
    for (const row of (await module.benchScan?.()) ?? []) {
      rows.push({
        name: row.name,
        djship: row.value,
        unit: row.unit,
        ...(row.reference !== undefined ? { reference: row.reference, referenceName: row.referenceName ?? "" } : {}),
      });
    }
  }
  report();
}

await main();
