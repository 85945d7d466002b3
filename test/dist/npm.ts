import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without what an enclosing `npm test` exports, so each npm below is a user's. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== "INIT_CWD") env[key] = value;
  return { ...env, NO_COLOR: "1", ...extra };
}

export function run(command: string, args: string[], cwd: string, env = cleanEnv(), timeout = 300_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The README's library example: the first ```js block under "## Library API". */
export function readmeLibraryExample(): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Library API"));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(readme.includes("## Library API") && match, "README has a ```js example under ## Library API");
  return match[1] as string;
}
