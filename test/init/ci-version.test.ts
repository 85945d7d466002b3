/**
 * The pipelines init writes run the djship release that wrote them: the version in
 * `npx djship@VERSION audit` is package.json's, for every CI provider.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { planInit } from "../../src/init/plan.js";
import { CI_PROVIDERS } from "../../src/init/types.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { cleanup, copyFixture } from "./harness.js";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

test("every pipeline's djship audit runs package.json's version of djship", async () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  for (const ci of CI_PROVIDERS) {
    const plan = await planInit(dir, { ci, only: ["ci"] });
    const pipeline = plan.files.find((f) => f.part === "ci");
    const pinned = [...(pipeline?.content ?? "").matchAll(/npx --yes djship@([^\s"']+)/g)].map((m) => m[1]);
    assert.ok(pinned.length > 0, `${ci}: no npx djship@ line in ${pipeline?.path}`);
    assert.deepEqual(new Set(pinned), new Set([version]), ci);
  }
});
