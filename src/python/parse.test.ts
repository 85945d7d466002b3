/**
 * The parser adapter against CPython 3.11: source bytes decode as CPython's tokenizer decodes them
 * (BOM, PEP 263 cookie, UTF-8, undecodable bytes refused), and a file has syntax problems exactly
 * when `compile()` rejects it, for the mistakes settings files actually contain.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { standardPython } from "../../test/helpers/python.js";
import { decodePythonSource, loadPythonParser, parsePython } from "./parse.js";

const SOURCES: Record<string, Buffer> = {
  "plain UTF-8": Buffer.from("NAME = 'café'\n", "utf8"),
  "a UTF-8 BOM": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("NAME = 'ß'\n", "utf8")]),
  "a latin-1 cookie": Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\nNAME = '"), Buffer.from([0xe9]), Buffer.from("'\n")]),
  "a cookie on the second line": Buffer.concat([
    Buffer.from("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\nNAME = '"),
    Buffer.from([0xa4]),
    Buffer.from("'\n"),
  ]),
  "a cookie after code counts for nothing": Buffer.concat([
    Buffer.from("X = 1\n# coding: latin-1\nNAME = '"),
    Buffer.from([0xe9]),
    Buffer.from("'\n"),
  ]),
  "undecodable UTF-8": Buffer.concat([Buffer.from("NAME = '"), Buffer.from([0xff, 0xfe]), Buffer.from("'\n")]),
  "a cp1252 cookie": Buffer.concat([Buffer.from("# coding=cp1252\nNAME = '"), Buffer.from([0x80]), Buffer.from("'\n")]),
};

/** Where djship does not agree with CPython yet: run as todos, so they show without failing the suite. */
const TODO: Record<string, string> = {};

/** Programs that Python 3.11 rejects as Python 2, each of which djship must mark as Python 2 (not as broken). */
const PYTHON2: Record<string, string> = {
  "Python 2 print": "print 'hello'\n",
  "Python 2 exec": "exec 'X = 1'\n",
  "Python 2 except": "try:\n    pass\nexcept Exception, e:\n    pass\n",
  "Python 2 raise": "raise ValueError, 'bad'\n",
  "Python 2 backquotes": "X = `1`\n",
  "Python 2 octal": "MODE = 0777\n",
  "Python 2 long": "SIZE = 10L\nHEX = 0xFFl\n",
  "Python 2 ur prefix": "X = ur'a'\nY = UR'b'\n",
  "Python 2 not-equal": "X = 1 <> 2\n",
};

const PROGRAMS: Record<string, string> = {
  "a settings module":
    "import os\nDEBUG = os.environ.get('DEBUG') == '1'\nALLOWED_HOSTS = [h for h in os.environ.get('H', '').split(',') if h]\n",
  "match, walrus and f-strings":
    "if (n := 3) > 2:\n    match n:\n        case 3:\n            X = f'{n!r:>4}'\n        case _:\n            X = None\n",
  ...PYTHON2,
  "Python 3 look-alikes":
    "print('x')\nprint\nexec('X = 1')\ntry:\n    pass\nexcept (ValueError, TypeError) as e:\n    pass\nraise ValueError('bad') from None\n",
  "literals Python 3 keeps": "A = 00\nB = 0_0\nC = 0777j\nD = 0o777\nE = 0777.5\nF = 0e1\nG = u'a'\nH = rb'a'\nI = Rb'a'\nJ = 1 != 2\n",
  "an unclosed bracket": "INSTALLED_APPS = [\n    'a',\n",
  "a missing colon": "if DEBUG\n    X = 1\n",
  "a stray indent": "X = 1\n    Y = 2\n",
  "a stray indent in a block": "if True:\n    X = 1\n      Y = 2\n",
  "a dedent to the margin after a deeper block": "if True:\n        X = 1\n    Y = 2\n",
  "indentation Python accepts":
    "class A:\n    X = 1\n\n  # a comment anywhere\n    Y = [\n  1,\n        2]\n    if X: Z = 1; W = 2\n    def f(self):\n        return 1\n",
  "a form feed before a statement": "X = 1\n\x0cY = 2\nif X:\n    \x0c    Z = 1\n    W = 2\n",
};

