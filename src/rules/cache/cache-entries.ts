import { djangoClass, FILE_BASED_CACHE } from "../../django/known-code.js";
import type { Value } from "../../python/value.js";
import type { Tri, World } from "../world.js";

/** One CACHES entry: its alias and its dict. */
export interface CacheEntry {
  readonly alias: string;
  readonly config: Extract<Value, { kind: "dict" }>;
}

/** The CACHES entries, or undefined when the setting or an alias is not known. */
export function cacheEntries(world: World): CacheEntry[] | undefined {
  const caches = world.value("CACHES");
  if (caches.kind !== "dict") return undefined;
  const out: CacheEntry[] = [];
  for (const { key, value } of caches.entries.values()) {
    if (key.kind !== "str" || value.kind !== "dict") return undefined;
    out.push({ alias: key.value, config: value });
  }
  return out;
}

/** isinstance(caches[alias], FileBasedCache): the BACKEND is FileBasedCache or a subclass of it. */
export function isFileBasedCache(world: World, entry: CacheEntry): Tri {
  const backend = entry.config.entries.get("s:BACKEND")?.value;
  if (backend?.kind !== "str") return undefined;
  const ancestors = djangoClass(backend.value);
  if (ancestors) return ancestors.includes(FILE_BASED_CACHE);
  if (!world.code || backend.value.startsWith("django.")) return undefined;
  return world.code.isSubclass(world.code.dotted(backend.value), FILE_BASED_CACHE);
}
