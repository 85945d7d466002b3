/**
 * How the tests run Python: Debian's /usr/bin/python3, isolated (-I -S -B), with only the folders
 * scripts/provision.sh unpacked on sys.path, so a library installed system-wide cannot change a
 * result. The layout here is the one provision.sh and provision-e2e.sh write.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

export const PYTHON = "/usr/bin/python3";
/** -I: no PYTHON* variables, no user site; -S: no site-packages; -B: no bytecode in the trees under test. */
export const ISOLATION_FLAGS = ["-I", "-S", "-B"] as const;
const ISOLATED = join(REPO_ROOT, "test", "helpers", "isolated.py");
const PY_CACHE = join(REPO_ROOT, ".cache", "py");

/** The Django series the suites run, each unpacked into its own folder. */
export const DJANGO_SERIES = ["3.2", "4.2", "5.2"] as const;

/** The settings libraries the fixtures and examples import (django-environ, decouple, ...). */
export const SETTINGS_LIBRARIES = join(PY_CACHE, "lib", "settings");
/** gunicorn and Celery with their dependencies, for the end-to-end servers (provision-e2e.sh). */
export const SERVER_LIBRARIES = join(PY_CACHE, "lib", "servers");
/** psycopg 3, redis-py, django-csp and uvicorn: what production settings import at run time (provision-e2e.sh). */
export const STACK_LIBRARIES = join(PY_CACHE, "lib", "stack");
/** Django Channels and its Redis layer, which the ASGI fixture projects import (provision-e2e.sh). */
export const CHANNELS_LIBRARIES = join(PY_CACHE, "lib", "channels");
/** django-storages with its S3 backend and boto3 (provision-e2e.sh): production's media on object storage. */
export const STORAGES_LIBRARIES = join(PY_CACHE, "lib", "storages");

/** sentry-sdk 2 (provision-e2e.sh), the series init's range names; put before SETTINGS_LIBRARIES, which holds bookworm's 1.9. */
export const SENTRY_LIBRARIES = join(PY_CACHE, "lib", "sentry");

/** What production imports below Django 4.2 (provision-e2e.sh): django-csp 3.7 (put before STACK_LIBRARIES' 4.0) and django-redis. */
export const STACK_32_LIBRARIES = join(PY_CACHE, "lib", "stack-3.2");

/** The folders on sys.path for one Django series: Django itself, then the settings libraries. */
export function djangoPath(series: string): string[] {
  if (!(DJANGO_SERIES as readonly string[]).includes(series)) throw new Error(`no Django ${series} is provisioned for the tests`);
  return [join(PY_CACHE, "django", series), SETTINGS_LIBRARIES];
}

/**
 * The arguments for /usr/bin/python3 that run `command` (a script and its arguments, or "-m",
 * a module and its arguments) isolated, with exactly `path` importable.
 */
export function isolatedArgs(path: readonly string[], command: readonly string[]): string[] {
  return [...ISOLATION_FLAGS, ISOLATED, path.join(":"), ...command];
}

let provisioned = false;

/**
 * Runs scripts/provision.sh (idempotent, quick once done) once per process, so a suite works on a
 * fresh checkout or when the layout changed; throws with its message when something is missing.
 */
export function provisionPython(): void {
  if (provisioned) return;
  try {
    execFileSync("bash", [join(REPO_ROOT, "scripts", "provision.sh")], { stdio: ["ignore", "pipe", "pipe"], timeout: 900_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`scripts/provision.sh failed: ${stderr.trim() || (error as Error).message}`);
  }
  const missing = [PYTHON, ...DJANGO_SERIES.flatMap(djangoPath)].filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`scripts/provision.sh ran but left out ${missing.join(", ")}`);
  provisioned = true;
}

/**
 * Runs `code` with Debian's Python 3.11, isolated and with the standard library only, feeding it
 * `input` as JSON on stdin and returning what it prints as JSON: the oracle unit tests compare
 * djship's model of Python against.
 */
export function standardPython<T>(code: string, input: unknown): T {
  const stdout = execFileSync(PYTHON, [...ISOLATION_FLAGS, "-c", code], {
    input: JSON.stringify(input),
    env: { PATH: "/usr/bin:/bin" },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.toString("utf8")) as T;
}