const ORACLE = `
import base64, io, json, sys, tokenize
data = json.load(sys.stdin)
out = {"decoded": {}, "compiles": {}}
for name, b64 in data["sources"].items():
    raw = base64.b64decode(b64)
    try:
        compile(raw, name, "exec")
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        out["decoded"][name] = {"ok": True, "text": raw.decode(encoding)}
    except SyntaxError:
        out["decoded"][name] = {"ok": False}
for name, text in data["programs"].items():
    try:
        compile(text, name, "exec")
        out["compiles"][name] = True
    except SyntaxError:
        out["compiles"][name] = False
print(json.dumps(out))
`;

const python = standardPython<{ decoded: Record<string, { ok: boolean; text?: string }>; compiles: Record<string, boolean> }>(ORACLE, {
  sources: Object.fromEntries(Object.entries(SOURCES).map(([name, bytes]) => [name, bytes.toString("base64")])),
  programs: PROGRAMS,
});

let parser: TreeSitterParser;
before(async () => {
  parser = await loadPythonParser();
});

describe("decodePythonSource decodes as CPython does", () => {
  for (const [name, bytes] of Object.entries(SOURCES)) {
    test(name, { todo: TODO[name] }, () => {
      const expected = python.decoded[name];
      const got = decodePythonSource(bytes);
      assert.equal(got.ok, expected?.ok, `CPython ${expected?.ok ? "decodes" : "refuses"} it`);
      if (got.ok && expected?.text !== undefined) assert.equal(got.text, expected.text);
      if (!got.ok) assert.ok(got.message.length > 0, "a refusal says why");
    });
  }
});

describe("parsePython reports syntax problems where compile() does", () => {
  for (const [name, text] of Object.entries(PROGRAMS)) {
    test(name, { todo: TODO[name] }, () => {
      const file = parsePython(parser, "settings.py", text);
      const compiles = python.compiles[name];
      assert.equal(
        file.syntaxErrors.length === 0,
        compiles,
        `CPython ${compiles ? "compiles" : "rejects"} it: ${JSON.stringify(file.syntaxErrors)}`,
      );
      for (const problem of file.syntaxErrors)
        assert.ok(problem.line >= 1 && problem.line <= text.split("\n").length, "the line is in the file");
      if (name in PYTHON2)
        assert.ok(
          file.syntaxErrors.some((problem) => problem.python2),
          "marked as Python 2",
        );
      else assert.ok(!file.syntaxErrors.some((problem) => problem.python2), "not marked as Python 2");
    });
  }
  test("print >>f, x compiles in Python 3 (a shift and a tuple) but fails when run: marked Python 2", () => {
    const file = parsePython(parser, "settings.py", "import sys\nprint >>sys.stderr, 'x'\n");
    assert.deepEqual(file.syntaxErrors, [{ line: 2, column: 1, message: "Python 2 syntax: a print statement", python2: true }]);
  });
  test("nodes carry 1-based lines and the text they cover", () => {
    const file = parsePython(parser, "settings.py", "X = 1\n\nDEBUG = True\n");
    const assignments: { line: number; text: string }[] = [];
    const visit = (node: typeof file.root) => {
      if (node.type === "assignment") assignments.push({ line: node.line, text: file.text.slice(node.start, node.end) });
      node.children.forEach(visit);
    };
    visit(file.root);
    assert.deepEqual(assignments, [
      { line: 1, text: "X = 1" },
      { line: 3, text: "DEBUG = True" },
    ]);
  });
  test("never throws on bad input, and reports the plainly broken", () => {
    for (const text of ["\0\0\0", "\\", "\uFFFF\uD800"]) assert.doesNotThrow(() => parsePython(parser, "bad.py", text));
    for (const text of ["def (", "'''", "x = [" + "(".repeat(500)]) {
      assert.ok(parsePython(parser, "bad.py", text).syntaxErrors.length > 0, JSON.stringify(text.slice(0, 20)));
    }
  });
});
