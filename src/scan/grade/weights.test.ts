import assert from "node:assert/strict";
import { test } from "node:test";
import type { Outcome } from "../define.js";
import { PROBES } from "../registry.js";
import { GRADES, gradeForScore, isBelow, scoreOutcomes } from "./grade.js";
import { WEIGHTS } from "./weights.js";

test("every outcome of every probe has a weight, and every weight an outcome", () => {
  for (const probe of PROBES) {
    const weights = WEIGHTS[probe.id];
    assert.ok(weights, `no weights for probe ${probe.id} in scan/grade/weights.ts`);
    for (const outcome of Object.keys(probe.outcomes)) assert.ok(outcome in weights, `no weight for ${probe.id} outcome ${outcome}`);
    for (const outcome of Object.keys(weights)) assert.ok(outcome in probe.outcomes, `weight for unknown outcome ${probe.id}.${outcome}`);
  }
  for (const id of Object.keys(WEIGHTS))
    assert.ok(
      PROBES.some((p) => p.id === id),
      `weights for unknown probe ${id}`,
    );
});

test("findings never earn points, and warnings and errors always cost", () => {
  for (const probe of PROBES) {
    for (const [name, outcome] of Object.entries(probe.outcomes as Record<string, Outcome>)) {
      const points = WEIGHTS[probe.id]?.[name] ?? 0;
      if (outcome.severity !== "ok") assert.ok(points <= 0, `${probe.id}.${name} is a finding but earns ${points}`);
      if (outcome.severity === "ok") assert.ok(points >= 0, `${probe.id}.${name} is ok but costs ${points}`);
      if (outcome.severity === "warning" || outcome.severity === "error") assert.ok(points < 0, `${probe.id}.${name} costs nothing`);
    }
  }
});

test("the grade chart is the Observatory's", () => {
  assert.equal(gradeForScore(135), "A+");
  assert.equal(gradeForScore(100), "A+");
  assert.equal(gradeForScore(99), "A");
  assert.equal(gradeForScore(90), "A");
  assert.equal(gradeForScore(85), "A-");
  assert.equal(gradeForScore(80), "B+");
  assert.equal(gradeForScore(70), "B");
  assert.equal(gradeForScore(65), "B-");
  assert.equal(gradeForScore(60), "C+");
  assert.equal(gradeForScore(50), "C");
  assert.equal(gradeForScore(45), "C-");
  assert.equal(gradeForScore(40), "D+");
  assert.equal(gradeForScore(30), "D");
  assert.equal(gradeForScore(25), "D-");
  assert.equal(gradeForScore(24), "F");
  assert.equal(gradeForScore(-40), "F");
  assert.ok(isBelow("B", "A"));
  assert.ok(!isBelow("A+", "A"));
  assert.ok(!isBelow("A", "A"));
  assert.ok(isBelow(null, "F"));
  assert.equal(GRADES.length, 13);
});

test("bonuses count only at 90 and over, once per probe at its worst outcome", () => {
  const good = scoreOutcomes([
    { probe: "hsts", outcome: "preloadReady" },
    { probe: "referrer-policy", outcome: "private" },
    { probe: "csp", outcome: "missing" },
  ]);
  assert.deepEqual([good.score, good.grade], [105, "A+"]);
  const poor = scoreOutcomes([
    { probe: "hsts", outcome: "missing" },
    { probe: "referrer-policy", outcome: "private" },
  ]);
  assert.deepEqual([poor.score, poor.grade], [80, "B+"]);
  const twoCookieProblems = scoreOutcomes([
    { probe: "cookies", outcome: "withoutSecure" },
    { probe: "cookies", outcome: "sessionWithoutSecure" },
  ]);
  assert.equal(twoCookieProblems.score, 60);
  assert.equal(
    scoreOutcomes([
      { probe: "exposed-files", outcome: "exposed" },
      { probe: "debug-page", outcome: "technical404" },
      { probe: "runserver", outcome: "runserver" },
    ]).score,
    0,
  );
  assert.throws(() => scoreOutcomes([{ probe: "hsts", outcome: "nope" }]), /no weight/);
});
