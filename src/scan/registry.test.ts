/**
 * What every probe owes: a unique code and id matching its file, a complete doc, a message for every
 * outcome that makes a finding, a test file of its own, and every file in probes/ registered.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { AREAS } from "../findings/vocabulary.js";
import type { Outcome } from "./define.js";
import { PROBES } from "./registry.js";

const probesDir = join(dirname(fileURLToPath(import.meta.url)), "probes");

test("codes and ids are unique, SCN and three digits, and match the file", () => {
  const codes = new Set<string>();
  const ids = new Set<string>();
  for (const probe of PROBES) {
    assert.match(probe.code, /^SCN\d{3}$/, probe.id);
    assert.notEqual(probe.code, "SCN000", "SCN000 is the site-unreachable finding");
    assert.ok(!codes.has(probe.code), `duplicate code ${probe.code}`);
    assert.ok(!ids.has(probe.id), `duplicate id ${probe.id}`);
    codes.add(probe.code);
    ids.add(probe.id);
    assert.match(probe.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(existsSync(join(probesDir, `${probe.id}.js`)), `${probe.code}: expected src/scan/probes/${probe.id}.ts`);
    assert.ok(
      AREAS.some((a) => a.id === probe.area),
      `${probe.code}: unknown area ${probe.area}`,
    );
  }
});

test("every probe file is registered and has its tests", () => {
  const registered = new Set(PROBES.map((p) => p.id));
  for (const file of readdirSync(probesDir)) {
    if (!file.endsWith(".js") || file.endsWith(".test.js") || file === "helpers.js") continue;
    const id = file.replace(/\.js$/, "");
    assert.ok(registered.has(id), `src/scan/probes/${id}.ts is not in src/scan/registry.ts`);
    assert.ok(existsSync(join(probesDir, `${id}.test.js`)), `src/scan/probes/${id}.ts has no ${id}.test.ts`);
  }
});

test("every doc is complete and every finding has a message", () => {
  for (const probe of PROBES) {
    for (const part of ["what", "why", "fix"] as const) assert.ok(probe.doc[part]?.length > 20, `${probe.code}: doc.${part} is missing`);
    const outcomes = Object.entries(probe.outcomes as Record<string, Outcome>);
    assert.ok(
      outcomes.some(([, o]) => o.severity === "ok"),
      `${probe.code}: no outcome where it stays quiet`,
    );
    assert.ok(
      outcomes.some(([, o]) => o.severity !== "ok"),
      `${probe.code}: no outcome that makes a finding`,
    );
    for (const [name, outcome] of outcomes) {
      if (outcome.severity !== "ok") assert.ok(outcome.message, `${probe.code}: outcome ${name} makes a finding but has no message`);
    }
    assert.ok(Object.keys(probe.requests).length > 0, `${probe.code}: no request`);
  }
});
