import assert from "node:assert/strict";
import { test } from "node:test";
import { isoDay, setToday, today } from "./clock.js";

test("the clock can be fixed and released", () => {
  setToday("2026-11-25");
  assert.equal(isoDay(today()), "2026-11-25");
  setToday(undefined);
  assert.equal(isoDay(today()), new Date().toISOString().slice(0, 10));
  assert.throws(() => setToday("25/11/2026"));
});

test("DJSHIP_TODAY makes a run reproducible", () => {
  process.env.DJSHIP_TODAY = "2027-01-02";
  try {
    assert.equal(isoDay(today()), "2027-01-02");
  } finally {
    delete process.env.DJSHIP_TODAY;
  }
});
