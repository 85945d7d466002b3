import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeGitIndex } from "../../../test/helpers/git-index.js";
import { parseGitIndex } from "./git-index.js";
import { dockerignoreCheck, GitignoreSet, parseDockerignore, parseGitignore } from "./parse.js";

describe("GitignoreSet", () => {
  const set = new GitignoreSet([
    parseGitignore(".gitignore", "# secrets\n.env\n.env.*\n!.env.example\nbuild/\n/local.py\n*.log\n"),
    parseGitignore("app/.gitignore", "!debug.log\n", "app"),
  ]);
  test("patterns match as git does, with the deciding line", () => {
    assert.deepEqual(set.check(".env"), { ignored: true, file: ".gitignore", line: 2, pattern: ".env" });
    assert.equal(set.check("deploy/.env").ignored, true);
    assert.equal(set.check(".env.production").line, 3);
    assert.equal(set.check(".env.example").ignored, false);
    assert.equal(set.check("local.py").ignored, true);
    assert.equal(set.check("app/local.py").ignored, false);
    assert.equal(set.check("prod.env").ignored, false);
  });
  test("an ignored folder hides everything in it", () => {
    assert.equal(set.check("build/.env.example").ignored, true);
    assert.equal(set.check("build/x/y.txt").line, 5);
  });
  test("a deeper .gitignore overrides a shallower one", () => {
    assert.equal(set.check("server.log").ignored, true);
    assert.equal(set.check("app/debug.log").ignored, false);
    assert.equal(set.check("app/other.log").ignored, true);
  });
  test("a file above the audited folder applies with its prefix", () => {
    const above = new GitignoreSet([parseGitignore("../../.gitignore", "examples/naive/.env\n", "", "examples/naive")]);
    assert.equal(above.check(".env").ignored, true);
    assert.equal(above.check("other/.env").ignored, false);
  });
});

describe("dockerignore", () => {
  const file = parseDockerignore(".dockerignore", ".git\n*.env\n**/.env\nsecrets\n!secrets/public.pem\n# comment\n/static/**/*.map\n");
  test("patterns are anchored at the context root", () => {
    assert.equal(dockerignoreCheck(file, "prod.env").ignored, true);
    assert.equal(dockerignoreCheck(file, "deploy/prod.env").ignored, false);
    assert.equal(dockerignoreCheck(file, "deploy/.env").ignored, true);
    assert.equal(dockerignoreCheck(file, ".git/config").ignored, true);
    assert.equal(dockerignoreCheck(file, "static/js/app.js.map").ignored, true);
  });
  test("an exception re-includes a file inside an excluded folder, as Docker allows", () => {
    assert.equal(dockerignoreCheck(file, "secrets/private.pem").ignored, true);
    assert.deepEqual(dockerignoreCheck(file, "secrets/public.pem"), {
      ignored: false,
      file: ".dockerignore",
      line: 5,
      pattern: "!secrets/public.pem",
    });
  });
});

describe("parseGitIndex", () => {
  const paths = [".env", "mysite/settings.py", "mysite/settings/base.py", "a/very/long/" + "x".repeat(300) + ".py"];
  for (const version of [2, 4] as const) {
    test(`reads format ${version}`, () => {
      const parsed = parseGitIndex(encodeGitIndex(paths, version));
      assert.ok(parsed.ok);
      assert.equal(parsed.version, version);
      assert.deepEqual(parsed.paths, [...paths].sort());
    });
  }
  test("rejects what is not an index", () => {
    assert.deepEqual(parseGitIndex(Buffer.from("hello world, not an index")), { ok: false, message: "not a git index" });
    const truncated = encodeGitIndex(paths).subarray(0, 40);
    assert.equal(parseGitIndex(truncated).ok, false);
  });
});
