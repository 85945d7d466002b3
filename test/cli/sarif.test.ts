/**
 * SARIF that GitHub code scanning accepts: the OASIS 2.1.0 schema, and a physical location in the
 * repository for every result, project-level findings included (they sit on the settings module).
 */
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { assertValidSarif } from "../helpers/schemas.js";
import { MANAGE_PY, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface SarifResult {
  ruleId: string;
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string }; region?: { startLine?: number } } }[];
  properties?: { projectLevel?: boolean };
}

test("every SARIF result points at a file of the repository, project-level findings at the settings module", async () => {
  const root = materialize({
    "manage.py": MANAGE_PY,
    "mysite/__init__.py": "",
    "mysite/settings.py": 'DEBUG = True\nALLOWED_HOSTS = ["example.com"]\nSECRET_KEY = "x"\n',
    "requirements.txt": "Django==5.2.1\n",
  });
  roots.push(root);
  const json = JSON.parse((await runCli(["audit", root, "--format", "json"])).stdout) as {
    findings: { rule: string; file: string | null }[];
  };
  const projectLevel = json.findings.filter((f) => f.file === null).map((f) => f.rule);
  assert.ok(projectLevel.length > 0, "the project has findings that name no file (no CI, no deployment)");

  const result = await runCli(["audit", root, "--format", "sarif"]);
  assert.equal(result.code, 1, result.stderr);
  const sarif = JSON.parse(result.stdout) as { runs: { results: SarifResult[] }[] };
  assertValidSarif(sarif);
  const results = sarif.runs[0]?.results ?? [];
  assert.equal(results.length, json.findings.length);
  for (const r of results) {
    const location = r.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri;
    assert.ok(uri, `${r.ruleId} has no physical location`);
    assert.equal(location?.artifactLocation?.uriBaseId, "%SRCROOT%", `${r.ruleId}: relative to the checkout`);
    assert.ok(existsSync(join(root, decodeURI(uri))), `${r.ruleId} points at ${uri}, which is not in the repository`);
    assert.ok((location?.region?.startLine ?? 0) >= 1, `${r.ruleId} has no line`);
  }
  const placed = results.filter((r) => r.properties?.projectLevel);
  assert.deepEqual(placed.map((r) => r.ruleId).sort(), [...projectLevel].sort());
  for (const r of placed) assert.equal(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri, "mysite/settings.py");
});
