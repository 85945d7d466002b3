import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { loadPythonParser } from "../parse.js";
import { type Json, toJson } from "../value.js";
import { EnvState } from "./env-state.js";
import { Interpreter } from "./interpreter.js";
import { MemorySource } from "./memory-source.js";

let parser: TreeSitterParser;
before(async () => {
  parser = await loadPythonParser();
});

/** Runs `code` as module `m` and returns the named globals as JSON (unknown values as null). */
function run(code: string, names: string[], files: Record<string, string> = {}): Record<string, Json> {
  const interpreter = new Interpreter(new MemorySource({ "m.py": code, ...files }, parser), new EnvState({ kind: "unset" }), "5.2");
  const record = interpreter.importModule("m", { file: "", line: 0, column: 0 });
  assert.ok("namespace" in record);
  return Object.fromEntries(names.map((name) => [name, toJson(record.namespace.get(name)?.value ?? { kind: "unbound" }) ?? null]));
}

describe("classes", () => {
  test("attributes are looked up along the MRO", () => {
    const code = "class A:\n    X = 1\n    Y = 1\nclass B(A):\n    Y = 2\nclass C(B):\n    pass\nX = C.X\nY = C.Y\nZ = C().Y\n";
    assert.deepEqual(run(code, ["X", "Y", "Z"]), { X: 1, Y: 2, Z: 2 });
  });
  test("C3 order for a diamond", () => {
    const code =
      "class O:\n    V = 'O'\nclass A(O):\n    pass\nclass B(O):\n    V = 'B'\nclass C(A, B):\n    pass\nV = C.V\nNAMES = [k.__name__ for k in C.__mro__]\n";
    assert.deepEqual(run(code, ["V", "NAMES"]), { V: "B", NAMES: ["C", "A", "B", "O"] });
  });
  test("inherited classmethods bind the subclass, and super() reaches the parent", () => {
    const code = [
      "class Base:",
      "    HOSTS = ['a']",
      "    @classmethod",
      "    def hosts(cls):",
      "        return cls.HOSTS + ['base']",
      "class Prod(Base):",
      "    HOSTS = ['p']",
      "class Stage(Base):",
      "    @classmethod",
      "    def hosts(cls):",
      "        return super().hosts() + ['stage']",
      "P = Prod.hosts()",
      "S = Stage.hosts()",
      "",
    ].join("\n");
    assert.deepEqual(run(code, ["P", "S"]), { P: ["p", "base"], S: ["a", "base", "stage"] });
  });
  test("properties, staticmethods, __init__ and bound methods", () => {
    const code = [
      "class Conf:",
      "    def __init__(self, debug):",
      "        self.debug = debug",
      "    @property",
      "    def DEBUG(self):",
      "        return self.debug",
      "    @staticmethod",
      "    def double(x):",
      "        return x * 2",
      "    def name(self, suffix):",
      "        return 'conf' + suffix",
      "c = Conf(True)",
      "DEBUG = c.DEBUG",
      "TWO = Conf.double(1)",
      "NAME = c.name('!')",
      "IS = isinstance(c, Conf)",
      "",
    ].join("\n");
    assert.deepEqual(run(code, ["DEBUG", "TWO", "NAME", "IS"]), { DEBUG: true, TWO: 2, NAME: "conf!", IS: true });
  });
  test("a base from a package djship does not read leaves missing attributes unknown, not an error", () => {
    const code = "from somepackage import Base\nclass C(Base):\n    A = 1\nA = C.A\nB = C.B\n";
    assert.deepEqual(run(code, ["A", "B"]), { A: 1, B: null });
  });
});

describe("scope builtins", () => {
  test("globals().update(vars(Cls)) copies a class's own attributes", () => {
    const code = "class P:\n    DEBUG = False\n    HOSTS = ['x']\nglobals().update(vars(P))\n";
    assert.deepEqual(run(code, ["DEBUG", "HOSTS"]), { DEBUG: false, HOSTS: ["x"] });
  });
  test("dir() of a class lists inherited names; copying upper-case ones defines settings", () => {
    const code = [
      "class A:",
      "    DEBUG = True",
      "class B(A):",
      "    SECRET = 's'",
      "    lower = 1",
      "for name in dir(B):",
      "    if name.isupper():",
      "        globals()[name] = getattr(B, name)",
      "NAMES = [n for n in dir() if n.isupper()]",
      "",
    ].join("\n");
    assert.deepEqual(run(code, ["DEBUG", "SECRET", "NAMES"]), { DEBUG: true, SECRET: "s", NAMES: ["A", "B", "DEBUG", "SECRET"] });
  });
  test("globals() reached through another name is still the module namespace", () => {
    assert.deepEqual(run("g = globals\ng()['X'] = 1\nY = vars()['X']\n", ["X", "Y"]), { X: 1, Y: 1 });
  });
  test("a local settings file gets its own globals() inside a function", () => {
    const code = "def setup():\n    globals()['A'] = 1\n    locals()['B'] = 2\nsetup()\n";
    assert.deepEqual(run(code, ["A", "B"]), { A: 1, B: null });
  });
});
