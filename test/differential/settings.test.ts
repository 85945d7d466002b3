/**
 * The settings evaluator against real Django: every example and every settings fixture, in each of
 * its environments, under Django 4.2 and 5.2 (and 3.2 where a case asks). Django resolves the
 * settings in a process of its own (forked from one Django server per series) with exactly the
 * case's variables; djship reads the same tree with the same variables; every value djship
 * reports as known must equal Django's.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { loadWorkspace } from "../../src/model/project.js";
import { redactJson } from "../../src/model/secrets.js";
import type { Json } from "../../src/python/value.js";
import { type SettingsDocument, settingsDocument } from "../../src/report/settings-json.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { type DifferentialCase, exampleCases, fixtureCases } from "./cases.js";
import { askDjango, assertProvisioned, pool } from "./django.js";

assertProvisioned();

const stats = { compared: 0, unknown: 0, skipped: 0, runs: 0 };

function containsRepr(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if ("$repr" in (value as object) || "$error" in (value as object)) return true;
  return Object.values(value as object).some(containsRepr);
}

interface Run {
  testCase: DifferentialCase;
  series: string;
  environmentName: string;
  env: Record<string, string>;
}

async function compare(run: Run): Promise<void> {
  const { testCase, series, env } = run;
  const model = await loadWorkspace(testCase.root, { djangoVersion: series, environment: new Map(Object.entries(env)) });
  const project = model.projects.find((p) => p.project.root === ".") ?? model.projects[0];
  assert.ok(project, "djship found no Django project");
  const document: SettingsDocument = settingsDocument(project);
  assertMatchesSchema("settings", JSON.parse(JSON.stringify(document)));
  assert.equal(document.settingsModule, testCase.settingsModule, "djship chose a different settings module");
  const answer = await askDjango(testCase.root, series, testCase.settingsModule, env, "settings");
  stats.runs++;
  if (!answer.ok) {
    assert.ok(
      document.loadError,
      `Django failed to load the settings (${answer.error.type}: ${answer.error.message}) but djship loaded them`,
    );
    if (answer.error.variable) {
      assert.equal(
        document.loadError.variable,
        answer.error.variable,
        `Django's failure names ${answer.error.variable}: ${answer.error.message}`,
      );
    }
    return;
  }
  assert.equal(document.loadError, null, `djship says the settings would not load (${document.loadError?.message}) but Django loaded them`);
  const djangoValues = answer.values ?? {};
  const mismatches: string[] = [];
  for (const [name, djangoValue] of Object.entries(djangoValues)) {
    const entry = document.values[name];
    if (!entry) {
      mismatches.push(`${name}: Django has it, djship does not list it`);
      continue;
    }
    if (name === "SECRET_KEY" && typeof djangoValue === "object" && djangoValue !== null && "$error" in djangoValue) {
      // Django raises "must not be empty" on access: djship reports the empty key it holds.
      if (entry.known) assert.deepEqual(entry.value, { redacted: true, length: 0, insecurePrefix: false });
      continue;
    }
    if (containsRepr(djangoValue)) {
      stats.skipped++;
      continue;
    }
    if (!entry.known) {
      stats.unknown++;
      continue;
    }
    stats.compared++;
    const expected = redactJson(djangoValue as Json, name);
    try {
      assert.deepEqual(entry.value, expected);
    } catch {
      mismatches.push(
        `${name}: Django ${JSON.stringify(expected)}\n        djship ${JSON.stringify(entry.value)} (${entry.file}:${entry.line})`,
      );
    }
  }
  for (const name of Object.keys(document.values)) {
    if (!(name in djangoValues)) mismatches.push(`${name}: djship lists it, Django has no such setting`);
  }
  if (mismatches.length > 0) throw new Error(`djship and Django ${series} disagree:\n  ${mismatches.join("\n  ")}`);
}

const cases = [...exampleCases(), ...fixtureCases()];

describe("settings: djship agrees with Django", () => {
  test("the corpus has at least 30 settings fixtures", () => {
    assert.ok(fixtureCases().length >= 30, `only ${fixtureCases().length} fixtures`);
  });
  for (const testCase of cases) {
    test(`${testCase.name}: ${testCase.description}`, async () => {
      const runs: Run[] = [];
      for (const series of testCase.django) {
        for (const [environmentName, env] of Object.entries(testCase.environments)) runs.push({ testCase, series, environmentName, env });
      }
      const failures: string[] = [];
      await pool(runs, 4, async (run) => {
        try {
          await compare(run);
        } catch (error) {
          failures.push(
            `Django ${run.series}, environment "${run.environmentName}": ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      });
      if (failures.length > 0) throw new Error(failures.join("\n\n"));
    });
  }
  after(() => {
    // Most values must be known: an evaluator that gave up on everything would agree trivially.
    const known = stats.compared / Math.max(1, stats.compared + stats.unknown);
    console.log(
      `differential settings: ${stats.runs} Django runs, ${stats.compared} values compared, ${stats.unknown} unknown to djship, ${stats.skipped} not comparable`,
    );
    assert.ok(known >= 0.95, `only ${(known * 100).toFixed(1)}% of the values Django resolved were known to djship`);
  });
});
