/**
 * `djship audit` keeps each run's report with every read it made of the file system
 * (src/cli/result-cache.ts) and prints it again, without auditing, only while every one of those
 * reads returns the same. Each test first makes the record say something no audit would print, so
 * that a test can tell a report served from the record from one audited again.
 */
import assert from "node:assert/strict";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { EXAMPLES } from "../helpers/paths.js";
import { type CliResult, runCli } from "./run.js";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporary(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `djship-${prefix}-`));
  folders.push(folder);
  return folder;
}

/** A copy of the naive example (DEBUG on: the audit exits 1) and an empty cache folder. */
function setUp(): { root: string; cache: string } {
  const root = join(temporary("project"), "naive");
  cpSync(join(EXAMPLES, "naive"), root, { recursive: true });
  return { root, cache: temporary("cache") };
}

function audit(root: string, cache: string, extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(["audit", root, "--format", "json", ...extra], { env: { DJSHIP_CACHE_DIR: cache, ...env } });
}

function records(cache: string): string[] {
  const folder = join(cache, "audit-v1");
  return existsSync(folder) ? readdirSync(folder) : [];
}

const MARK = '{"served": "from the record"}\n';

/** Rewrites the one record so that a run served from it prints MARK. */
function markRecord(cache: string): void {
  const [name, ...others] = records(cache);
  assert.ok(name && others.length === 0, `one record: ${records(cache).join(", ")}`);
  const path = join(cache, "audit-v1", name);
  const record = JSON.parse(readFileSync(path, "utf8")) as { stdout: string };
  writeFileSync(path, JSON.stringify({ ...record, stdout: MARK }));
}

test("an unchanged tree is printed from its record, with the audit's exit code", async () => {
  const { root, cache } = setUp();
  const first = await audit(root, cache);
  assert.equal(first.code, 1, first.stderr);
  markRecord(cache);
  const again = await audit(root, cache);
  assert.equal(again.stdout, MARK);
  assert.equal(again.code, 1, "the exit code is the recorded one");
});

test("any change to what the run read is a new audit: content, a new file, a touched file, the environment, the options", async () => {
  const { root, cache } = setUp();
  const uncached = (await audit(root, cache, ["--no-cache"])).stdout;
  const changes: [string, () => void, string[]?, Record<string, string>?][] = [
    ["settings content", () => appendFileSync(join(root, "mysite", "settings.py"), "\nSECURE_SSL_REDIRECT = True\n")],
    ["a new file", () => writeFileSync(join(root, "Procfile.worker"), "worker: celery -A mysite worker\n")],
    ["a touched file", () => utimesSync(join(root, "Dockerfile"), new Date(2000, 0, 1), new Date(2000, 0, 1))],
    ["a removed file", () => rmSync(join(root, "Procfile"))],
    ["the environment", () => {}, [], { DJSHIP_TODAY: "2031-01-01" }],
    ["the options", () => {}, ["--select", "CFG"]],
  ];
  await audit(root, cache);
  for (const [what, change, extra = [], env = {}] of changes) {
    rmSync(join(cache, "audit-v1"), { recursive: true, force: true });
    await audit(root, cache);
    markRecord(cache);
    change();
    const after = await audit(root, cache, extra, env);
    assert.notEqual(after.stdout, MARK, `${what}: audited again`);
    assert.equal(after.stdout, (await audit(root, cache, ["--no-cache", ...extra], env)).stdout, `${what}: the same report as --no-cache`);
  }
  assert.notEqual(uncached, (await audit(root, cache, ["--no-cache"])).stdout, "the changes changed the report");
});

test("runs that write a file, print help or skip the cache leave no record", async () => {
  const { root, cache } = setUp();
  const out = temporary("out");
  await audit(root, cache, ["--no-cache"]);
  await audit(root, cache, ["-o", join(out, "report.json")]);
  await audit(root, cache, [`--output=${join(out, "report2.json")}`]);
  await audit(root, cache, ["--write-baseline", join(out, "baseline.json")]);
  await audit(root, cache, ["--help"]);
  assert.deepEqual(records(cache), []);
});

test("a damaged record is ignored and replaced", async () => {
  const { root, cache } = setUp();
  const expected = (await audit(root, cache, ["--no-cache"])).stdout;
  await audit(root, cache);
  const [name] = records(cache);
  const path = join(cache, "audit-v1", name as string);
  for (const damage of ["", "{", "[]", '{"format":1,"observations":[["read"]],"stdout":"x"}', "\u0000binary"]) {
    writeFileSync(path, damage);
    const result = await audit(root, cache);
    assert.equal(result.stdout, expected, JSON.stringify(damage));
    assert.doesNotThrow(() => JSON.parse(readFileSync(path, "utf8")), "a whole record again");
  }
});

test("concurrent runs all report the same and leave one whole record, no temporary file", async () => {
  const { root, cache } = setUp();
  const expected = (await audit(root, cache, ["--no-cache"])).stdout;
  for (let round = 0; round < 2; round++) {
    const reports = await Promise.all(Array.from({ length: 4 }, () => audit(root, cache)));
    for (const report of reports) assert.equal(report.stdout, expected);
  }
  const files = records(cache);
  assert.equal(files.length, 1, files.join(", "));
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(cache, "audit-v1", files[0] as string), "utf8")));
});
