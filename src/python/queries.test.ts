import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { loadPythonParser, type PyNode, parsePython } from "./parse.js";
import { importsOf, literalString, settingsModuleDefault, walkNodes } from "./queries.js";

let parser: TreeSitterParser;
before(async () => {
  parser = await loadPythonParser();
});

function firstString(text: string): PyNode | undefined {
  let found: PyNode | undefined;
  walkNodes(parsePython(parser, "x.py", text).root, (node) => {
    if (found) return false;
    if (node.type === "string") {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

describe("literalString", () => {
  test("plain, escaped, raw and implicitly joined parts", () => {
    assert.equal(literalString(firstString("X = 'a\\tb'\n")), "a\tb");
    assert.equal(literalString(firstString('X = r"a\\tb"\n')), "a\\tb");
    assert.equal(literalString(firstString('X = """multi\nline"""\n')), "multi\nline");
    assert.equal(literalString(firstString("X = 'caf\\u00e9'\n")), "café");
  });
  test("an f-string with fields is not a literal", () => {
    assert.equal(literalString(firstString("X = f'{a}b'\n")), undefined);
    assert.equal(literalString(undefined), undefined);
  });
});

describe("settingsModuleDefault", () => {
  const cases: [string, string, { module: string; line: number } | undefined][] = [
    [
      "manage.py's setdefault",
      'import os\nimport sys\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      { module: "mysite.settings", line: 5 },
    ],
    [
      "an assignment to os.environ",
      "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.prod'\n",
      { module: "config.settings.prod", line: 2 },
    ],
    ["from os import environ", "from os import environ\nenviron.setdefault('DJANGO_SETTINGS_MODULE', 'a.b')\n", { module: "a.b", line: 2 }],
    ["another variable", "import os\nos.environ.setdefault('OTHER', 'x')\n", undefined],
    ["a computed module", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', NAME)\n", undefined],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.deepEqual(settingsModuleDefault(parsePython(parser, "manage.py", text)), expected));
  }
});

describe("importsOf", () => {
  const imports = (text: string) =>
    importsOf(parsePython(parser, "x.py", text)).map((i) => `${i.module}${i.star ? " *" : ""}:${i.node.line}`);
  test("every module of import and from-import, relative ones with their dots, in try, if and def bodies too", () => {
    const text = [
      "import os, a.b as c",
      "from .base import *",
      "from .. import sibling",
      "from pkg.mod import (x,",
      "    y)",
      "try:",
      "    import environ",
      "except ImportError:",
      "    from decouple import config",
      "if DEBUG:",
      "    from .dev import *",
      "def f():",
      "    import json",
      "",
    ].join("\n");
    assert.deepEqual(imports(text), ["os:1", "a.b:1", ".base *:2", "..:3", "pkg.mod:4", "environ:7", "decouple:9", ".dev *:11", "json:13"]);
  });
  test("comments, strings and docstrings are not imports; __future__ is not a module", () => {
    const text =
      '"""\nimport environ\nfrom .base import *\n"""\n# import decouple\nX = "from x import y"\nfrom __future__ import annotations\n';
    assert.deepEqual(imports(text), []);
  });
});
