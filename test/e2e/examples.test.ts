/**
 * The examples say what djship is for: the naive project has something to find in every one of
 * the ten areas, and the hardened one has no error or warning in its documented production
 * environment.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { AREAS } from "../../src/rules/areas.js";
import { EXAMPLES, REPO_ROOT } from "../helpers/paths.js";
import { assertMatchesSchema } from "../helpers/schemas.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");

interface Report {
  findings: {
    rule: string;
    area: string;
    severity: string;
    suppressed: boolean;
    message: string;
    file: string | null;
    line: number | null;
  }[];
}

function audit(args: string[]): Promise<{ code: number; report: Report }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, "audit", ...args, "--format", "json"],
      { timeout: 120_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          const report = JSON.parse(stdout) as Report;
          assertMatchesSchema("audit", report);
          resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, report });
        } catch (parseError) {
          reject(new Error(`${String(parseError)}\n${stderr}`));
        }
      },
    );
  });
}

test("the naive example has findings in each of the ten areas", async () => {
  const { code, report } = await audit([join(EXAMPLES, "naive")]);
  assert.equal(code, 1);
  const areas = new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.area));
  const missing = AREAS.map((a) => a.id).filter((id) => !areas.has(id));
  assert.deepEqual(missing, [], `areas without a finding: ${missing.join(", ")}`);
});

test("the hardened example has no error or warning in its production environment", async () => {
  const root = join(EXAMPLES, "hardened");
  const { code, report } = await audit([root, "--env-file", join(root, "production.env")]);
  const serious = report.findings.filter((f) => !f.suppressed && f.severity !== "info");
  assert.deepEqual(
    serious.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
    [],
  );
  assert.equal(code, 0);
});
