// Shapes shared by rules of every area for their findings: one finding per place, process names in messages.

/**
 * One finding per line: processes that share the line a problem is written on (a gunicorn.conf.py,
 * an entrypoint script, a CMD that compose and Kubernetes run too) have one problem, reported once
 * with all their names. Groups keep the order of their first hit.
 */
export function oncePerPlace<T>(
  hits: readonly T[],
  place: (hit: T) => { readonly file: string; readonly line: number },
  kind: (hit: T) => string = () => "",
): T[][] {
  const groups = new Map<string, T[]>();
  for (const hit of hits) {
    const { file, line } = place(hit);
    const key = `${kind(hit)}\u0000${file}:${line}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return [...groups.values()];
}

/**
 * Process names for a message ("web", "web and worker", "web, worker and Deployment/web") with
 * the verbs that agree with them: `{name} {runs}`, `{has}`.
 */
export function processNames(names: readonly string[]): { name: string; runs: string; has: string } {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return { name: unique[0] ?? "", runs: "runs", has: "has" };
  return { name: `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`, runs: "run", has: "have" };
}
