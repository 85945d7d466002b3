/**
 * The audit's contract end to end: configuration, suppressions, baselines, exit codes and every
 * output format, each checked so that ignoring the feature would fail the test.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { audit } from "../../src/audit.js";
import { materialize } from "../../src/rules/tester.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { assertMatchesSchema, assertValidSarif } from "../helpers/schemas.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const SETTINGS = [
  "import os",
  'SECRET_KEY = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"',
  "DEBUG = True",
  'ALLOWED_HOSTS = ["example.com"]',
  'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
  'SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "0") == "1"',
  "SECURE_HSTS_SECONDS = 31536000",
  "",
].join("\n");

const roots: string[] = [];
function makeProject(files: Record<string, string>): string {
  const root = materialize(files);
  roots.push(root);
  return root;
}
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

const core = ["--select", "SEC,CFG018,CFG020", "--django-version", "5.2"];

describe("exit codes", () => {
  test("1 with findings at fail-on, 0 below it or with --exit-zero, 2 on usage errors", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    assert.equal((await run(["audit", root, ...core])).code, 1);
    assert.equal((await run(["audit", root, ...core, "--exit-zero"])).code, 0);
    assert.equal((await run(["audit", root, ...core, "--fail-on", "never"])).code, 0);
    assert.equal((await run(["audit", root, "--select", "SEC008", "--fail-on", "error"])).code, 0, "SEC008 is a warning");
    assert.equal((await run(["audit", root, "--select", "CFG018", "--fail-on", "error"])).code, 1, "CFG018 is an error");
    assert.equal((await run(["audit", root, "--format", "yaml"])).code, 2);
    assert.equal((await run(["audit", root, "--fail-on", "sometimes"])).code, 2);
    assert.equal((await run(["audit", root, "--no-such-flag"])).code, 2);
    assert.equal((await run(["frobnicate"])).code, 2);
  });
  test("a clean project exits 0", async () => {
    const root = makeProject({ "mysite/settings.py": 'DEBUG = False\nALLOWED_HOSTS = ["a.example"]\n' });
    const result = await run(["audit", root, "--select", "CFG018,CFG020"]);
    assert.equal(result.code, 0, result.stdout);
  });
});

describe("configuration", () => {
  test("[tool.djship] in pyproject.toml selects, ignores and sets fail-on", async () => {
    const root = makeProject({
      "mysite/settings.py": SETTINGS,
      "pyproject.toml":
        '[project]\nname = "x"\n\n[tool.djship]\nselect = ["SEC", "CFG"]\nignore = ["SEC009"]\nfail-on = "error"\ndjango-version = "4.2"\n',
    });
    const result = await audit(root);
    const rules = new Set(result.findings.map((f) => f.rule));
    assert.ok(!rules.has("SEC009"), "ignored rule ran");
    assert.ok(rules.has("CFG018"));
    assert.equal(result.config.failOn, "error");
    assert.equal(result.projects[0]?.djangoVersion, "4.2");
  });
  test("djship.toml per-file-ignores suppress matching files only", async () => {
    const root = makeProject({
      "mysite/settings.py": SETTINGS,
      "djship.toml": 'select = ["CFG018", "SEC009"]\n[per-file-ignores]\n"mysite/settings.py" = ["CFG018"]\n',
    });
    const result = await audit(root);
    const debug = result.findings.find((f) => f.rule === "CFG018");
    assert.equal(debug?.suppressed, true);
    assert.equal(debug?.suppression?.kind, "config");
    assert.equal(result.findings.find((f) => f.rule === "SEC009")?.suppressed, false);
  });
  test("a broken configuration file is an input error, exit 2", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS, "djship.toml": "select = [\n" });
    const result = await run(["audit", root]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^djship: djship.toml: invalid TOML/);
  });
  test("env-file in the configuration makes the audit exact", async () => {
    const root = makeProject({
      "mysite/settings.py": SETTINGS,
      "prod.env": "SSL_REDIRECT=1\n",
      "djship.toml": 'env-file = "prod.env"\nselect = ["SEC008"]\n',
    });
    const result = await audit(root);
    assert.equal(result.environment, "exact");
    // Production sets the variable: only the insecure default remains, as information.
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity]),
      [["SEC008", "info"]],
    );
    assert.match(result.findings[0]?.message ?? "", /^Insecure default/);
  });
});

describe("suppressions", () => {
  test("inline ignore with a code, a prefix, a bare marker, and a code that does not match", async () => {
    const settings = SETTINGS.replace("DEBUG = True", "DEBUG = True  # djship: ignore[CFG018]")
      .replace("SECRET_KEY = ", "SECRET_KEY = ")
      .replace('ALLOWED_HOSTS = ["example.com"]', "ALLOWED_HOSTS = []  # djship: ignore[SEC]")
      .replace("SECURE_HSTS_SECONDS = 31536000", "SECURE_HSTS_SECONDS = 0  # djship: ignore");
    const root = makeProject({ "mysite/settings.py": settings });
    const result = await audit(root, { config: { select: ["SEC", "CFG018", "CFG020"] } });
    const byRule = (code: string) => result.findings.find((f) => f.rule === code);
    assert.equal(byRule("CFG018")?.suppressed, true);
    assert.equal(byRule("CFG018")?.suppression?.kind, "inline");
    assert.equal(byRule("CFG020")?.suppressed, false, "ignore[SEC] must not silence CFG020");
    assert.equal(byRule("SEC004")?.suppressed, true);
    assert.equal(result.summary.suppressed, 2);
  });
  test("SILENCED_SYSTEM_CHECKS marks the parity finding suppressed", async () => {
    const root = makeProject({ "mysite/settings.py": `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["security.W018"]\n` });
    const result = await audit(root, { config: { select: ["CFG018"] } });
    assert.equal(result.findings[0]?.suppressed, true);
    assert.equal(result.findings[0]?.suppression?.kind, "silenced");
  });
});

describe("baseline", () => {
  test("only new findings are reported, even after lines move", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const baseline = join(root, "baseline.json");
    const first = await run(["audit", root, ...core, "--write-baseline", baseline, "--format", "json"]);
    assert.equal(first.code, 1);
    const before = JSON.parse(readFileSync(baseline, "utf8")) as { findings: unknown[] };
    assert.ok(before.findings.length >= 3);
    // Move every line down and add a new problem.
    writeFileSync(
      join(root, "mysite", "settings.py"),
      `# a comment\n\n${SETTINGS.replace("SECURE_HSTS_SECONDS = 31536000", "SECURE_HSTS_SECONDS = 0")}`,
    );
    const second = await run(["audit", root, ...core, "--baseline", baseline, "--format", "json"]);
    const report = JSON.parse(second.stdout) as { findings: { rule: string; baseline?: string }[]; summary: { baselined: number } };
    assert.deepEqual(
      report.findings.filter((f) => f.baseline === "new").map((f) => f.rule),
      ["SEC004"],
    );
    // Everything from before that still fires is matched, though every line moved (HSTS at 0 no
    // longer gives the include-subdomains and preload findings, so those are simply gone).
    assert.ok(report.summary.baselined >= 5, `only ${report.summary.baselined} matched the baseline`);
  });
  test("a baseline that is not a report is an input error", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS, "bad.json": "{}" });
    const result = await run(["audit", root, "--baseline", join(root, "bad.json")]);
    assert.equal(result.code, 2);
  });
});

describe("formats", () => {
  test("json matches schemas/audit.schema.json and carries the contract fields", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const result = await run(["audit", root, ...core, "--format", "json"]);
    const document = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
    assertMatchesSchema("audit", document);
    const debug = document.findings.find((f) => f.rule === "CFG018");
    assert.equal(debug?.djangoCheck, "security.W018");
    assert.equal(debug?.file, "mysite/settings.py");
    assert.equal(debug?.line, 3);
    const redirect = document.findings.find((f) => f.rule === "SEC008");
    assert.deepEqual(redirect?.env, ["SSL_REDIRECT"]);
    assert.ok(!result.stdout.includes("0123456789abcdefghij"), "the secret key reached the output");
  });
  test("sarif validates against the official SARIF 2.1.0 schema", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const result = await run(["audit", root, ...core, "--format", "sarif"]);
    const sarif = JSON.parse(result.stdout) as {
      runs: { results: { ruleId: string; locations: unknown[] }[]; tool: { driver: { rules: unknown[] } } }[];
    };
    assertValidSarif(sarif);
    const run0 = sarif.runs[0];
    assert.ok(run0 && run0.results.length >= 3 && run0.tool.driver.rules.length >= 3);
    assert.ok(run0.results.every((r) => r.locations.length === 1));
  });
  test("junit is well-formed JUnit XML with a failure per finding", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const result = await run(["audit", root, ...core, "--format", "junit"]);
    assert.equal(XMLValidator.validate(result.stdout), true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(result.stdout) as {
      testsuites: { testsuite: { "@_failures": string }[]; "@_failures": string };
    };
    assert.ok(Number(parsed.testsuites["@_failures"]) >= 3);
    assert.equal(parsed.testsuites.testsuite.length, 10, "one suite per checklist area");
  });
  test("markdown has the summary and a table per area; text respects NO_COLOR and --color", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const markdown = (await run(["audit", root, ...core, "--format", "markdown"])).stdout;
    assert.match(markdown, /^## djship audit/m);
    assert.match(markdown, /\| severity \| rule \| where \| finding \| fix \|/);
    assert.match(markdown, /\[CFG018\]\(/);
    const plain = (await run(["audit", root, ...core], { NO_COLOR: "1" })).stdout;
    assert.ok(!plain.includes("\u001b["), "colour with NO_COLOR");
    const forced = (await run(["audit", root, ...core, "--color", "always"], { NO_COLOR: "1" })).stdout;
    assert.ok(forced.includes("\u001b["), "no colour with --color always");
    assert.match(plain, /Configuration\s+score \d+\/100/);
    assert.match(plain, /\d+ errors?, \d+ warnings?, \d+ info/);
  });
  test("-o writes the report to a file", async () => {
    const root = makeProject({ "mysite/settings.py": SETTINGS });
    const out = join(root, "report.sarif");
    const result = await run(["audit", root, ...core, "--format", "sarif", "-o", out]);
    assert.equal(result.stdout, "");
    assert.equal((JSON.parse(readFileSync(out, "utf8")) as { version: string }).version, "2.1.0");
  });
});
