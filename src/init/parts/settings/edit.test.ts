import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { loadPythonParser } from "../../../python/parse.js";
import { replaceModuleString, splitSettingsModule } from "./edit.js";

let parser: TreeSitterParser;
before(async () => {
  parser = await loadPythonParser();
});

test("manage.py: the module string changes inside its own quotes; comments and the other quotes stay", () => {
  const text = [
    "#!/usr/bin/env python",
    "import os  # 'mysite.settings' in a comment is not code",
    "",
    "def main():",
    "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')  # dev by default",
    '    other = "mysite.settings_extra"',
    '    doc = """mysite.settings"""',
    "",
  ].join("\n");
  const out = replaceModuleString(parser, "manage.py", text, "mysite.settings", "mysite.settings.dev");
  assert.equal(
    out,
    text
      .replace("'mysite.settings')  # dev", "'mysite.settings.dev')  # dev")
      .replace('"""mysite.settings"""', '"""mysite.settings.dev"""'),
  );
  assert.equal(replaceModuleString(parser, "wsgi.py", "import os\n", "mysite.settings", "x"), "import os\n");
});

test("wsgi.py: a double-quoted setdefault keeps its double quotes", () => {
  const text = 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
  assert.equal(
    replaceModuleString(parser, "mysite/wsgi.py", text, "mysite.settings", "mysite.settings.prod"),
    'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.prod")\n',
  );
});

test("BASE_DIR gains one .parent, in each form startproject has written; nothing else changes", () => {
  const cases: [string, string][] = [
    ["BASE_DIR = Path(__file__).resolve().parent.parent", "BASE_DIR = Path(__file__).resolve().parent.parent.parent"],
    ["BASE_DIR = Path(__file__).parent.parent  # no resolve", "BASE_DIR = Path(__file__).parent.parent.parent  # no resolve"],
    [
      "BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))",
      "BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))",
    ],
  ];
  for (const [line, expected] of cases) {
    const text = `import os\nfrom pathlib import Path\n\n# Build paths like this: BASE_DIR / 'subdir'.\n${line}\nTIME_ZONE = 'UTC'  # ours\n`;
    assert.equal(splitSettingsModule(parser, "mysite/settings.py", text).base, text.replace(line, expected));
  }
});

test("a BASE_DIR or __file__ it cannot recognise is refused with the line, not guessed", () => {
  assert.throws(
    () => splitSettingsModule(parser, "mysite/settings.py", 'import os\nBASE_DIR = os.environ.get("APP_ROOT", "/srv/app")\n'),
    /mysite\/settings\.py:2: BASE_DIR = os\.environ\.get\("APP_ROOT", "\/srv\/app"\) is not a form djship init recognises; move settings\.py into a package by hand$/,
  );
  assert.throws(
    () =>
      splitSettingsModule(
        parser,
        "mysite/settings.py",
        "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nLOCALE_PATHS = [Path(__file__).parent / 'locale']\n",
      ),
    /mysite\/settings\.py:3: uses __file__ outside BASE_DIR; djship init cannot tell what it should become once the file moves/,
  );
});
