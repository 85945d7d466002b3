/** What the URL-check rules (CFG2xx) share: Django's URL checks replayed on the project's URLconf. */
import { checkUrlConfig, type UrlCheckResult, type UrlMessage, urlNamespaces } from "../../model/urlconf.js";
import type { Verdict } from "../define.js";
import type { World } from "../world.js";

/**
 * The URL checks' messages for ROOT_URLCONF: false when there is no URLconf (Django then skips the
 * checks), undefined when it cannot be read.
 */
export function urlCheckResult(world: World): UrlCheckResult | false | undefined {
  const root = world.value("ROOT_URLCONF");
  const truthy = world.truthy("ROOT_URLCONF");
  if (truthy === false) return false;
  if (root.kind !== "str" || !world.code) return undefined;
  return checkUrlConfig(world.code, root.value, world.series, world);
}

/** Verdicts for the messages with the given check IDs, or false/undefined when there are none. */
export function urlVerdicts<M extends Record<string, string>>(
  world: World,
  ids: readonly string[],
  verdict: (message: UrlMessage) => Omit<Verdict<M>, "at" | "place" | "djangoCheck">,
): Verdict<M>[] | false | undefined {
  const result = urlCheckResult(world);
  if (!result) return result;
  const mine = result.messages.filter((m) => ids.includes(m.id));
  const certain = mine.filter((m) => m.certain);
  if (certain.length > 0) {
    return certain.map((m) => ({
      ...verdict(m),
      at: "ROOT_URLCONF",
      place: { file: m.file, line: m.line, column: m.column },
      djangoCheck: m.id,
    }));
  }
  return result.complete && mine.length === 0 ? false : undefined;
}

/** The namespaces included more than once (urls.W005), each with where it is included. */
export function duplicateNamespaces(world: World): { name: string; file: string; line: number }[] | false | undefined {
  const root = world.value("ROOT_URLCONF");
  const truthy = world.truthy("ROOT_URLCONF");
  if (truthy === false) return false;
  if (root.kind !== "str" || !world.code) return undefined;
  const found = urlNamespaces(world.code, root.value, world);
  if (!found) return undefined;
  const counts = new Map<string, { certain: number; all: number; file: string; line: number }>();
  for (const namespace of found.namespaces) {
    const entry = counts.get(namespace.name) ?? { certain: 0, all: 0, file: namespace.file, line: namespace.line };
    entry.all++;
    if (namespace.certain) entry.certain++;
    // Point at the second place that includes the namespace.
    if (entry.all === 2) Object.assign(entry, { file: namespace.file, line: namespace.line });
    counts.set(namespace.name, entry);
  }
  const duplicates = [...counts].filter(([, c]) => c.certain > 1).map(([name, c]) => ({ name, file: c.file, line: c.line }));
  if (duplicates.length > 0) return duplicates;
  const maybe = [...counts.values()].some((c) => c.all > 1);
  return found.complete && !maybe ? false : undefined;
}
