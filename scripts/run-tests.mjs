#!/usr/bin/env node
// Runs every compiled test file with Node's own test runner. Arguments filter the files by
// substring: `node scripts/run-tests.mjs differential` runs the differential suite only.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith(".test.js")) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ["dist/src", "dist/test"]
  .flatMap((dir) => {
    try {
      return find(dir);
    } catch {
      return [];
    }
  })
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error("run-tests: no test files found; run `npm run build` first");
  process.exit(1);
}
const started = performance.now();
const failuresDir = mkdtempSync(join(tmpdir(), "djship-run-tests-"));
const failuresFile = join(failuresDir, "failures.txt");
const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"];
reporters.push(
  `--test-reporter=${new URL("./failures-reporter.mjs", import.meta.url).href}`,
  `--test-reporter-destination=${failuresFile}`,
);
const result = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...reporters, ...files], { stdio: "inherit" });
let failures = "";
try {
  failures = readFileSync(failuresFile, "utf8").trim();
} catch {
  // No file: the runner stopped before any reporter wrote; its own output says why.
}
rmSync(failuresDir, { recursive: true, force: true });
if (failures) console.log(`\nrun-tests: the tests that failed (named todos left out):\n\n${failures}\n`);
const seconds = (performance.now() - started) / 1000;
const elapsed = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0)} s` : `${seconds.toFixed(1)} s`;
console.log(`run-tests: ${files.length} test files ${result.status === 0 ? "passed" : "FAILED"} in ${elapsed}`);
process.exit(result.status ?? 1);
