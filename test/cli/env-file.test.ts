/**
 * `--env-file` belongs to djship. Node 20 also scans the arguments after the script for its own
 * `--env-file` and exits 9 ("node: typo.env: not found") before djship runs; the bin's shebang
 * passes `--` to node so that what follows the script is left to the script.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { CLI, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
const SETTINGS = 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"\nALLOWED_HOSTS = ["a.example"]\n';

test("a missing --env-file is djship's usage error, exit 2, however the bin is started", async () => {
  const root = materialize({ "manage.py": MANAGE, "mysite/settings.py": SETTINGS });
  roots.push(root);
  for (const options of [{ viaShebang: true }, { command: [process.execPath, "--", CLI] }]) {
    for (const flag of [["--env-file", "typo.env"], ["--env-file=typo.env"]]) {
      const result = await runCli(["audit", root, ...flag], options);
      assert.equal(result.code, 2, `${JSON.stringify(options)} ${flag.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, /^djship: .*typo\.env/m);
      assert.doesNotMatch(result.stderr, /^node:/m);
    }
  }
});

test("an --env-file that exists is read by djship: the exact environment it gives", async () => {
  const root = materialize({ "manage.py": MANAGE, "mysite/settings.py": SETTINGS, "prod.env": "DJANGO_DEBUG=0\n" });
  roots.push(root);
  const run = async (args: string[]) => {
    const result = await runCli(["settings", root, "--format", "json", ...args], { viaShebang: true });
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as { environment: string; values: { DEBUG: { value?: unknown; known: boolean } } };
  };
  const exact = await run(["--env-file", join(root, "prod.env")]);
  assert.equal(exact.environment, "exact");
  assert.equal(exact.values.DEBUG.value, false);
  const any = await run([]);
  assert.equal(any.environment, "any");
  assert.equal(any.values.DEBUG.known, false, "in any environment DJANGO_DEBUG is unknown");
});
