/**
 * The CI/CD part of init, for every init fixture: the GitHub workflow matches SchemaStore's GitHub
 * Actions workflow schema and the GitLab pipeline SchemaStore's gitlab-ci schema (both vendored in
 * test/schemas/); djship's own CI rules find nothing to say about what init wrote; the commands
 * the pipeline runs with the production settings pass here with real Django and the pipeline's
 * own environment; a pipeline of the team's is never replaced.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import { audit } from "../../src/audit.js";
import { planInit, readRecord } from "../../src/init/plan.js";
import type { CiProvider, InitPlan } from "../../src/init/types.js";
import { applyPlan } from "../../src/init/write.js";
import { assertProvisioned } from "../differential/django.js";
import { FIXTURES, REPO_ROOT } from "../helpers/paths.js";
import { CHECK_DEPLOY_ARGS, cleanup, copyFixture, initAndCheck, manage } from "./harness.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv") as typeof import("ajv").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const validators = new Map<string, ValidateFunction>();
/** A validator for a schema vendored in test/schemas/ (both are JSON Schema draft-07). */
function vendoredSchema(file: string): ValidateFunction {
  const cached = validators.get(file);
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, "test", "schemas", file), "utf8")) as object);
  validators.set(file, validate);
  return validate;
}

function assertSchema(file: string, document: unknown, what: string): void {
  const validate = vendoredSchema(file);
  assert.ok(validate(document), `${what} does not match test/schemas/${file}:\n${JSON.stringify(validate.errors, null, 2).slice(0, 3000)}`);
}

/** Every fixture init is tested on, whoever added it. */
const FIXTURE_NAMES = readdirSync(join(FIXTURES, "projects"))
  .filter((name) => name.startsWith("init-"))
  .sort();

const PIPELINE: Record<CiProvider, string> = { github: ".github/workflows/ci.yml", gitlab: ".gitlab-ci.yml", jenkins: "Jenkinsfile" };

interface Workflow {
  jobs: Record<
    string,
    {
      env?: Record<string, string>;
      needs?: string | string[];
      environment?: string;
      services?: Record<string, unknown>;
      steps: { name?: string; run?: string; uses?: string; env?: Record<string, string> }[];
    }
  >;
}

/** The Django series of the provisioned ones closest to the project's pin. */
function seriesFor(plan: InitPlan): string {
  return plan.detected.djangoVersion.startsWith("4.") || plan.detected.djangoVersion.startsWith("3.") ? "4.2" : "5.2";
}

/** The runner prefix (poetry run, uv run...) and the manage.py arguments of a pipeline command line. */
function manageArgs(line: string): { prefix: string; args: string[] } {
  const match = /^(.*?)python manage\.py (.+)$/.exec(line.trim());
  assert.ok(match, `not a manage.py command: ${line}`);
  return { prefix: match[1] as string, args: (match[2] as string).split(/\s+/) };
}

const RUN_PREFIX: Record<string, string> = { poetry: "poetry run ", uv: "uv run --frozen ", pipenv: "pipenv run ", pdm: "pdm run " };

assertProvisioned();
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

