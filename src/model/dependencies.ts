import type { Dependency } from "../artifacts/requirements/dependencies.js";
import { normalizeName } from "../artifacts/requirements/parse.js";

export { collectDependencies, type Dependency } from "../artifacts/requirements/dependencies.js";

/** The dependencies a production install has: every non-development declaration, by name. */
export class Dependencies {
  readonly all: readonly Dependency[];
  private readonly byName = new Map<string, Dependency[]>();

  constructor(all: readonly Dependency[]) {
    this.all = all;
    for (const dep of all) {
      const list = this.byName.get(dep.name) ?? [];
      list.push(dep);
      this.byName.set(dep.name, list);
    }
  }

  /** Whether any of these packages is declared for production (names are normalised). */
  has(...names: string[]): boolean {
    return names.some((name) => (this.byName.get(normalizeName(name)) ?? []).some((d) => !d.dev));
  }

  /** The first production declaration of a package, for findings to point at. */
  find(...names: string[]): Dependency | undefined {
    for (const name of names) {
      const found = (this.byName.get(normalizeName(name)) ?? []).find((d) => !d.dev);
      if (found) return found;
    }
    return undefined;
  }

  /** Whether the project declares any dependencies at all (a project without them cannot be judged). */
  get isEmpty(): boolean {
    return this.all.length === 0;
  }
}
