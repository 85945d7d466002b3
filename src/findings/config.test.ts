import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../util/errors.js";
import { configFrom, globToRegExp, isSelected } from "./config.js";

test("select and ignore: the more specific selector wins, as in ruff", () => {
  assert.equal(isSelected("SEC004", ["ALL"], []), true);
  assert.equal(isSelected("SEC004", ["ALL"], ["SEC"]), false);
  assert.equal(isSelected("SEC004", ["SEC004"], ["SEC"]), true);
  assert.equal(isSelected("SEC004", ["SEC"], ["SEC004"]), false);
  assert.equal(isSelected("CFG018", ["SEC"], []), false);
  assert.equal(isSelected("SEC004", ["sec"], []), true);
  assert.equal(isSelected("SEC004", ["SEC004"], ["SEC004"]), false);
});

test("globs match like ruff's per-file-ignores", () => {
  assert.ok(globToRegExp("settings/dev.py").test("settings/dev.py"));
  assert.ok(!globToRegExp("settings/dev.py").test("mysite/settings/dev.py"));
  assert.ok(globToRegExp("**/dev.py").test("mysite/settings/dev.py"));
  assert.ok(globToRegExp("dev.py").test("mysite/settings/dev.py"));
  assert.ok(globToRegExp("mysite/*.py").test("mysite/settings.py"));
  assert.ok(!globToRegExp("mysite/*.py").test("mysite/settings/base.py"));
  assert.ok(globToRegExp("deploy/**").test("deploy/nginx/app.conf"));
});

test("configuration keys are checked", () => {
  assert.throws(() => configFrom({ selct: ["SEC"] }, "djship.toml"), InputError);
  assert.throws(() => configFrom({ "fail-on": "sometimes" }, "djship.toml"), InputError);
  assert.throws(() => configFrom({ select: "SEC" }, "djship.toml"), InputError);
  const config = configFrom(
    { select: ["SEC"], "extend-select": ["CFG018"], "fail-on": "error", "per-file-ignores": { "dev.py": ["SEC"] } },
    "djship.toml",
  );
  assert.deepEqual(config.select, ["SEC", "CFG018"]);
  assert.equal(config.failOn, "error");
  assert.deepEqual(config.perFileIgnores, { "dev.py": ["SEC"] });
});
