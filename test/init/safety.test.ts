/**
 * init never loses a user's file: a dry run writes nothing, a conflict is never overwritten, an
 * edited generated file survives a re-run, a failed write leaves the tree as it was, moved files
 * keep their content, and in git a file with uncommitted changes is refused.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { planInit } from "../../src/init/plan.js";
import { fileDiff } from "../../src/init/report.js";
import { applyPlan } from "../../src/init/write.js";
import { cleanup, copyFixture, snapshot } from "./harness.js";

const FIXTURE = "init-startproject";
const dirs: string[] = [];
const fresh = () => {
  const dir = copyFixture(FIXTURE);
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) cleanup(dir);
});

test("a dry run writes nothing and shows a diff of every change, secrets redacted", async () => {
  const dir = fresh();
  const before = snapshot(dir);
  const plan = await planInit(dir);
  assert.deepEqual(snapshot(dir), before);
  const changed = plan.files.filter((f) => f.action !== "unchanged");
  assert.ok(changed.length >= 8);
  const diffs = changed.map(fileDiff).join("\n");
  assert.match(diffs, /^\+\+\+ b\/mysite\/settings\/prod\.py$/m);
  assert.match(diffs, /^--- a\/mysite\/settings\.py\n\+\+\+ b\/mysite\/settings\/base\.py$/m);
  const key = /SECRET_KEY = '([^']+)'/.exec(readFileSync(join(dir, "mysite/settings.py"), "utf8"))?.[1] ?? "";
  assert.ok(key.length > 20);
  assert.ok(!diffs.includes(key), "the project's literal SECRET_KEY must not be printed");
});

test("moved files keep their content: every line of settings.py is in base.py or dev.py", async () => {
  const dir = fresh();
  const original = readFileSync(join(dir, "mysite/settings.py"), "utf8");
  applyPlan(await planInit(dir));
  const base = readFileSync(join(dir, "mysite/settings/base.py"), "utf8");
  const dev = readFileSync(join(dir, "mysite/settings/dev.py"), "utf8");
  for (const line of original.split("\n")) {
    if (line.trim() === "" || line.startsWith("BASE_DIR")) continue;
    assert.ok(base.includes(line) || dev.includes(line), `lost: ${line}`);
  }
  assert.match(base, /^BASE_DIR = Path\(__file__\)\.resolve\(\)\.parent\.parent\.parent$/m);
  // Outside git the old versions are kept.
  assert.equal(readFileSync(join(dir, ".djship-backup/mysite/settings.py"), "utf8"), original);
});

test("a conflict is never overwritten, and --force replaces it", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "gunicorn.conf.py"), "workers = 2  # ours\n");
  const plan = await planInit(dir);
  const conflict = plan.files.find((f) => f.path === "gunicorn.conf.py");
  assert.equal(conflict?.action, "conflict");
  applyPlan(plan);
  assert.equal(readFileSync(join(dir, "gunicorn.conf.py"), "utf8"), "workers = 2  # ours\n");
  const forced = await planInit(dir, { force: true });
  assert.equal(forced.files.find((f) => f.path === "gunicorn.conf.py")?.action, "modify");
  applyPlan(forced);
  assert.match(readFileSync(join(dir, "gunicorn.conf.py"), "utf8"), /written by `djship init`/);
});

test("an edited generated file survives a re-run", async () => {
  const dir = fresh();
  applyPlan(await planInit(dir));
  const path = join(dir, "mysite/healthz.py");
  const edited = `${readFileSync(path, "utf8")}# our change\n`;
  writeFileSync(path, edited);
  const again = await planInit(dir);
  // Merged three ways against what init wrote: the team's edit stays, nothing to change.
  assert.equal(again.files.find((f) => f.path === "mysite/healthz.py")?.action, "unchanged");
  applyPlan(again);
  assert.equal(readFileSync(path, "utf8"), edited);
});

test("a generated file nobody edited is updated when init's output moves on", async () => {
  const dir = fresh();
  applyPlan(await planInit(dir));
  const recordPath = join(dir, ".djship/init.json");
  const record = JSON.parse(readFileSync(recordPath, "utf8"));
  // As if an older djship had written a different healthz.py: the file matches the record.
  const older = "# an older healthz\n";
  writeFileSync(join(dir, "mysite/healthz.py"), older);
  writeFileSync(join(dir, ".djship/base/mysite/healthz.py"), older);
  const { createHash } = await import("node:crypto");
  record.files["mysite/healthz.py"] = createHash("sha256").update(older).digest("hex");
  writeFileSync(recordPath, JSON.stringify(record));
  const again = await planInit(dir);
  assert.equal(again.files.find((f) => f.path === "mysite/healthz.py")?.action, "modify");
});

test("a failed write leaves no partial tree", async () => {
  const dir = fresh();
  // A folder where init wants a file: the rename fails after other files were already put in place.
  mkdirSync(join(dir, "mysite/settings/prod.py/inner"), { recursive: true });
  writeFileSync(join(dir, "mysite/settings/prod.py/inner/keep.txt"), "x");
  const before = snapshot(dir);
  const plan = await planInit(dir);
  assert.throws(() => applyPlan(plan), /nothing was changed/);
  assert.deepEqual(snapshot(dir), before);
});

test("in git, a file with uncommitted changes is refused and nothing is written", async () => {
  const dir = fresh();
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "start");
  writeFileSync(join(dir, "manage.py"), `${readFileSync(join(dir, "manage.py"), "utf8")}# wip\n`);
  const before = snapshot(dir);
  const plan = await planInit(dir);
  assert.throws(() => applyPlan(plan), /uncommitted changes in manage\.py/);
  assert.deepEqual(snapshot(dir), before);
  git("checkout", "--", "manage.py");
  applyPlan(await planInit(dir));
  assert.equal(snapshot(dir).has(".djship-backup/manage.py"), false, "git is the backup: no copies");
});