for (const fixture of FIXTURE_NAMES) {
  describe(`${fixture}: CI pipeline`, () => {
    const dir = copyFixture(fixture);
    dirs.push(dir);
    let ready: Promise<InitPlan> | undefined;
    const initialised = () => {
      ready ??= initAndCheck(dir);
      return ready;
    };
    const workflow = async () => {
      await initialised();
      return parseYaml(readFileSync(join(dir, PIPELINE.github), "utf8")) as Workflow;
    };

    test("the GitHub workflow matches the GitHub Actions workflow schema and is recorded", async () => {
      const plan = await initialised();
      const file = plan.files.find((f) => f.part === "ci");
      assert.equal(file?.path, PIPELINE.github);
      assert.equal(file?.action, "create");
      assertSchema("github-workflow.json", await workflow(), PIPELINE.github);
      assert.ok(readRecord(dir)?.files[PIPELINE.github], "the workflow's hash is in .djship/init.json");
      assert.equal(plan.choices.find((c) => c.id === "ci")?.value, "github");
    });

    test("djship's CI rules find nothing in the workflow init wrote", async () => {
      await initialised();
      const result = await audit(dir, { config: { select: ["CI"] } });
      const ci = result.findings.filter((f) => !f.suppressed && (f.file === PIPELINE.github || /^CI10[0-4]$/.test(f.rule)));
      assert.deepEqual(
        ci.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
        [],
      );
    });

    test("tests against PostgreSQL (and Redis when production uses it), deploys gated, production behind an environment", async () => {
      const plan = await initialised();
      const { jobs } = await workflow();
      const testJob = jobs.test;
      assert.ok(testJob);
      assert.ok(testJob.services?.postgres);
      const usesRedis = plan.environment.some((v) => /^rediss?:\/\//.test(v.example));
      assert.equal("redis" in (testJob.services ?? {}), usesRedis);
      assert.deepEqual(jobs["build-image"]?.needs, ["test", "audit"]);
      assert.equal(jobs["deploy-staging"]?.needs, "build-image");
      assert.equal(jobs["deploy-staging"]?.environment, "staging");
      assert.equal(jobs["deploy-production"]?.needs, "deploy-staging");
      assert.equal(jobs["deploy-production"]?.environment, "production");
      // Never a committed SECRET_KEY: the job draws its own.
      assert.ok(!Object.keys(testJob.env ?? {}).some((name) => /SECRET_KEY/.test(name)));
      assert.ok(testJob.steps.some((s) => /secrets\.token_urlsafe/.test(s.run ?? "") && /GITHUB_ENV/.test(s.run ?? "")));
      // The image CI builds is the one init wrote (Dockerfile.production beside a team's Dockerfile).
      const dockerfile = plan.files.find((f) => f.part === "docker" && /Dockerfile(\.production)?$/.test(f.path))?.path;
      const build = jobs["build-image"]?.steps.find((s) => s.uses?.startsWith("docker/build-push-action")) as { with?: { file?: string } };
      assert.equal(build?.with?.file, dockerfile);
      const setup = testJob.steps.find((s) => s.uses?.startsWith("actions/setup-python") || s.uses?.startsWith("pdm-project/setup-pdm"));
      assert.equal((setup as { with?: { "python-version"?: string } })?.with?.["python-version"], plan.detected.pythonVersion);
    });

    test("check --deploy and makemigrations --check, as the workflow runs them, pass here with real Django", async () => {
      const plan = await initialised();
      const { jobs } = await workflow();
      const testJob = jobs.test;
      assert.ok(testJob);
      const runs = testJob.steps.map((s) => s.run ?? "");
      const check = runs.find((r) => r.includes("check --deploy"));
      const makemigrations = runs.find((r) => r.includes("makemigrations"));
      assert.ok(check && makemigrations);
      const prefix = RUN_PREFIX[plan.detected.packageManager] ?? "";
      const deploy = manageArgs(check);
      assert.equal(deploy.prefix, prefix, "commands run in the package manager's environment");
      // The very command line test/init/fixtures.test.ts runs.
      assert.deepEqual(deploy.args, CHECK_DEPLOY_ARGS);
      const migrations = manageArgs(makemigrations);
      assert.deepEqual(migrations.args, ["makemigrations", "--check", "--dry-run"]);
      // The workflow's own environment, with a key drawn as its step draws one.
      const env: Record<string, string> = { ...(testJob.env ?? {}), DJANGO_SECRET_KEY: randomBytes(48).toString("base64url") };
      assert.equal(env.DJANGO_SETTINGS_MODULE, plan.settings.production);
      const cwd = join(dir, plan.detected.projectRoot);
      const series = seriesFor(plan);
      // makemigrations opens a connection (to warn about an inconsistent history, which it
      // survives when no server answers); Django's own pool waits for a server instead, so with the
      // pool it runs against a real PostgreSQL in ci-services.test.ts, with the rest of the job.
      const pooled = plan.choices.find((c) => c.id === "database-pooling")?.value === "django";
      for (const args of pooled ? [deploy.args] : [deploy.args, migrations.args]) {
        const result = await manage(cwd, series, args, env);
        assert.equal(result.code, 0, `${args.join(" ")}\n${result.stdout}\n${result.stderr.slice(-3000)}`);
      }
    });

    test("the GitLab pipeline matches the gitlab-ci schema; djship's CI rules find nothing in it", async () => {
      const gitlab = copyFixture(fixture);
      dirs.push(gitlab);
      const plan = await initAndCheck(gitlab, { ci: "gitlab" });
      assert.equal(plan.files.find((f) => f.part === "ci")?.path, PIPELINE.gitlab);
      const document = parseYaml(readFileSync(join(gitlab, PIPELINE.gitlab), "utf8")) as Record<string, Record<string, unknown>>;
      assertSchema("gitlab-ci.json", document, PIPELINE.gitlab);
      const rules = (document["deploy-production"]?.rules ?? []) as { when?: string }[];
      assert.equal(rules[0]?.when, "manual", "production waits for a person");
      assert.equal((document["deploy-production"]?.environment as { name?: string })?.name, "production");
      const result = await audit(gitlab, { config: { select: ["CI"] } });
      const ci = result.findings.filter((f) => !f.suppressed && (f.file === PIPELINE.gitlab || /^CI10[0-4]$/.test(f.rule)));
      assert.deepEqual(
        ci.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
        [],
      );
    });
  });
}

describe("init-startproject: a Jenkinsfile", () => {
  test("has the test, audit, image and deploy stages, production behind an input; djship's CI rules find nothing", async () => {
    const dir = copyFixture("init-startproject");
    dirs.push(dir);
    await initAndCheck(dir, { ci: "jenkins" });
    const text = readFileSync(join(dir, PIPELINE.jenkins), "utf8");
    assert.match(text, /docker\.image\('postgres:18\.1'\)\.withRun/);
    assert.match(text, /python manage\.py check --deploy --fail-level WARNING/);
    assert.match(text, /stage\('Deploy to production'\) \{\n\s+when \{ branch 'main' \}\n\s+input \{/);
    const result = await audit(dir, { config: { select: ["CI"] } });
    const ci = result.findings.filter((f) => !f.suppressed && (f.file === PIPELINE.jenkins || /^CI10[0-4]$/.test(f.rule)));
    assert.deepEqual(
      ci.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
      [],
    );
  });
});

describe("a pipeline of the team's", () => {
  test("is never replaced: the workflow goes beside it under a new name, said in the reason, and re-runs find it", async () => {
    const dir = copyFixture("init-startproject");
    dirs.push(dir);
    const theirs = "name: theirs\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo lint\n";
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, PIPELINE.github), theirs);
    const plan = await initAndCheck(dir);
    const file = plan.files.find((f) => f.part === "ci");
    assert.equal(file?.path, ".github/workflows/djship.yml");
    assert.equal(file?.action, "create");
    assert.match(file?.reason ?? "", /ci\.yml is the team's/);
    assert.equal(readFileSync(join(dir, PIPELINE.github), "utf8"), theirs);
    assert.equal(plan.detected.ci, "github");
  });

  test("a .gitlab-ci.yml makes it GitLab, written beside as an include", async () => {
    const dir = copyFixture("init-startproject");
    dirs.push(dir);
    const theirs = "lint:\n  script:\n    - echo lint\n";
    writeFileSync(join(dir, PIPELINE.gitlab), theirs);
    const plan = await initAndCheck(dir);
    const file = plan.files.find((f) => f.part === "ci");
    assert.equal(file?.path, ".gitlab/djship.gitlab-ci.yml");
    assert.match(file?.reason ?? "", /include: \{ local: \.gitlab\/djship\.gitlab-ci\.yml \}/);
    assert.equal(readFileSync(join(dir, PIPELINE.gitlab), "utf8"), theirs);
    assertSchema("gitlab-ci.json", parseYaml(readFileSync(join(dir, file?.path as string), "utf8")), file?.path as string);
  });

  test("an edited workflow init wrote keeps the team's edit on a re-run (three-way merge)", async () => {
    const dir = copyFixture("init-startproject");
    dirs.push(dir);
    await initAndCheck(dir);
    const edited = `${readFileSync(join(dir, PIPELINE.github), "utf8")}# ours now\n`;
    writeFileSync(join(dir, PIPELINE.github), edited);
    const plan = await planInit(dir);
    assert.equal(plan.files.find((f) => f.part === "ci")?.action, "unchanged");
    applyPlan(plan);
    assert.equal(readFileSync(join(dir, PIPELINE.github), "utf8"), edited);
  });
});

describe("--only ci", () => {
  test("writes the same workflow as a full run, and only it", async () => {
    const full = copyFixture("init-uv-environ");
    const only = copyFixture("init-uv-environ");
    dirs.push(full, only);
    const fullPlan = await planInit(full);
    const onlyPlan = await planInit(only, { only: ["ci"] });
    assert.deepEqual(
      onlyPlan.files.map((f) => f.path),
      [PIPELINE.github],
    );
    assert.equal(onlyPlan.files[0]?.content, fullPlan.files.find((f) => f.part === "ci")?.content);
    const skipped = await planInit(only, { skip: ["ci"] });
    assert.ok(!skipped.files.some((f) => f.part === "ci"));
    assert.ok(!existsSync(join(only, ".github")), "planning writes nothing");
  });
});

describe("systemd target", () => {
  test("the deploy installs with the project's package manager and restarts migrate before the app", async () => {
    const dir = copyFixture("init-decouple-poetry");
    dirs.push(dir);
    const plan = await planInit(dir, { targets: ["systemd"] });
    const workflow = parseYaml(plan.files.find((f) => f.part === "ci")?.content ?? "") as Workflow;
    assertSchema("github-workflow.json", workflow, PIPELINE.github);
    const deploy = workflow.jobs["deploy-staging"]?.steps[0]?.run ?? "";
    assert.match(deploy, /poetry install --only main/);
    assert.match(deploy, /sudo systemctl restart shop-migrate\.service shop-gunicorn\.service/);
    assert.doesNotMatch(deploy, /docker compose/);
  });
});

test("the schemas can fail: a workflow job without runs-on and a GitLab job with an unknown key are refused", () => {
  assert.equal(vendoredSchema("github-workflow.json")({ on: "push", jobs: { test: { steps: [{ run: "true" }] } } }), false);
  assert.equal(vendoredSchema("gitlab-ci.json")({ test: { script: ["true"], sript: ["typo"] } }), false);
});

describe("a project in a folder of the repository", () => {
  test("the test job works in the project's folder, the other jobs from the root; the pipeline files stay at the root", async () => {
    const dir = mkdtempSync(join(tmpdir(), "djship-ci-folder-"));
    dirs.push(dir);
    cpSync(join(FIXTURES, "projects", "init-startproject"), join(dir, "app"), { recursive: true });
    const plan = await initAndCheck(dir);
    assert.equal(plan.detected.projectRoot, "app");
    const text = readFileSync(join(dir, PIPELINE.github), "utf8");
    const workflow = parseYaml(text) as Workflow & { defaults?: unknown };
    assertSchema("github-workflow.json", workflow, PIPELINE.github);
    assert.equal(workflow.defaults, undefined, "a workflow-wide working-directory would break the jobs that check nothing out");
    const testJob = workflow.jobs.test as Workflow["jobs"][string] & { defaults?: { run?: { "working-directory"?: string } } };
    assert.equal(testJob.defaults?.run?.["working-directory"], "app");
    assert.equal(testJob.steps.find((s) => s.name === "Install dependencies")?.run, "pip install -r requirements.txt");
    assert.match(workflow.jobs.audit?.steps.at(-1)?.run ?? "", /audit --fail-on error app$/);
    assert.match(workflow.jobs["deploy-staging"]?.steps[0]?.run ?? "", /"cd \/srv\/mysite\/app && /);
    const check = testJob.steps.find((s) => s.run?.includes("check --deploy"))?.run ?? "";
    const env: Record<string, string> = { ...(testJob.env ?? {}), DJANGO_SECRET_KEY: randomBytes(48).toString("base64url") };
    const result = await manage(join(dir, "app"), "4.2", manageArgs(check).args, env);
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    const audited = await audit(dir, { config: { select: ["CI"] } });
    const ci = audited.findings.filter((f) => !f.suppressed && (f.file === PIPELINE.github || /^CI10[0-4]$/.test(f.rule)));
    assert.deepEqual(
      ci.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
      [],
    );
  });
});

describe("Pipenv and PDM projects", () => {
  for (const [manager, setup, prefix] of [
    ["pipenv", (dir: string) => writeFileSync(join(dir, "Pipfile"), '[packages]\ndjango = ">=5.2,<6.0"\n'), "pipenv run "],
    ["pdm", (dir: string) => writeFileSync(join(dir, "pdm.lock"), "# pdm lock\n"), "pdm run "],
  ] as const) {
    test(`${manager}: installs and runs through ${manager}, in a pipeline both schemas accept`, async () => {
      const dir = copyFixture(manager === "pdm" ? "init-uv-environ" : "init-startproject-52");
      dirs.push(dir);
      if (manager === "pdm") rmSync(join(dir, "uv.lock"));
      else rmSync(join(dir, "requirements.txt"));
      setup(dir);
      const github = await planInit(dir, { only: ["ci"] });
      assert.equal(github.detected.packageManager, manager);
      const workflow = parseYaml(github.files[0]?.content ?? "") as Workflow;
      assertSchema("github-workflow.json", workflow, PIPELINE.github);
      const runs = (workflow.jobs.test?.steps ?? []).map((s) => s.run ?? "");
      assert.ok(runs.includes(`${prefix}python manage.py ${CHECK_DEPLOY_ARGS.join(" ")}`), runs.join("\n"));
      if (manager === "pdm") assert.ok(workflow.jobs.test?.steps.some((s) => s.uses === "pdm-project/setup-pdm@v4"));
      const gitlab = await planInit(dir, { only: ["ci"], ci: "gitlab" });
      const document = parseYaml(gitlab.files[0]?.content ?? "") as Record<string, { before_script?: string[] }>;
      assertSchema("gitlab-ci.json", document, PIPELINE.gitlab);
      assert.ok(document.test?.before_script?.some((line) => line.startsWith(`pip install ${manager}`)));
    });
  }
});
