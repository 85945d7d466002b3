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
