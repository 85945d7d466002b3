import {
  type AlternativesValue,
  type Deps,
  type ExceptionClass,
  mergeDeps,
  type Namespace,
  type NativeCallArgs,
  type NativeValue,
  type Origin,
  type UnknownValue,
  unknown,
  type Value,
} from "../value.js";
import type { EnvState } from "./env-state.js";
import { raise } from "./exceptions.js";

/**
 * Thrown by helpers when a value they need is not known; the call boundary turns it into the
 * unknown result of the whole call, so natives can be written for known values only.
 */
export class Indeterminate extends Error {
  constructor(readonly value: UnknownValue | AlternativesValue) {
    super("indeterminate");
  }
}

/** What natives may ask of the interpreter running them. */
export interface Host {
  /** os.environ as the current path through the code sees it. */
  readonly env: EnvState;
  /** Absolute folder Python starts in: the project root, as for `manage.py` and app servers. */
  readonly cwd: string;
  /** sys.path as far as the project goes: the folders top-level imports are found in. */
  readonly importRoots: readonly string[];
  readonly djangoVersion: string;
  /** The builtin names (bool, int, str...), for libraries that cast with them. */
  readonly builtins: ReadonlyMap<string, Value>;
  call(callee: Value, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, origin: Origin): Value;
  /** The items of an iterable; throws {@link Indeterminate} when they cannot be known. */
  iterate(value: Value, origin: Origin): readonly Value[];
  attribute(object: Value, name: string, origin: Origin): Value;
  setAttribute(object: Value, name: string, value: Value, origin: Origin): void;
  /** importlib.import_module(name) with an absolute name: imports it (ModuleNotFoundError when absent). */
  importByName(name: string, origin: Origin): Value;
  /** sys.modules[name], for modules the evaluation has imported. */
  moduleNamed(name: string): Value | undefined;
  /** File-system questions about the project tree only; undefined outside it. */
  isFile(absolutePath: string): boolean | undefined;
  isDirectory(absolutePath: string): boolean | undefined;
  /** Reads a small text file inside the project, or undefined when it is absent or outside it. */
  readText(absolutePath: string): string | undefined;
  /** Absolute path of the Python file running at `origin`. */
  absoluteFile(origin: Origin): string;
  literalEval(text: string, origin: Origin): Value;
  /** The globals of the code calling the running native (`sys._getframe(1).f_globals`). */
  callerGlobals(): Namespace;
  /** Runs a project file's code in `namespace`, as `exec(compile(open(path).read(), path, "exec"), namespace)`. */
  execFile(absolutePath: string, namespace: Namespace, origin: Origin): void;
  /** Absolute paths of the project files matching a glob pattern, sorted. */
  glob(absolutePattern: string): string[];
  /** Records a call into a package djship does not evaluate (sentry_sdk.init...), for rules. */
  noteExternalCall(name: string, call: NativeCallArgs): void;
}

export interface NativeOptions {
  /** A pure native has no side effects: it is lifted over alternatives and unknown arguments. */
  pure?: boolean;
  exceptionClass?: ExceptionClass;
  attributes?: ReadonlyMap<string, Value>;
}

const PURE = new WeakSet<NativeValue>();

export function native(name: string, call: NativeValue["call"], options: NativeOptions = {}): NativeValue {
  const value: NativeValue = {
    kind: "native",
    name,
    call,
    ...(options.exceptionClass ? { exceptionClass: options.exceptionClass } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
  };
  if (options.pure) PURE.add(value);
  return value;
}

export function isPure(value: NativeValue): boolean {
  return PURE.has(value);
}

/** Demands a known value, or abandons the current native call as indeterminate. */
export function known(value: Value): Value {
  if (value.kind === "unknown" || value.kind === "alternatives") throw new Indeterminate(value);
  if (value.kind === "external") throw new Indeterminate(unknown(`${value.name} is not evaluated by djship`));
  return value;
}

export function argument(call: NativeCallArgs, index: number, name: string): Value | undefined {
  return call.args[index] ?? call.kwargs.get(name);
}

/**
 * Object types that are os.PathLike (their __fspath__ is the path held as `native`), so that
 * os.path.join(environ.Path(...), ".env") works as in Python.
 */
export const PATH_LIKE_TYPES = new Set<string>();

export function expectString(value: Value | undefined, what: string, origin: Origin): string {
  if (value === undefined) raise("TypeError", `${what} missing`, origin);
  const v = known(value);
  if (v.kind === "str") return v.value;
  if (v.kind === "path") return v.value;
  if (v.kind === "object" && PATH_LIKE_TYPES.has(v.type) && typeof v.native === "string") return v.native;
  return raise("TypeError", `${what} must be str, not ${v.kind}`, origin);
}

/** The dependencies of every argument of a call, for results derived from them. */
export function depsOfCall(call: NativeCallArgs, self?: Value): Deps | undefined {
  let deps = self?.deps;
  for (const arg of call.args) deps = mergeDeps(deps, arg.deps);
  for (const arg of call.kwargs.values()) deps = mergeDeps(deps, arg.deps);
  return deps;
}
