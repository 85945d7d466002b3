/**
 * The GitHub Action run the way Actions runs it: action/main.mjs with its inputs as INPUT_*
 * variables, GITHUB_WORKSPACE a git checkout of a pull request, and GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT and GITHUB_EVENT_PATH as files. The SARIF it leaves is checked against the OASIS
 * SARIF 2.1.0 schema, the summary and outputs against the findings, the annotations against the diff.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { EXAMPLES, REPO_ROOT } from "../helpers/paths.js";
import { assertValidSarif } from "../helpers/schemas.js";
import { cleanEnv, run } from "./npm.js";

const ENTRY = join(REPO_ROOT, "action", "main.mjs");
const root = mkdtempSync(join(tmpdir(), "djship-action-"));
after(() => rmSync(root, { recursive: true, force: true }));

interface ActionRun {
  code: number;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
  sarif: { runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  annotations: { level: string; file: string; line: number; title: string; message: string }[];
}

let workspace = "";
let changedLine = 0;

async function git(args: string[]): Promise<string> {
  const result = await run(
    "git",
    args,
    workspace,
    cleanEnv({ GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" }),
  );
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

/** Runs the entry point as a JavaScript action step: `INPUT_<NAME>` with the hyphens kept. */
async function runAction(inputs: Record<string, string>, name: string): Promise<ActionRun> {
  const dir = join(root, name);
  mkdirSync(dir);
  const files = { summary: join(dir, "summary.md"), output: join(dir, "output"), event: join(dir, "event.json") };
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  writeFileSync(files.event, JSON.stringify({ pull_request: { number: 7, base: { sha: await git(["rev-parse", "HEAD~1"]) } } }));
  const env = cleanEnv({
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: "pull_request",
  });
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase()}`] = value;
  const result = await run(process.execPath, [ENTRY], workspace, env, 180_000);
  const outputs = Object.fromEntries(
    readFileSync(files.output, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const annotations = [
    ...result.stdout.matchAll(/^::(error|warning|notice) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=([^:]+)::(.*)$/gm),
  ].map((m) => ({ level: m[1] as string, file: m[2] as string, line: Number(m[3]), title: m[4] as string, message: m[5] as string }));
  let sarif: ActionRun["sarif"] = { runs: [] };
  try {
    sarif = JSON.parse(readFileSync(join(workspace, outputs["sarif-file"] ?? "djship.sarif"), "utf8"));
  } catch {
    // no SARIF: the assertions say so
  }
  return {
    code: result.code,
    stdout: result.stdout + result.stderr,
    summary: readFileSync(files.summary, "utf8"),
    outputs,
    sarif,
    annotations,
  };
}

before(async () => {
  // A repository whose Django project lives in app/, and a pull request that touches DEBUG's line.
  workspace = join(root, "repo");
  cpSync(join(EXAMPLES, "naive"), join(workspace, "app"), { recursive: true });
  await git(["init", "--quiet", "--initial-branch=main"]);
  await git(["add", "."]);
  await git(["commit", "--quiet", "-m", "base"]);
  const settings = join(workspace, "app", "mysite", "settings.py");
  const lines = readFileSync(settings, "utf8").split("\n");
  changedLine = lines.findIndex((line) => line.startsWith("DEBUG = True")) + 1;
  assert.ok(changedLine > 0);
  lines[changedLine - 1] = "DEBUG = True  # turned on for the demo";
  writeFileSync(settings, lines.join("\n"));
  await git(["commit", "--quiet", "-am", "pull request"]);
});

describe("the GitHub Action's entry point", () => {
  test("writes valid SARIF located in the repository, the summary, the outputs, and annotates only the changed line", async () => {
    const result = await runAction({ path: "app", "fail-on": "warning", "sarif-file": "reports/djship.sarif" }, "pr");
    assert.equal(result.code, 1, `findings at warning fail the step:\n${result.stdout}`);
    // SARIF 2.1.0, as the OASIS schema has it.
    assertValidSarif(result.sarif);
    const uris = result.sarif.runs[0]?.results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri) ?? [];
    assert.ok(uris.length > 10);
    assert.ok(
      uris.every((uri) => uri.startsWith("app/")),
      `every location is relative to the repository: ${uris.filter((u) => !u.startsWith("app/")).join(", ")}`,
    );
    // Outputs agree with the SARIF, the summary is the Markdown report.
    assert.equal(result.outputs["sarif-file"], "reports/djship.sarif");
    assert.equal(result.outputs["exit-code"], "1");
    const errors = Number(result.outputs.errors);
    const warnings = Number(result.outputs.warnings);
    assert.ok(errors > 0 && warnings > 0);
    assert.equal(errors + warnings + Number(result.outputs.infos), result.sarif.runs[0]?.results.length);
    assert.match(result.summary, /^## djship audit\n/);
    assert.ok(result.summary.includes(`**${errors} errors, ${warnings} warnings`), result.summary.slice(0, 400));
    assert.match(result.summary, /\| error \| \[CFG018\]\(https:[^)]+\)/);
    // Annotations: the pull request changed one line, which has findings; nothing else is annotated.
    assert.ok(result.annotations.length > 0, result.stdout);
    for (const annotation of result.annotations) {
      assert.equal(annotation.file, "app/mysite/settings.py");
      assert.equal(annotation.line, changedLine);
    }
    const debug = result.annotations.find((a) => a.title === "djship CFG018");
    assert.ok(debug, "DEBUG on is annotated on the changed line");
    assert.equal(debug.level, "error");
    assert.equal(result.outputs.annotations, String(result.annotations.length));
  });

  test("annotate all, fail-on never, Django version and env-file inputs reach djship", async () => {
    writeFileSync(join(workspace, "prod.env"), "DJANGO_SETTINGS_MODULE=mysite.settings\n");
    const result = await runAction(
      { path: "app", "fail-on": "never", annotate: "all", "django-version": "5.2", "env-file": "prod.env" },
      "all",
    );
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.outputs["exit-code"], "0");
    assert.ok(new Set(result.annotations.map((a) => a.file)).size > 3, "findings in several files are annotated");
    assert.ok(result.annotations.every((a) => a.file.startsWith("app/")));
    assert.match(result.summary, / · Django 5\.2 /, "the django-version input reached djship (the example pins 4.2)");
    assert.match(result.summary, /the environment given/, "the env-file was passed");
  });

  test("a bad input fails with a workflow error, not a stack trace", async () => {
    const result = await runAction({ "fail-on": "sometimes" }, "bad");
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^::error title=djship::fail-on must be/m);
    assert.doesNotMatch(result.stdout, /\n\s+at /);
  });
});

describe("action.yml", () => {
  test("declares the inputs, passes each one to the entry point and uploads SARIF even when the audit fails", () => {
    const action = parseYaml(readFileSync(join(REPO_ROOT, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { id?: string; run?: string; uses?: string; if?: string; env?: Record<string, string> }[] };
    };
    for (const name of ["path", "env-file", "django-version", "fail-on", "upload-sarif", "sarif-file", "annotate", "version"])
      assert.ok(name in action.inputs, `input ${name}`);
    const step = action.runs.steps.find((s) => s.id === "audit");
    assert.match(step?.run ?? "", /action\/main\.mjs/);
    const entry = readFileSync(ENTRY, "utf8");
    for (const name of Object.keys(action.inputs).filter((n) => n !== "upload-sarif")) {
      const variable = `INPUT_${name.toUpperCase().replace(/-/g, "_")}`;
      assert.equal(step?.env?.[variable], `\${{ inputs.${name} }}`, `${name} reaches the entry point as ${variable}`);
      assert.ok(entry.includes(`input("${name}"`), `main.mjs reads ${name}`);
    }
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    assert.match(upload?.if ?? "", /always\(\)/);
    assert.match(upload?.if ?? "", /inputs\.upload-sarif == 'true'/);
  });
});

describe("the release workflow", () => {
  test("publishes the tagged version to npm and moves the major tag the Action is used by", () => {
    const workflow = parseYaml(readFileSync(join(REPO_ROOT, ".github", "workflows", "release.yml"), "utf8")) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
    };
    assert.ok(workflow.on.push.tags.some((t) => t.startsWith("v")));
    assert.equal(workflow.permissions["id-token"], "write");
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ""));
    assert.ok(runs.some((r) => /npm publish/.test(r)));
    assert.ok(runs.some((r) => /git tag --force "\$major"/.test(r) && /git push --force origin/.test(r)));
    assert.ok(
      runs.some((r) => /package\.json/.test(r) && /GITHUB_REF_NAME/.test(r)),
      "the tag must match the package version",
    );
  });
});
