/**
 * The pre-commit hook installed as a user's pre-commit installs it: from a clone of this
 * repository, into an empty pre-commit cache, with Debian's pre-commit and the system node, npm
 * working from its cache. It must build djship itself, run only when settings or deployment
 * files change, and report findings (not a stack trace).
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { EXAMPLES, REPO_ROOT } from "../helpers/paths.js";
import { cleanEnv, run } from "./npm.js";

const root = mkdtempSync(join(tmpdir(), "djship-pre-commit-"));
after(() => rmSync(root, { recursive: true, force: true }));

const preCommit = await run("pre-commit", ["--version"], root);
const skip = preCommit.code === 0 ? false : "pre-commit is not installed (scripts/provision.sh installs it: apt-get install pre-commit)";

const GIT_ENV = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
const project = join(root, "project");
// A fresh pre-commit cache, and npm preferring its cache: the hook's install must not need the network.
const env = cleanEnv({
  ...GIT_ENV,
  PRE_COMMIT_HOME: join(root, "cache"),
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
});

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await run("git", args, cwd, env);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

describe("the pre-commit hook", { skip }, () => {
  before(async () => {
    const clone = join(root, "djship");
    await git(root, ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone]);
    const rev = await git(clone, ["rev-parse", "HEAD"]);
    cpSync(join(EXAMPLES, "naive"), project, { recursive: true });
    writeFileSync(
      join(project, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: djship-audit\n`,
    );
    await git(project, ["init", "--quiet"]);
    await git(project, ["add", "."]);
  });

  test("installs from a clean cache, builds djship and reports the findings when settings change", async () => {
    const result = await run("pre-commit", ["run", "djship-audit", "--files", "mysite/settings.py"], project, env, 600_000);
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, `the naive project fails the hook:\n${output.slice(-3000)}`);
    assert.match(output, /djship audit\.+Failed/);
    assert.match(output, /CFG018 mysite\/settings\.py:\d+/);
    assert.match(output, /DEBUG is True in production/);
    assert.doesNotMatch(output, /this is a bug|\n\s+at .+:\d+:\d+\)/, "no stack trace");
  });

  test("skips commits that touch no settings or deployment file", async () => {
    const result = await run(
      "pre-commit",
      ["run", "djship-audit", "--files", "shop/views.py", "templates/base.html"],
      project,
      env,
      300_000,
    );
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 0, output);
    assert.match(output, /djship audit\.+\(no files to check\)Skipped/);
  });
});
