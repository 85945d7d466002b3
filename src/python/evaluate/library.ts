/**
 * What a natively modelled Python library is, and the helpers every such library shares. A library
 * is one module of its own (stdlib.ts, environ.ts, decouple.ts...) that names the import roots it
 * answers for; the interpreter is handed a registry of them and knows none by name.
 */
import {
  type Deps,
  envDeps,
  type Json,
  type ModuleValue,
  type Namespace,
  type Origin,
  str,
  type UnknownValue,
  unknown,
  type Value,
} from "../value.js";
import type { Host } from "./natives.js";

/** A library djship models itself instead of reading its code (which would be executing it). */
export interface NativeLibrary {
  /** The top-level import names it answers for: `environ`, `decouple`, `os`... */
  readonly roots: readonly string[];
  /**
   * The module value for a dotted name under one of its roots; undefined leaves the module external
   * (its attributes become unknown, its calls are recorded for rules).
   */
  module(name: string, host: Host, origin: Origin): Value | undefined;
  /**
   * Runs after the settings module itself executed, for libraries that hook Django's import of it
   * (django-configurations' importer turns a class into the module's attributes).
   */
  loadSettingsModule?(namespace: Namespace, moduleName: string, host: Host): void;
}

/** The libraries one interpreter models, looked up by import root. */
export class LibraryRegistry {
  private readonly byRoot = new Map<string, NativeLibrary>();

  constructor(libraries: readonly NativeLibrary[]) {
    for (const library of libraries) {
      for (const root of library.roots) {
        if (this.byRoot.has(root)) throw new Error(`two native libraries claim the import root '${root}'`);
        this.byRoot.set(root, library);
      }
    }
  }

  /** Whether `root` (a top-level import name) is modelled natively. */
  has(root: string): boolean {
    return this.byRoot.has(root);
  }

  module(name: string, host: Host, origin: Origin): Value | undefined {
    const root = name.split(".")[0] as string;
    return this.byRoot.get(root)?.module(name, host, origin);
  }

  /** Every library's settings-module hook, in registration order. */
  loadSettingsModule(namespace: Namespace, moduleName: string, host: Host): void {
    for (const library of new Set(this.byRoot.values())) library.loadSettingsModule?.(namespace, moduleName, host);
  }
}

/** A module value built from native attributes. */
export function moduleOf(name: string, attributes: Record<string, Value>): ModuleValue {
  const namespace: Namespace = new Map();
  for (const [key, value] of Object.entries(attributes)) namespace.set(key, { value, origin: null });
  namespace.set("__name__", { value: str(name), origin: null });
  return { kind: "module", name, namespace, isNative: true };
}

export type EnvRead =
  | { state: "set"; value: string; deps: Deps }
  | { state: "unset"; deps: Deps }
  | { state: "unknown"; deps: Deps; value: UnknownValue };

/**
 * Reads one environment variable for a library call, recording the dependency and the default the
 * code uses for it. The one place every os.environ / django-environ / decouple read goes through.
 */
export function readEnv(host: Host, name: string, fallback: Json, origin: Origin): EnvRead {
  const found = host.env.lookup(name);
  if (found.state === "set") return { state: "set", value: found.value, deps: envDeps(name, fallback, false) };
  if (found.state === "unset") return { state: "unset", deps: envDeps(name, fallback, true) };
  const deps = envDeps(name, found.fallback ?? fallback, false);
  return { state: "unknown", deps, value: unknown(`the value of ${name} in the environment`, origin, deps) };
}

/**
 * A required variable that is not set: in the exact environment the settings stop loading; when
 * reading for any environment, djship assumes it is provided.
 */
export function missingRequired(host: Host, name: string, origin: Origin, fail: () => never): Value {
  if (host.env.mode.kind === "exact") return fail();
  return unknown(`the value of ${name}, a required variable assumed to be set`, origin, envDeps(name, null, false));
}
