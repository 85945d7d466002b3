/**
 * Every example, settings fixture and project fixture through the whole audit, in one process,
 * for any environment and for each environment a case documents: it must complete without an
 * exception and produce JSON that matches the schema.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { audit } from "../../src/audit.js";
import { auditDocument } from "../../src/report/audit-json.js";
import { exampleCases, fixtureCases } from "../differential/cases.js";
import { FIXTURES } from "../helpers/paths.js";
import { assertMatchesSchema } from "../helpers/schemas.js";

test("the audit completes on every fixture and example", async () => {
  const cases = [...exampleCases(), ...fixtureCases()];
  const projectFixtures = join(FIXTURES, "projects");
  if (existsSync(projectFixtures)) {
    for (const name of readdirSync(projectFixtures).sort())
      cases.push({ name, root: join(projectFixtures, name), description: name, settingsModule: "", environments: {}, django: ["5.2"] });
  }
  let runs = 0;
  let findings = 0;
  for (const testCase of cases) {
    const environments: (Record<string, string> | undefined)[] = [undefined, ...Object.values(testCase.environments)];
    for (const environment of environments) {
      try {
        const result = await audit(testCase.root, { environment: environment ? new Map(Object.entries(environment)) : undefined });
        assertMatchesSchema("audit", JSON.parse(JSON.stringify(auditDocument(result))));
        runs++;
        findings += result.findings.length;
      } catch (error) {
        assert.fail(
          `${testCase.name} ${environment ? JSON.stringify(environment) : "(any environment)"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }
  console.log(`audit corpus: ${cases.length} projects, ${runs} audits, ${findings} findings`);
  assert.ok(runs >= 100);
});
