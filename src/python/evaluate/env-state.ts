import type { Json } from "../value.js";

/**
 * Which environment the settings are read for.
 * - `exact`: exactly these variables and no others, as on a server: a required one that is missing
 *   stops the settings from loading.
 * - `any`: every variable is unknown; required ones are assumed provided.
 * - `unset`: every optional variable takes the default the code gives it; required ones are
 *   assumed provided. This is the world an insecure default shows up in.
 */
export type EnvironmentMode =
  | { readonly kind: "exact"; readonly variables: ReadonlyMap<string, string> }
  | { readonly kind: "any" }
  | {
      readonly kind: "unset";
      /**
       * Variables the settings refuse to load without (they raise right after reading one unset):
       * assumed provided, as `os.environ["X"]` is (model/settings.ts finds them).
       */
      readonly required?: ReadonlySet<string>;
    };

export type EnvLookup =
  | { readonly state: "set"; readonly value: string; readonly source: "environment" | "code" }
  | { readonly state: "unset" }
  | { readonly state: "unknown"; readonly fallback?: string };

type Override = { state: "set"; value: string } | { state: "deleted" } | { state: "fallback"; value: string };

/** os.environ as the settings see it: the chosen mode plus what the code itself set. */
export class EnvState {
  private readonly overrides: Map<string, Override>;

  constructor(
    readonly mode: EnvironmentMode,
    overrides?: Map<string, Override>,
    /** The last variable read as unset, shared by every clone (the branches of one evaluation). */
    readonly unsetReads: { last: string | undefined } = { last: undefined },
  ) {
    this.overrides = overrides ?? new Map();
  }

  clone(): EnvState {
    return new EnvState(this.mode, new Map(this.overrides), this.unsetReads);
  }

  lookup(name: string): EnvLookup {
    const override = this.overrides.get(name);
    if (override?.state === "set") return { state: "set", value: override.value, source: "code" };
    if (override?.state === "deleted") return { state: "unset" };
    switch (this.mode.kind) {
      case "exact": {
        const value = this.mode.variables.get(name);
        if (value !== undefined) return { state: "set", value, source: "environment" };
        if (override?.state === "fallback") return { state: "set", value: override.value, source: "code" };
        return { state: "unset" };
      }
      case "unset":
        if (override?.state === "fallback") return { state: "set", value: override.value, source: "code" };
        if (this.mode.required?.has(name)) return { state: "unknown" };
        this.unsetReads.last = name;
        return { state: "unset" };
      case "any":
        return override?.state === "fallback" ? { state: "unknown", fallback: override.value } : { state: "unknown" };
    }
  }

  /** os.environ[name] = value. */
  set(name: string, value: string): void {
    this.overrides.set(name, { state: "set", value });
  }

  /** os.environ.setdefault(name, value), and what .env readers do: the environment wins. */
  setDefault(name: string, value: string): void {
    const current = this.lookup(name);
    if (current.state === "set" || current.state === "unknown") {
      if (current.state === "unknown" && current.fallback === undefined) {
        this.overrides.set(name, { state: "fallback", value });
      }
      return;
    }
    this.overrides.set(name, { state: "fallback", value });
  }

  delete(name: string): void {
    this.overrides.set(name, { state: "deleted" });
  }

  /** Whether the code can know the full set of variables (only in the exact mode). */
  get isExact(): boolean {
    return this.mode.kind === "exact";
  }

  /** Every variable known to be set, for `os.environ.copy()` and friends in the exact mode. */
  knownVariables(): Map<string, string> | undefined {
    if (this.mode.kind !== "exact") return undefined;
    const all = new Map(this.mode.variables);
    for (const [name, override] of this.overrides) {
      if (override.state === "set") all.set(name, override.value);
      else if (override.state === "deleted") all.delete(name);
      else if (!all.has(name)) all.set(name, override.value);
    }
    return all;
  }
}

/** The JSON form of a default as the contract's envDefaults records it. */
export type EnvDefault = Json;
