import { execFile } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";

/** The CLI as a user runs it: the package's bin. */
export const CLI = join(REPO_ROOT, "bin", "djship.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node bin/djship.js ARGS` in a child process. `viaShebang` executes the bin file itself, as
 * npx and a PATH install do, so its shebang line decides how node is started.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; viaShebang?: boolean; command?: readonly string[] } = {},
): Promise<CliResult> {
  const [file, ...prefix] = options.command ?? (options.viaShebang ? [CLI] : [process.execPath, CLI]);
  return new Promise((resolve) => {
    execFile(
      file as string,
      [...prefix, ...args],
      { env: { ...process.env, NO_COLOR: "1", ...options.env }, cwd: options.cwd, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A manage.py as startproject writes it (the part discovery reads). */
export const MANAGE_PY = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
