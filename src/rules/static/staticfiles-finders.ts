import { djangoClass, FILE_SYSTEM_FINDER } from "../../django/known-code.js";
import type { Value } from "../../python/value.js";
import type { Tri, World } from "../world.js";

/**
 * Whether FileSystemFinder.check() runs: contrib.staticfiles registers check_finders in its
 * AppConfig.ready(), and it checks every finder of STATICFILES_FINDERS that is a FileSystemFinder.
 */
export function fileSystemFinderChecks(world: World): Tri {
  const installed = world.installed("django.contrib.staticfiles");
  if (installed === false) return false;
  const finders = world.items("STATICFILES_FINDERS");
  let found: Tri = finders ? false : undefined;
  for (const finder of finders ?? []) {
    let isFinder: Tri;
    if (finder.kind !== "str") isFinder = undefined;
    else {
      const ancestors = djangoClass(finder.value);
      if (ancestors) isFinder = ancestors.includes(FILE_SYSTEM_FINDER);
      else if (finder.value.startsWith("django.") || !world.code) isFinder = undefined;
      else isFinder = world.code.isSubclass(world.code.dotted(finder.value), FILE_SYSTEM_FINDER);
    }
    if (isFinder === true) {
      found = true;
      break;
    }
    if (isFinder === undefined) found = undefined;
  }
  if (found === false) return false;
  return installed === true ? found : undefined;
}

/** One STATICFILES_DIRS entry: a folder, or a (prefix, folder) pair. */
export interface StaticDir {
  readonly index: number;
  readonly prefix: Value | undefined;
  readonly root: Value;
}

/** The STATICFILES_DIRS entries, or undefined when the setting is not a known list or tuple. */
export function staticDirs(world: World): StaticDir[] | undefined {
  const dirs = world.value("STATICFILES_DIRS");
  if (dirs.kind !== "list" && dirs.kind !== "tuple") return undefined;
  const out: StaticDir[] = [];
  for (const [index, item] of dirs.items.entries()) {
    if (item.kind === "list" || item.kind === "tuple") {
      // `prefix, root = root`: anything but a pair raises ValueError in the check.
      if (item.items.length !== 2) return undefined;
      out.push({ index, prefix: item.items[0], root: item.items[1] as Value });
    } else out.push({ index, prefix: undefined, root: item });
  }
  return out;
}
