/**
 * init refuses, with one clear line, exit 2 (the exit of input djship cannot use) and nothing
 * written, a tree it cannot understand: no Django project, settings that do not load as djship
 * reads them, or a Python value its syntax-tree edits cannot recognise and will not guess.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

test("a Python value the syntax-tree edit cannot recognise (BASE_DIR, __file__): exit 2, file, line and why, nothing written", async () => {
  for (const [line, why] of [
    ['BASE_DIR = os.environ.get("APP_ROOT", "/srv/app")', /mysite\/settings\.py:\d+: BASE_DIR = .* is not a form djship init recognises/],
    ["LOCALE_PATHS = [os.path.join(os.path.dirname(__file__), 'locale')]", /mysite\/settings\.py:\d+: uses __file__ outside BASE_DIR/],
  ] as const) {
    const dir = copyFixture("init-startproject");
    dirs.push(dir);
    const path = join(dir, "mysite/settings.py");
    const text = readFileSync(path, "utf8");
    const edited = line.startsWith("BASE_DIR") ? text.replace(/^BASE_DIR = .*$/m, line) : `${text}${line}\n`;
    writeFileSync(path, `import os\n${edited}`);
    const before = snapshot(dir);
    const result = await runCli(["init", dir, "--yes"]);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, why);
    assert.equal(result.stdout, "");
    assert.deepEqual(snapshot(dir), before, "nothing written");
  }
});
