/**
 * The command line runs the bundle (dist/djship.cjs), which scripts/bundle.mjs minifies and in which
 * yaml and dockerfile-ast stand behind getters that load them on first use; the library and every
 * other suite run tsc's output. The two must report the same: on every example and fixture project,
 * `djship audit` gives exactly the findings the library's audit() gives. A stand-in that lost an
 * export, or a minification that changed a behaviour, shows up here as a finding missing or changed.
 */
import assert from "node:assert/strict";
import { isAscii } from "node:buffer";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { audit } from "../../src/audit.js";
import { EXAMPLES, FIXTURES, REPO_ROOT } from "../helpers/paths.js";
import { runCli } from "./run.js";

const PROJECTS = [
  ...readdirSync(EXAMPLES).map((name) => join(EXAMPLES, name)),
  ...readdirSync(join(FIXTURES, "projects")).map((name) => join(FIXTURES, "projects", name)),
];

interface Reported {
  readonly rule: string;
  readonly severity: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
}

const key = (f: Reported): string => JSON.stringify([f.rule, f.severity, f.file, f.line, f.column, f.message]);

test("the bundle and the library report the same findings on every example and fixture project", async () => {
  let compared = 0;
  let withYamlOrDockerfile = 0;
  for (const root of PROJECTS) {
    const cli = await runCli(["audit", root, "--format", "json", "--exit-zero", "--no-cache"]);
    assert.equal(cli.code, 0, `${root}: ${cli.stderr}`);
    const bundled = (JSON.parse(cli.stdout) as { findings: Reported[] }).findings.map(key).sort();
    const library = (await audit(root, { cache: false })).findings.map(key).sort();
    assert.deepEqual(bundled, library, root);
    compared += library.length;
    if (bundled.some((f) => /Dockerfile|\.ya?ml"/.test(f))) withYamlOrDockerfile++;
  }
  // The comparison covered findings on files only the lazily loaded parsers read.
  assert.ok(withYamlOrDockerfile >= 3, `${withYamlOrDockerfile} projects with findings on a Dockerfile or YAML file`);
  assert.ok(compared > 100, `${compared} findings compared`);
});

test("the bundle is ASCII, so bin/djship.js decodes it as Latin-1 without UTF-8's validation", () => {
  const bundle = readFileSync(join(REPO_ROOT, "dist", "djship.cjs"));
  assert.ok(isAscii(bundle), "dist/djship.cjs holds a byte past ASCII: scripts/bundle.mjs escapes them");
  assert.match(readFileSync(join(REPO_ROOT, "bin", "djship.js"), "utf8"), /isAscii\(bytes\) \? bytes\.toString\("latin1"\)/);
});
