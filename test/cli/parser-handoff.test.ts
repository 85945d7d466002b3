/**
 * bin/djship.js starts compiling tree-sitter's WebAssembly before it loads the bundle and hands the
 * modules over (python/parse.ts, HANDED_PARSER). The hand-over is watched from outside: a preload
 * counts what the process asks of WebAssembly. With the hand-over, the two files are compiled once
 * each by the launcher and nothing compiles bytes later; a launcher that stopped handing them, or a
 * bundle that stopped taking them, shows up as a compile of bytes inside the bundle. And a handed
 * module that failed to compile leaves the parser to load the files itself, with the same report.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { FIXTURES } from "../helpers/paths.js";
import { runCli } from "./run.js";

const folder = mkdtempSync(join(tmpdir(), "djship-parser-handoff-"));
after(() => rmSync(folder, { recursive: true, force: true }));

const PROJECT = join(FIXTURES, "projects", "init-startproject");

/**
 * A preload that counts WebAssembly's compiles (by caller: the launcher or the bundle) and
 * instantiations of bytes, printed at exit. `FAIL_HANDED` makes the launcher's compiles reject, as
 * a damaged .wasm would.
 */
const PRELOAD = join(folder, "count-wasm.cjs");
writeFileSync(
  PRELOAD,
  `"use strict";
const counts = { launcherCompiles: 0, laterCompiles: 0, bytesInstantiated: 0 };
const { compile, instantiate } = WebAssembly;
WebAssembly.compile = function (bytes) {
  const fromLauncher = /startCompilingParser/.test(new Error().stack);
  if (fromLauncher) counts.launcherCompiles++;
  else counts.laterCompiles++;
  if (fromLauncher && process.env.FAIL_HANDED) return Promise.reject(new Error("damaged"));
  return compile.call(this, bytes);
};
WebAssembly.instantiate = function (source, imports) {
  if (!(source instanceof WebAssembly.Module)) counts.bytesInstantiated++;
  return instantiate.call(this, source, imports);
};
process.on("exit", () => process.stderr.write("wasm-counts " + JSON.stringify(counts) + "\\n"));
`,
);

async function auditCounting(env: Record<string, string> = {}): Promise<{ report: unknown; counts: Record<string, number> }> {
  const result = await runCli(["audit", PROJECT, "--format", "json", "--exit-zero", "--no-cache"], {
    env: { NODE_OPTIONS: `--require ${PRELOAD}`, ...env },
  });
  assert.equal(result.code, 0, result.stderr);
  const line = result.stderr.split("\n").find((l) => l.startsWith("wasm-counts "));
  assert.ok(line, `the preload ran: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { tool?: unknown };
  delete report.tool;
  return { report, counts: JSON.parse(line.slice("wasm-counts ".length)) as Record<string, number> };
}

test("the launcher's compiled modules are the ones the parser instantiates", async () => {
  const { counts } = await auditCounting();
  assert.deepEqual(counts, { launcherCompiles: 2, laterCompiles: 0, bytesInstantiated: 0 });
});

test("a handed module that failed to compile: the parser loads the files itself, and the report is the same", async () => {
  const handed = await auditCounting();
  const failed = await auditCounting({ FAIL_HANDED: "1" });
  assert.equal(failed.counts.launcherCompiles, 2);
  // web-tree-sitter instantiates the runtime's bytes, and compiles or instantiates the grammar's.
  assert.ok((failed.counts.bytesInstantiated ?? 0) + (failed.counts.laterCompiles ?? 0) >= 2, JSON.stringify(failed.counts));
  assert.deepEqual(failed.report, handed.report);
});
