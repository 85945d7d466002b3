/**
 * Re-runs after djship's templates moved forward merge three ways, like copier's update: what init
 * wrote last time (kept under .djship/base/), the file now, and what init writes now. A template
 * change stands in for a new djship release by rewriting the kept base and the file to an "older
 * template" that differs in one line.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { BASE_DIR, planInit } from "../../src/init/plan.js";
import { applyPlan } from "../../src/init/write.js";
import { cleanup, copyFixture, initAndCheck } from "./harness.js";

const FILE = "gunicorn.conf.py";
const NOW = "keepalive = 5\n";
const OLDER = "keepalive = 2\n";
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

/** A project init ran on with an older template: `file` is what the team's copy becomes. */
async function withOlderTemplate(edit: (older: string) => string): Promise<{ dir: string; current: string }> {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  await initAndCheck(dir);
  const current = readFileSync(join(dir, FILE), "utf8");
  assert.equal(readFileSync(join(dir, BASE_DIR, FILE), "utf8"), current, "init keeps what it wrote as the merge base");
  assert.ok(current.includes(NOW));
  const older = current.replace(NOW, OLDER);
  writeFileSync(join(dir, BASE_DIR, FILE), older);
  writeFileSync(join(dir, FILE), edit(older));
  return { dir, current };
}

const TEAM_EDIT = (text: string) => text.replace(/^threads = .*$/m, 'threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # ours');

test("an edited generated file survives a re-run", async () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  await initAndCheck(dir);
  const edited = TEAM_EDIT(readFileSync(join(dir, FILE), "utf8"));
  writeFileSync(join(dir, FILE), edited);
  const plan = await planInit(dir);
  assert.equal(plan.files.find((f) => f.path === FILE)?.action, "unchanged");
  applyPlan(plan);
  assert.equal(readFileSync(join(dir, FILE), "utf8"), edited);
});

test("a template change applies cleanly to an unedited file", async () => {
  const { dir, current } = await withOlderTemplate((older) => older);
  const plan = await planInit(dir);
  assert.equal(plan.files.find((f) => f.path === FILE)?.action, "modify");
  applyPlan(plan);
  assert.equal(readFileSync(join(dir, FILE), "utf8"), current);
  assert.equal((await planInit(dir)).files.find((f) => f.path === FILE)?.action, "unchanged");
});

test("a template change and the team's edit elsewhere in the file both land", async () => {
  const { dir, current } = await withOlderTemplate(TEAM_EDIT);
  const plan = await planInit(dir);
  const file = plan.files.find((f) => f.path === FILE);
  assert.equal(file?.action, "modify");
  assert.match(file?.reason ?? "", /merged/);
  applyPlan(plan);
  assert.equal(readFileSync(join(dir, FILE), "utf8"), TEAM_EDIT(current));
  // The merged file is now the team's version of the new template: the next run keeps it.
  assert.equal((await planInit(dir)).files.find((f) => f.path === FILE)?.action, "unchanged");
});

test("overlapping edits are a conflict: the file is left alone and the plan keeps every version", async () => {
  const ours = "keepalive = 75  # behind our load balancer\n";
  const { dir } = await withOlderTemplate((older) => older.replace(OLDER, ours));
  const before = readFileSync(join(dir, FILE), "utf8");
  const plan = await planInit(dir);
  const file = plan.files.find((f) => f.path === FILE);
  assert.equal(file?.action, "conflict");
  assert.match(file?.reason ?? "", /1 place/);
  for (const version of [ours, OLDER, NOW]) assert.ok(file?.content.includes(version), `${version} is in the marked merge`);
  assert.match(file?.content ?? "", /^<<<<<<< the file now$[\s\S]*^=======$[\s\S]*^>>>>>>> what djship init writes now$/m);
  const result = applyPlan(plan);
  assert.ok(result.conflicts.includes(FILE));
  assert.equal(readFileSync(join(dir, FILE), "utf8"), before, "a conflict is never written");
  assert.equal(readFileSync(join(dir, BASE_DIR, FILE), "utf8"), before.replace(ours, OLDER), "the base stays the last one written");
});
