/**
 * `djship audit` keeps parsed files in its cache folder between runs. The cache must never change a
 * finding: the same report cold, warm and with --no-cache on every example and fixture project; a
 * changed file changes the report; --no-cache neither reads nor writes it; a damaged cache is
 * ignored; concurrent runs on one cache all report the same and leave a whole cache file.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { EXAMPLES, FIXTURES } from "../helpers/paths.js";
import { runCli } from "./run.js";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporary(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `djship-${prefix}-`));
  folders.push(folder);
  return folder;
}

/** The JSON report of an audit with the given cache folder (exit 0 or 1 both mean the audit ran). */
async function audit(root: string, cache: string, extra: string[] = []): Promise<string> {
  const result = await runCli(["audit", root, "--format", "json", "--exit-zero", ...extra], { env: { DJSHIP_CACHE_DIR: cache } });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** The parse cache's folder: parse-v<format>, whichever format this build writes. */
function packsOf(cache: string): string {
  const name = existsSync(cache) ? readdirSync(cache).find((n) => /^parse-v\d+$/.test(n)) : undefined;
  return join(cache, name ?? "parse-v-none");
}

function cacheFiles(cache: string): string[] {
  const packs = packsOf(cache);
  return existsSync(packs) ? readdirSync(packs).filter((name) => name.endsWith(".json")) : [];
}

const PROJECTS = [
  ...readdirSync(EXAMPLES).map((name) => join(EXAMPLES, name)),
  ...readdirSync(join(FIXTURES, "projects")).map((name) => join(FIXTURES, "projects", name)),
];

test("every example and fixture project: the same report cold, warm and with --no-cache", async () => {
  const cache = temporary("cache");
  for (const project of PROJECTS) {
    const uncached = await audit(project, cache, ["--no-cache"]);
    const cold = await audit(project, cache);
    const warm = await audit(project, cache);
    assert.equal(cold, uncached, `${project}: cold run`);
    assert.equal(warm, uncached, `${project}: warm run`);
  }
  assert.ok(cacheFiles(cache).length > 0, "the runs with the cache wrote it");
});

test("a changed settings file changes the report on the next run", async () => {
  const cache = temporary("cache");
  const root = join(temporary("project"), "naive");
  cpSync(join(EXAMPLES, "naive"), root, { recursive: true });
  const before = JSON.parse(await audit(root, cache)) as { findings: { rule: string }[] };
  assert.ok(
    before.findings.some((f) => f.rule === "CFG018"),
    "the naive example has DEBUG on",
  );
  const settings = join(root, "mysite", "settings.py");
  writeFileSync(settings, readFileSync(settings, "utf8").replace(/^DEBUG = True$/m, "DEBUG = False"));
  const changed = await audit(root, cache);
  assert.ok(!(JSON.parse(changed) as typeof before).findings.some((f) => f.rule === "CFG018"), "DEBUG is off now");
  assert.equal(changed, await audit(root, cache, ["--no-cache"]));
});

test("--no-cache neither writes nor reads the cache", async () => {
  const cache = temporary("cache");
  const root = join(EXAMPLES, "split");
  await audit(root, cache, ["--no-cache"]);
  assert.deepEqual(cacheFiles(cache), [], "nothing written");
  await audit(root, cache);
  const [file] = cacheFiles(cache);
  const path = join(packsOf(cache), file as string);
  // A cache that claims every settings file is an empty module: read, it would lose every finding.
  const pack = JSON.parse(readFileSync(path, "utf8")) as { entries: Record<string, { t: string[]; f: string[]; n: number[] }> };
  for (const entry of Object.values(pack.entries)) Object.assign(entry, { t: ["module"], f: [], n: [0, 0, 0, 0, 0, 1] });
  writeFileSync(path, JSON.stringify(pack));
  const uncached = JSON.parse(await audit(root, cache, ["--no-cache"])) as { findings: unknown[] };
  assert.ok(uncached.findings.length > 0, "--no-cache parsed the files themselves");
  assert.equal(readFileSync(path, "utf8"), JSON.stringify(pack), "and left the cache file alone");
});

test("a damaged cache file is ignored, not a crash, and replaced", async () => {
  const cache = temporary("cache");
  const root = join(EXAMPLES, "hardened");
  const expected = await audit(root, cache, ["--no-cache"]);
  await audit(root, cache);
  const [file] = cacheFiles(cache);
  const path = join(packsOf(cache), file as string);
  for (const damage of ["", '{"format":1,', "\u0000\u0001binary", "[]"]) {
    writeFileSync(path, damage);
    // Without its record (cli/result-cache.ts), the run reads the parse cache.
    rmSync(join(cache, "audit-v1"), { recursive: true, force: true });
    assert.equal(await audit(root, cache), expected);
    assert.doesNotThrow(() => JSON.parse(readFileSync(path, "utf8")), "a whole cache file again");
  }
  // A cache folder that cannot be written to (a file in its place) only means no cache.
  const blocked = join(temporary("blocked"), "file");
  writeFileSync(blocked, "not a folder");
  assert.equal(await audit(root, blocked), expected);
});

test("concurrent runs on one cache all report the same and leave a whole cache file", async () => {
  const cache = temporary("cache");
  const root = join(EXAMPLES, "naive");
  const expected = await audit(root, cache, ["--no-cache"]);
  for (let round = 0; round < 2; round++) {
    const reports = await Promise.all(Array.from({ length: 4 }, () => audit(root, cache)));
    for (const report of reports) assert.equal(report, expected);
  }
  const files = readdirSync(packsOf(cache));
  assert.equal(files.length, 1, `one cache file, no temporary left behind: ${files.join(", ")}`);
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(packsOf(cache), files[0] as string), "utf8")));
});
