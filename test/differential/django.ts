import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";

/** The Django series the differential tests run, and where provision.sh put each one. */
export const DJANGO_PATHS: Record<string, string[]> = {
  "3.2": [join(REPO_ROOT, ".cache/py/django-3.2"), join(REPO_ROOT, ".cache/py/libs")],
  "4.2": [join(REPO_ROOT, ".cache/py/libs")],
  "5.2": [join(REPO_ROOT, ".cache/py/django-5.2"), join(REPO_ROOT, ".cache/py/libs")],
};

const PYTHON = "/usr/bin/python3";
const PROBE = join(REPO_ROOT, "test/differential/django_probe.py");

/** Fails loudly when the provisioning step did not run, naming what is missing. */
export function assertProvisioned(): void {
  const missing = [PYTHON, ...Object.values(DJANGO_PATHS).flat()].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`Django for the differential tests is missing (${missing.join(", ")}): run bash scripts/provision.sh`);
  }
}

export type DjangoAnswer =
  | {
      ok: true;
      django: string;
      values?: Record<string, unknown>;
      messages?: { id: string; level: number; silenced: boolean; msg: string }[];
    }
  | { ok: false; error: { type: string; message: string; variable: string | null } };

/**
 * Asks real Django, in a fresh process with exactly `env` (plus PYTHONPATH and the settings module),
 * from the project root, for its resolved settings or its check messages.
 */
export function askDjango(
  projectRoot: string,
  series: string,
  settingsModule: string,
  env: Record<string, string>,
  mode: "settings" | "check",
): Promise<DjangoAnswer> {
  const paths = DJANGO_PATHS[series];
  if (!paths) throw new Error(`no Django ${series} for the differential tests`);
  return new Promise((resolvePromise, reject) => {
    execFile(
      PYTHON,
      ["-B", PROBE, mode],
      {
        cwd: projectRoot,
        env: {
          ...env,
          PATH: "/usr/bin:/bin",
          PYTHONPATH: paths.join(":"),
          DJANGO_SETTINGS_MODULE: settingsModule,
          PYTHONDONTWRITEBYTECODE: "1",
        },
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const line = stdout.trim().split("\n").pop() ?? "";
        try {
          resolvePromise(JSON.parse(line) as DjangoAnswer);
        } catch {
          reject(new Error(`Django probe failed (${error?.message ?? "no JSON"}):\n${stderr.slice(-2000)}\n${stdout.slice(-2000)}`));
        }
      },
    );
  });
}

/** Runs async jobs with at most `limit` at once, keeping their order. */
export async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
