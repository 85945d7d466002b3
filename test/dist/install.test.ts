/**
 * The ways users get djship, each tried from the outside as a user would: the npm tarball installed
 * into an empty folder, and an install from the git repository (what `npm install github:…` and
 * pre-commit do), which must build itself. Both offline-first, from npm's cache.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { REPO_ROOT } from "../helpers/paths.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { readmeLibraryExample, run } from "./npm.js";

const NPM_QUIET = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
const temps: string[] = [];
function temp(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `djship-${label}-`));
  temps.push(dir);
  return dir;
}
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("the npm tarball", () => {
  let tarball = "";
  let files: string[] = [];
  before(async () => {
    const out = temp("pack");
    // The tests run after `npm run build`: pack what is built instead of rebuilding dist/ under
    // the other test files that are running (`prepare` is tried by the git install below).
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out], REPO_ROOT);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    tarball = join(out, info.filename);
    files = info.files.map((f) => f.path);
  });

  test("ships the built code, the parsers' WebAssembly comes as dependencies, and nothing for development", () => {
    for (const needed of [
      "bin/djship.js",
      "dist/djship.cjs",
      "dist/result-cache.cjs",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/django/data/global-settings.json",
      "schemas/audit.schema.json",
      "schemas/settings.schema.json",
      "schemas/scan.schema.json",
      "docs/rules.md",
      "README.md",
      "LICENSE",
      "package.json",
    ]) {
      assert.ok(files.includes(needed), `${needed} is in the tarball`);
    }
    // init's templates are read at run time from src/init/templates: the one part of src/ that ships.
    const unwanted = files.filter(
      (f) =>
        !f.startsWith("src/init/templates/") &&
        /\.test\.|\.map$|^src\/|^test\/|^examples\/|^scripts\/|^bench\/|node_modules|\.cache/.test(f),
    );
    assert.deepEqual(unwanted, [], "no tests, sources, source maps or fixtures");
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      engines?: { node?: string };
      dependencies: Record<string, string>;
    };
    assert.match(manifest.engines?.node ?? "", />=\s*20\.18/, "engines.node declares the Node the CLI needs (styleText)");
    // The bundle leaves these out and loads them at run time: they must be dependencies, not dev ones.
    const bundler = readFileSync(join(REPO_ROOT, "scripts", "bundle.mjs"), "utf8");
    const external = /external:\s*\[([^\]]*)\]/.exec(bundler)?.[1]?.match(/"[^"]+"/g) ?? [];
    assert.ok(external.length >= 2);
    for (const name of external) assert.ok(manifest.dependencies[name.slice(1, -1)], `${name} is a dependency`);
  });

  test("installs into an empty folder from npm's cache and audits an example with npx djship", async () => {
    const dir = temp("tarball");
    writeFileSync(join(dir, "package.json"), '{ "name": "user-project", "private": true }\n');
    const installed = await run("npm", ["install", ...NPM_QUIET, tarball], dir);
    assert.equal(installed.code, 0, installed.stderr);
    cpSync(join(REPO_ROOT, "examples", "naive"), join(dir, "naive"), { recursive: true });
    const version = await run("npx", ["--offline", "djship", "--version"], dir);
    assert.equal(version.stdout.trim(), `djship ${JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version}`);
    const audited = await run("npx", ["--offline", "djship", "audit", "naive", "--format", "json"], dir);
    assert.equal(audited.code, 1, `findings exit 1:\n${audited.stderr}`);
    const document = JSON.parse(audited.stdout) as { findings: { rule: string }[] };
    assertMatchesSchema("audit", document);
    assert.ok(
      document.findings.some((f) => f.rule === "CFG018"),
      "DEBUG on in the naive example is found",
    );
    const text = await run("npx", ["--offline", "djship", "audit", "naive", "--exit-zero"], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Scores: config \d+/);
    // init's dry run from the tarball: its templates ship, and it writes nothing.
    const before = readdirSync(join(dir, "naive"), { recursive: true }).length;
    const init = await run("npx", ["--offline", "djship", "init", "naive", "--dry-run"], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Dockerfile/);
    assert.equal(readdirSync(join(dir, "naive"), { recursive: true }).length, before, "a dry run writes nothing");
    // The README's library example runs against the installed package, as a user would copy it.
    writeFileSync(join(dir, "example.mjs"), readmeLibraryExample());
    const example = await run(process.execPath, ["example.mjs", "naive"], dir);
    assert.equal(example.code, 0, example.stderr);
    assert.match(example.stdout, /CFG018/);
    assert.match(example.stdout, /DEBUG/);
  });
});

describe("an install from the git repository", () => {
  test("builds itself (prepare) and runs", async () => {
    const clone = join(temp("clone"), "djship");
    const cloned = await run("git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone], REPO_ROOT);
    assert.equal(cloned.code, 0, cloned.stderr);
    const dir = temp("git-install");
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "package.json"), '{ "name": "user-project", "private": true }\n');
    // What `npm install github:djship/djship` does: npm clones, installs the dev dependencies, runs
    // `prepare` and installs the packed result. Here from a clone, because the tests are offline.
    const installed = await run("npm", ["install", ...NPM_QUIET, `git+file://${clone}`], dir);
    assert.equal(installed.code, 0, `${installed.stdout}\n${installed.stderr}`);
    cpSync(join(REPO_ROOT, "examples", "hardened"), join(dir, "hardened"), { recursive: true });
    const audited = await run(join(dir, "node_modules", ".bin", "djship"), ["audit", "hardened", "--format", "json", "--exit-zero"], dir);
    assert.equal(audited.code, 0, audited.stderr);
    assertMatchesSchema("audit", JSON.parse(audited.stdout));
  });
});
