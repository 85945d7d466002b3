/**
 * init refuses, with one clear line, exit 2 and nothing written, a tree it cannot understand: no
 * Django project, or settings that do not load as djship reads them.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cleanup, copyFixture, snapshot } from "../init/harness.js";
import { runCli } from "./run.js";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

test("a folder with no Django project: exit 2, one line naming why, nothing written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "djship-init-empty-"));
  dirs.push(dir);
  writeFileSync(join(dir, "README.md"), "not a Django project\n");
  const before = snapshot(dir);
  const result = await runCli(["init", dir, "--yes"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^djship: .*no Django project found \(no manage\.py, wsgi\.py or asgi\.py\)\n$/);
  assert.deepEqual(snapshot(dir), before);
});

test("settings that do not load: exit 2, the module and the reason, nothing written", async () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  writeFileSync(join(dir, "mysite/settings.py"), 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = (\n');
  const before = snapshot(dir);
  const result = await runCli(["init", dir, "--yes"]);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr, /mysite\.settings/);
  assert.deepEqual(snapshot(dir), before);
});
