import type { Json } from "../python/value.js";
import data from "./data/global-settings.json" with { type: "json" };
import type { DjangoSeries } from "./versions.js";

interface DefaultsData {
  base: string;
  values: Record<string, Json>;
  series: Record<string, { set: Record<string, Json>; removed: string[] }>;
}

const cache = new Map<string, ReadonlyMap<string, Json>>();

/**
 * Django's global defaults for a release series: what `diffsettings --all` lists for a project that
 * sets nothing. The data comes from django/conf/global_settings.py of each series.
 */
export function globalDefaults(series: DjangoSeries): ReadonlyMap<string, Json> {
  const cached = cache.get(series);
  if (cached) return cached;
  const source = data as unknown as DefaultsData;
  const delta = source.series[series] ?? { set: {}, removed: [] };
  const values = new Map<string, Json>(Object.entries(source.values));
  for (const name of delta.removed) values.delete(name);
  for (const [name, value] of Object.entries(delta.set)) values.set(name, value);
  const sorted = new Map([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  cache.set(series, sorted);
  return sorted;
}
