import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeThreeWay } from "./merge.js";

const BASE = "workers = 2\ntimeout = 30\n\nloglevel = 'info'\n";

test("the team's edit and a template change in different places both land", () => {
  const ours = BASE.replace("workers = 2", "workers = 8  # our box has 8 cores");
  const theirs = BASE.replace("loglevel = 'info'", "loglevel = 'warning'");
  assert.deepEqual(mergeThreeWay(ours, BASE, theirs), {
    text: "workers = 8  # our box has 8 cores\ntimeout = 30\n\nloglevel = 'warning'\n",
    conflicts: 0,
  });
});

test("an unedited file takes the template change; an unchanged template keeps the edit", () => {
  const theirs = BASE.replace("timeout = 30", "timeout = 25");
  assert.deepEqual(mergeThreeWay(BASE, BASE, theirs), { text: theirs, conflicts: 0 });
  const ours = `${BASE}preload_app = True\n`;
  assert.deepEqual(mergeThreeWay(ours, BASE, BASE), { text: ours, conflicts: 0 });
});

test("the same line changed both ways is a conflict that keeps all three versions", () => {
  const ours = BASE.replace("timeout = 30", "timeout = 120");
  const theirs = BASE.replace("timeout = 30", "timeout = 25");
  const merged = mergeThreeWay(ours, BASE, theirs);
  assert.equal(merged.conflicts, 1);
  assert.equal(
    merged.text,
    "workers = 2\n<<<<<<< the file now\ntimeout = 120\n||||||| what djship init wrote last time\ntimeout = 30\n=======\ntimeout = 25\n>>>>>>> what djship init writes now\n\nloglevel = 'info'\n",
  );
});

test("the same change made on both sides is no conflict", () => {
  const both = BASE.replace("timeout = 30", "timeout = 25");
  assert.deepEqual(mergeThreeWay(both, BASE, both), { text: both, conflicts: 0 });
});
