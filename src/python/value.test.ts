/**
 * Python values as djship models them, against CPython 3.11: repr of strings and floats (what
 * messages and f-strings show), truthiness and equality across types, and the JSON contract.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { standardPython } from "../../test/helpers/python.js";
import {
  dict,
  FALSE,
  float,
  int,
  list,
  NONE,
  path,
  pyEquals,
  pyRepr,
  pyStr,
  reprFloat,
  reprString,
  str,
  TRUE,
  toJson,
  truthy,
  tuple,
  unknown,
} from "./value.js";

const STRINGS = [
  "plain",
  "it's",
  'say "hi"',
  "both ' and \"",
  "tab\tnew\nline\\",
  "café ß",
  "\u0000\u001f\u007f",
  "emoji 🎉",
  "\u2028",
  "nbsp\u00a0",
  "\u0085",
  "\ud800",
  "\u{10ffff}",
  "",
];
const FLOATS = [0.1, 1.5, 100, 1e16, 1.5e16, 1e-5, 1e-7, 0.0001, 1 / 3, 123456789.123, 1e22, -2.5, 5e-324, 1.7976931348623157e308];

const python = standardPython<{ strings: string[]; floats: string[] }>(
  "import json, sys\nd = json.load(sys.stdin)\nprint(json.dumps({'strings': [repr(s) for s in d['strings']], 'floats': [repr(float(f)) for f in d['floats']]}))",
  { strings: STRINGS, floats: FLOATS },
);

describe("repr, as CPython prints it", () => {
  test("strings: quotes chosen as Python chooses them, escapes for what is not printable", () => {
    for (const [index, text] of STRINGS.entries()) assert.equal(reprString(text), python.strings[index], JSON.stringify(text));
  });
  test("floats: the shortest repr, exponent where Python switches to one", () => {
    for (const [index, value] of FLOATS.entries()) assert.equal(reprFloat(value), python.floats[index], String(value));
    // JSON has no negative zero, so this one is written out: repr(-0.0) is '-0.0'.
    assert.equal(reprFloat(-0), "-0.0");
  });
  test("containers and None", () => {
    assert.equal(pyRepr(list([int(1), str("a"), NONE])), "[1, 'a', None]");
    assert.equal(pyRepr(tuple([int(1)])), "(1,)");
    assert.equal(pyRepr(tuple([])), "()");
    assert.equal(pyRepr(dict([[str("k"), TRUE]])), "{'k': True}");
    assert.equal(pyStr(str("a'b")), "a'b");
    assert.equal(pyStr(float(2)), "2.0");
  });
});

describe("truthiness and equality", () => {
  test("empty containers, zero and None are false; unknown stays unknown", () => {
    for (const value of [NONE, FALSE, int(0), float(0), str(""), list([]), tuple([]), dict()])
      assert.equal(truthy(value), false, pyRepr(value));
    for (const value of [TRUE, int(-1), str("0"), str("False"), list([NONE]), path("/")]) assert.equal(truthy(value), true, pyRepr(value));
    assert.equal(truthy(unknown("a variable")), undefined);
  });
  test("1 == 1.0 == True, '1' != 1, (1,) != [1]", () => {
    assert.equal(pyEquals(int(1), float(1)), true);
    assert.equal(pyEquals(TRUE, int(1)), true);
    assert.equal(pyEquals(str("1"), int(1)), false);
    assert.equal(pyEquals(tuple([int(1)]), list([int(1)])), false);
    assert.equal(pyEquals(list([int(1), str("a")]), list([int(1), str("a")])), true);
    assert.equal(pyEquals(unknown("x"), int(1)), undefined);
  });
});

describe("toJson, the settings contract", () => {
  test("tuples and lists are arrays, paths strings, dicts keyed by str", () => {
    assert.deepEqual(toJson(tuple([int(1), list([str("a")]), path("/srv")])), [1, ["a"], "/srv"]);
    assert.deepEqual(toJson(dict([[str("NAME"), NONE]])), { NAME: null });
  });
  test("anything unknown inside makes the whole unknown, and so does a non-finite float", () => {
    assert.equal(toJson(list([int(1), unknown("env")])), undefined);
    assert.equal(toJson(float(Number.POSITIVE_INFINITY)), undefined);
  });
});
