/**
 * The shared harness of the init suites: fixture projects copied to a temporary folder, init run
 * through the library, real Django asked to check the result, and the invariants every init run
 * must keep, held once here.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseDotenv } from "../../src/artifacts/dotenv/parse.js";
import { audit } from "../../src/audit.js";
import { planInit } from "../../src/init/plan.js";
import type { InitOptions, InitPlan } from "../../src/init/types.js";
import { applyPlan } from "../../src/init/write.js";
import { FIXTURES } from "../helpers/paths.js";
import { CHANNELS_LIBRARIES, djangoPath, isolatedArgs, PYTHON, SERVER_LIBRARIES, STACK_LIBRARIES } from "../helpers/python.js";

export { PYTHON };

/** A copy of test/fixtures/projects/NAME in a fresh temporary folder; removed by `cleanup`. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `djship-${name}-`));
  cpSync(join(FIXTURES, "projects", name), dir, { recursive: true });
  return dir;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under a folder with its content: what the invariants compare. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (name === "__pycache__") continue;
      if (statSync(full).isDirectory()) visit(full);
      else out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  visit(dir);
  return out;
}

/** Plans and applies, then checks what every run must keep: a second plan changes nothing. */
export async function initAndCheck(dir: string, options: InitOptions = {}): Promise<InitPlan> {
  const plan = await planInit(dir, options);
  applyPlan(plan);
  const again = await planInit(dir, options);
  const changing = again.files.filter((f) => f.action !== "unchanged");
  assert.deepEqual(
    changing.map((f) => `${f.action} ${f.path}`),
    [],
    "a second run of init must change nothing",
  );
  const before = snapshot(dir);
  applyPlan(again);
  assert.deepEqual(snapshot(dir), before, "applying an all-unchanged plan must write nothing");
  return plan;
}

/**
 * A fixture copied now (into `dirs`, which the suite cleans up), changed by `prepare`, and
 * initialised on first use only, so the tests of one describe share one init run.
 */
export function lazyInit(
  name: string,
  dirs: string[],
  options: InitOptions = {},
  prepare?: (dir: string) => void,
): { dir: string; initialised: () => Promise<InitPlan> } {
  const dir = copyFixture(name);
  dirs.push(dir);
  prepare?.(dir);
  let ready: Promise<InitPlan> | undefined;
  const initialised = () => {
    ready ??= initAndCheck(dir, options);
    return ready;
  };
  return { dir, initialised };
}

/** The .env.example of a project as variables, with a fresh SECRET_KEY as a deployment would have. */
export function productionEnvironment(dir: string, plan: InitPlan): Record<string, string> {
  const path = join(dir, plan.detected.projectRoot, ".env.example");
  const env: Record<string, string> = {};
  for (const entry of parseDotenv(readFileSync(path, "utf8"))) env[entry.key] = entry.value;
  env.DJANGO_SECRET_KEY = randomBytes(48).toString("base64url");
  return env;
}

/** The deployment check init's output must pass, as fixtures.test.ts and the generated CI run it. */
export const CHECK_DEPLOY_ARGS = ["check", "--deploy", "--fail-level", "WARNING"];

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `manage.py ARGS` with real Django of one series, exactly `env` and Debian's Python. Celery,
 * Channels and what production imports at run time (django-csp, redis-py) are importable too
 * (provision-e2e.sh), as in a deployed project. `leadingPath` comes before all of them, to shadow
 * a library with another version of it.
 */
export function manage(
  dir: string,
  series: string,
  args: string[],
  env: Record<string, string>,
  extraPath: readonly string[] = [],
  leadingPath: readonly string[] = [],
): Promise<CommandResult> {
  const path = [...leadingPath, ...djangoPath(series), SERVER_LIBRARIES, STACK_LIBRARIES, CHANNELS_LIBRARIES, ...extraPath];
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      isolatedArgs(path, ["manage.py", ...args]),
      { cwd: dir, env: { ...env, PATH: "/usr/bin:/bin" }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Errors the audit reports on the result, as "RULE file:line message". */
export async function auditErrors(dir: string, env?: Record<string, string>): Promise<string[]> {
  const result = await audit(dir, env ? { environment: new Map(Object.entries(env)) } : {});
  return result.findings.filter((f) => f.severity === "error" && !f.suppressed).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);
}
