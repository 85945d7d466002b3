/**
 * init audits its own plan before writing: djship's audit runs over the project as the plan would
 * leave it, in memory. Errors the project already had are reported as the team's; an error init's
 * output would bring makes it refuse to write (nothing written) unless --force.
 */
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { audit } from "../../src/audit.js";
import { Workspace } from "../../src/discover/workspace.js";
import { auditPlan } from "../../src/init/audit-plan.js";
import { planInit } from "../../src/init/plan.js";
import { initDocument, renderInitText } from "../../src/init/report.js";
import type { InitPlan } from "../../src/init/types.js";
import { applyPlan } from "../../src/init/write.js";
import { EXAMPLES } from "../helpers/paths.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { cleanup, copyFixture, snapshot } from "./harness.js";

const dirs: string[] = [];
const fresh = (name: string) => {
  const dir = copyFixture(name);
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) cleanup(dir);
});
const plain = (_: string, text: string) => text;

test("the result of init on a split project carries no audit error, and the plan says so", async () => {
  const plan = await planInit(fresh("init-split"), { targets: ["compose", "systemd"] });
  assert.deepEqual(plan.audit, { errors: [], blocking: false });
  assertMatchesSchema("init", initDocument(plan));
  assert.doesNotMatch(renderInitText(plan, plain, { dryRun: true }), /Audit of the result/);
});

test("an error the project already has (its Django pin out of support) is reported as the team's, and does not block", async () => {
  const dir = fresh("init-startproject");
  const plan = await planInit(dir);
  assert.deepEqual(
    plan.audit.errors.map((e) => [e.rule, e.file, e.introduced]),
    [["SEC101", "requirements.txt", false]],
  );
  assert.equal(plan.audit.blocking, false);
  const document = initDocument(plan);
  assertMatchesSchema("init", document);
  assert.equal(document.audit.errors[0]?.rule, "SEC101");
  assert.match(renderInitText(plan, plain, { dryRun: true }), /^ {2}error SEC101 requirements\.txt:1 .*\(already in the project\)$/m);
  applyPlan(plan);
});

/** The plan with its production settings edited in memory, and audited again. */
async function withProductionLine(dir: string, plan: InitPlan, line: string, force: boolean): Promise<InitPlan> {
  const prodPath = `${plan.settings.production.replaceAll(".", "/")}.py`;
  const files = plan.files.map((f) => (f.path === prodPath ? { ...f, content: `${f.content}\n${line}\n` } : f));
  assert.ok(
    files.some((f) => f.path === prodPath && f.content.endsWith(`${line}\n`)),
    `${prodPath} is in the plan`,
  );
  return { ...plan, files, audit: await auditPlan(Workspace.open(dir), plan.detected.projectRoot, files, force) };
}

test("a plan whose production settings would turn DEBUG on is refused: the error named, nothing written", async () => {
  const dir = fresh("init-startproject");
  const broken = await withProductionLine(dir, await planInit(dir), "DEBUG = True", false);
  const introduced = broken.audit.errors.filter((e) => e.introduced);
  assert.deepEqual(
    introduced.map((e) => [e.rule, e.file]),
    [["CFG018", "mysite/settings/prod.py"]],
  );
  assert.equal(broken.audit.blocking, true);
  assertMatchesSchema("init", initDocument(broken));
  assert.match(
    renderInitText(broken, plain, { dryRun: true }),
    /^ {2}error CFG018 mysite\/settings\/prod\.py:\d+ DEBUG is True .*\(init's output\)$/m,
  );
  const before = snapshot(dir);
  assert.throws(
    () => applyPlan(broken),
    /would fail djship's audit with 1 error init's output brings \(CFG018 mysite\/settings\/prod\.py:\d+ DEBUG/,
  );
  assert.deepEqual(snapshot(dir), before, "nothing written");
});

test("with --force the same plan is reported and written", async () => {
  const dir = fresh("init-startproject");
  const forced = await withProductionLine(dir, await planInit(dir, { force: true }), "DEBUG = True", true);
  assert.equal(forced.audit.blocking, false);
  assert.ok(forced.audit.errors.some((e) => e.rule === "CFG018" && e.introduced));
  const result = applyPlan(forced);
  assert.ok(result.written.includes("mysite/settings/prod.py"));
});

test("the self-audit holds init to its own rules: the image it writes beside a team's Dockerfile leaves production.env out", async () => {
  // examples/hardened keeps its production environment in production.env; an ignore file that
  // knew only .env and .env.* let COPY . . bake it into the image (CI108, found by this audit).
  const dir = copyFixtureFrom(join(EXAMPLES, "hardened"));
  const plan = await planInit(dir);
  assert.ok(plan.files.some((f) => f.path === "Dockerfile.production.dockerignore" && f.action === "create"));
  assert.deepEqual(
    plan.audit.errors.filter((e) => e.rule === "CI108"),
    [],
  );
});

test("init on the examples brings no audit error: naive's and hardened's own mistakes are the team's", async () => {
  for (const example of ["naive", "hardened"]) {
    const plan = await planInit(copyFixtureFrom(join(EXAMPLES, example)));
    assert.deepEqual(
      plan.audit.errors.filter((e) => e.introduced).map((e) => `${e.rule} ${e.file}:${e.line} ${e.message}`),
      [],
      example,
    );
    assert.equal(plan.audit.blocking, false, example);
  }
});

function copyFixtureFrom(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "djship-plan-audit-"));
  cpSync(source, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

// STC106 (media lost with the container), STC105, SRV110 (upload limit below Django's), SEC209 (the
// default server) and the other static, server and database rules read init's compose file, nginx
// site and units: with an upload field in the project, none of them may warn on what init wrote,
// for either target.
for (const targets of [["compose"], ["systemd"]] as const)
  test(`djship audit of init's ${targets[0]} output on a project with an upload field warns about none of init's files`, async () => {
    const dir = fresh("init-startproject");
    appendFileSync(
      join(dir, "mysite/models.py"),
      "from django.db import models\n\n\nclass Doc(models.Model):\n    file = models.FileField()\n",
    );
    const plan = await planInit(dir, { targets: [...targets] });
    applyPlan(plan);
    const written = new Set(plan.files.map((f) => f.path));
    // SEC209 too on compose, whose nginx has no other site: on systemd, Debian's default site holds
    // port 80's default_server, which the site's comment says to remove.
    const select = ["STC", "SRV", "DB", "SCL", "TSK", "CCH", ...(targets[0] === "compose" ? ["SEC209"] : [])];
    const result = await audit(dir, { config: { select } });
    const loud = result.findings.filter((f) => !f.suppressed && f.severity !== "info" && written.has(f.file ?? ""));
    assert.deepEqual(
      loud.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
      [],
    );
  });
