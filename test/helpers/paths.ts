import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, from dist/test/helpers/ or test/helpers/. */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return resolve(".");
})();

export const FIXTURES = join(REPO_ROOT, "test", "fixtures");
export const EXAMPLES = join(REPO_ROOT, "examples");
/** The team's shared folder (schemas, tools): beside the repository, or where DJSHIP_SHARED says. */
export const SHARED =
  [process.env.DJSHIP_SHARED, resolve(REPO_ROOT, "..", "shared"), "/work/shared"].find(
    (candidate): candidate is string => candidate !== undefined && candidate !== "" && existsSync(join(candidate, "schemas")),
  ) ?? resolve(REPO_ROOT, "..", "shared");
