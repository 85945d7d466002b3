/**
 * `djship init --bail` through the CLI, as CI runs it: at a conflict it writes nothing, names the
 * conflict on stderr and exits 1; without a conflict it writes as usual and exits 0.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { cleanup, copyFixture, snapshot } from "../init/harness.js";
import { runCli } from "./run.js";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

// A gunicorn.conf.py of the team's own (a Dockerfile of its own no longer conflicts: init writes
// Dockerfile.production beside it).
const THEIR_CONF = 'bind = "0.0.0.0:8000"\nworkers = 2\n';

function withTheirConf(): string {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  writeFileSync(join(dir, "gunicorn.conf.py"), THEIR_CONF);
  return dir;
}

test("--help documents --bail", async () => {
  const help = await runCli(["init", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--bail\s+for CI: stop at the first conflict, write nothing/);
});

test("--bail at a conflict: exit 1, the conflict named on stderr, nothing written", async () => {
  const dir = withTheirConf();
  const before = snapshot(dir);
  const result = await runCli(["init", dir, "--bail", "--yes"]);
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    /^djship init: conflict at gunicorn\.conf\.py: exists and differs from what init would write.*nothing written \(--bail\)\n$/,
  );
  assert.match(result.stdout, /CONFLICT\s+gunicorn\.conf\.py/);
  assert.match(result.stdout, /^--- a\/gunicorn\.conf\.py$/m, "the conflict's diff is in the report");
  assert.deepEqual(snapshot(dir), before, "--bail writes nothing, not even the files without a conflict");
});

test("--bail --format json still prints the plan, with the conflict in it", async () => {
  const dir = withTheirConf();
  const result = await runCli(["init", dir, "--bail", "--format", "json"]);
  assert.equal(result.code, 1);
  const plan = JSON.parse(result.stdout) as { files: { path: string; action: string }[] };
  assert.equal(plan.files.find((f) => f.path === "gunicorn.conf.py")?.action, "conflict");
});

test("without --bail the same conflict is left alone, the rest written, exit 0", async () => {
  const dir = withTheirConf();
  const result = await runCli(["init", dir, "--yes"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readFileSync(join(dir, "gunicorn.conf.py"), "utf8"), THEIR_CONF);
  assert.ok(readFileSync(join(dir, ".github/workflows/ci.yml"), "utf8").includes("check --deploy --fail-level WARNING"));
});

test("--bail without a conflict writes as usual, and a second --bail run changes nothing", async () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  const first = await runCli(["init", dir, "--bail", "--yes"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /files written/);
  const after = snapshot(dir);
  const second = await runCli(["init", dir, "--bail", "--yes"]);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(snapshot(dir), after);
});
