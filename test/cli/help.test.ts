/** Every command answers --help (and `djship help CMD`) with its usage on stdout, exit 0. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../helpers/paths.js";
import { CLI, runCli } from "./run.js";

test("djship --help lists the commands, and each of them prints its own help", async () => {
  const main = await runCli(["--help"]);
  assert.equal(main.code, 0);
  const commands = [...main.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string);
  assert.ok(commands.includes("explain") && commands.includes("audit") && commands.length >= 5, main.stdout);
  for (const command of commands) {
    for (const flag of ["--help", "-h"]) {
      const result = await runCli([command, flag]);
      assert.equal(result.code, 0, `${command} ${flag}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`^Usage: djship ${command}\\b`), `${command} ${flag}`);
      assert.equal(result.stderr, "");
    }
    const viaHelp = await runCli(["help", command]);
    assert.equal(viaHelp.code, 0);
    assert.match(viaHelp.stdout, new RegExp(`^Usage: djship ${command}\\b`));
  }
});

test("explain --help is help, not a rule named --help", async () => {
  const result = await runCli(["explain", "--help"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Usage: djship explain CODE/);
  const missing = await runCli(["explain"]);
  assert.equal(missing.code, 2);
});

test("the launcher keeps a code cache per listed command, and a mistyped command writes none of its own", async () => {
  const main = await runCli(["--help"]);
  const commands = [...main.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string);
  const launcher = readFileSync(CLI, "utf8");
  const cached = /const COMMANDS = new Set\(\[([^\]]*)\]\)/.exec(launcher)?.[1]?.match(/[a-z]+/g) ?? [];
  assert.deepEqual([...cached].sort(), [...commands, "help"].sort());
  const mistyped = await runCli(["adit"]);
  assert.equal(mistyped.code, 2);
  assert.equal(existsSync(join(REPO_ROOT, "dist", "djship.cjs.adit.cache")), false);
});
