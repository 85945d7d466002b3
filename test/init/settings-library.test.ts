/**
 * Which settings library init reads the project as using (django-environ, python-decouple, plain
 * os.environ): taken from the settings code's syntax tree, so an import in a try block counts and a
 * commented-out or quoted one does not.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { planInit } from "../../src/init/plan.js";
import { cleanup, copyFixture } from "./harness.js";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

/** init-startproject with `code` put after its settings module's imports. */
async function libraryWith(code: string): Promise<string | null> {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  const path = join(dir, "mysite/settings.py");
  writeFileSync(path, readFileSync(path, "utf8").replace("from pathlib import Path\n", `from pathlib import Path\n${code}`));
  return (await planInit(dir)).detected.settingsLibrary;
}

test("a plain startproject uses no settings library", async () => {
  assert.equal(await libraryWith(""), null);
});

test("a commented-out import, one quoted in a string and os.environ named in text are not taken", async () => {
  const code = [
    "# import environ",
    "#from decouple import config",
    '"""Set with django-environ:\n\nimport environ\nfrom decouple import config\nos.environ["X"]\n"""',
    'NOTE = "read os.getenv(...) in production"',
    "",
  ].join("\n");
  assert.equal(await libraryWith(code), null);
});

test("imports inside try blocks count, django-environ before python-decouple before os.environ", async () => {
  assert.equal(await libraryWith("try:\n    import environ\nexcept ImportError:\n    environ = None\n"), "environ");
  assert.equal(await libraryWith("import os\nfrom decouple import config\nX = os.environ.get('X')\n"), "decouple");
  assert.equal(await libraryWith("import os\nif True:\n    X = os.getenv('X', '')\n"), "os.environ");
});

test("os.environ.setdefault writes the environment and says nothing of how settings are read", async () => {
  assert.equal(await libraryWith("import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"), null);
});
