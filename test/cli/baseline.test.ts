/**
 * --baseline hides what was already there from people, not from machines: JSON and SARIF keep
 * every finding, baselined ones marked, so writing a baseline from a baselined run loses nothing.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { MANAGE_PY, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const SETTINGS = [
  "import os",
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  "DEBUG = True",
  'ALLOWED_HOSTS = ["example.com"]',
  'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
  "",
].join("\n");
const SELECT = ["--select", "SEC,CFG018", "--django-version", "5.2"];

interface Json {
  findings: { rule: string; fingerprint: string; baseline?: string }[];
  summary: { error: number; warning: number; info: number; baselined: number };
}

test("a baselined run keeps every finding in JSON, marked, and a baseline written from it does not shrink", async () => {
  const root = materialize({ "manage.py": MANAGE_PY, "mysite/settings.py": SETTINGS });
  roots.push(root);
  const first = join(root, "first.json");
  const second = join(root, "second.json");
  const initial = await runCli(["audit", root, ...SELECT, "--write-baseline", first, "--exit-zero"]);
  assert.equal(initial.code, 0, initial.stderr);
  const recorded = JSON.parse(readFileSync(first, "utf8")) as Json;
  assert.ok(recorded.findings.length >= 3, "the project has findings to baseline");
  assert.ok(
    recorded.findings.every((f) => f.baseline === undefined),
    "no baseline given, no marks",
  );

  const rerun = await runCli(["audit", root, ...SELECT, "--baseline", first, "--write-baseline", second, "--format", "json"]);
  assert.equal(rerun.code, 0, `nothing new: exit 0\n${rerun.stderr}`);
  const report = JSON.parse(rerun.stdout) as Json;
  assertMatchesSchema("audit", report);
  assert.deepEqual(
    report.findings.map((f) => [f.fingerprint, f.baseline]),
    recorded.findings.map((f) => [f.fingerprint, "unchanged"]),
  );
  assert.deepEqual(report.summary, { error: 0, warning: 0, info: 0, suppressed: 0, baselined: recorded.findings.length });
  const rewritten = JSON.parse(readFileSync(second, "utf8")) as Json;
  assert.deepEqual(
    rewritten.findings.map((f) => f.fingerprint).sort(),
    recorded.findings.map((f) => f.fingerprint).sort(),
    "the second baseline holds every finding of the first",
  );

  // Baselined again from the rewritten file: still everything, still nothing new.
  const third = await runCli(["audit", root, ...SELECT, "--baseline", second, "--format", "json"]);
  assert.equal((JSON.parse(third.stdout) as Json).summary.baselined, recorded.findings.length);

  const text = await runCli(["audit", root, ...SELECT, "--baseline", first]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /No findings\./);
  assert.match(text.stdout, new RegExp(`${recorded.findings.length} in the baseline`));
});

test("SARIF marks baselined results unchanged and new ones new", async () => {
  const root = materialize({ "manage.py": MANAGE_PY, "mysite/settings.py": SETTINGS });
  roots.push(root);
  const baseline = join(root, "baseline.json");
  await runCli(["audit", root, "--select", "CFG018", "--write-baseline", baseline, "--exit-zero"]);
  const result = await runCli(["audit", root, ...SELECT, "--baseline", baseline, "--format", "sarif"]);
  assert.equal(result.code, 1, "the SEC findings are new");
  const sarif = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; baselineState?: string }[] }[] };
  const results = sarif.runs[0]?.results ?? [];
  assert.deepEqual(
    results.filter((r) => r.baselineState === "unchanged").map((r) => r.ruleId),
    ["CFG018"],
  );
  assert.ok(results.filter((r) => r.baselineState === "new").length >= 2);
  assert.ok(results.every((r) => r.baselineState === "new" || r.baselineState === "unchanged"));
});
