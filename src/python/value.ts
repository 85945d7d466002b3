/**
 * The values of the abstract interpreter: Python's own values where djship can know them, and
 * explicit unknowns and alternatives where it cannot. Containers are mutable JS objects so that
 * `from .base import *` followed by `MIDDLEWARE.append(...)` shares one list, as in Python.
 */

export interface Origin {
  /** Project-relative POSIX path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Environment variables a value depends on, with the default the code uses for each. */
export interface Deps {
  /** Variable name → the default the code falls back to (null when it has none). */
  readonly env: ReadonlyMap<string, Json>;
  /** Variables that were unset when the value was computed, so their defaults were used. */
  readonly unset: ReadonlySet<string>;
}

interface Base {
  deps?: Deps;
}

export interface NoneValue extends Base {
  readonly kind: "none";
}
export interface BoolValue extends Base {
  readonly kind: "bool";
  readonly value: boolean;
}
export interface IntValue extends Base {
  readonly kind: "int";
  readonly value: number;
}
export interface FloatValue extends Base {
  readonly kind: "float";
  readonly value: number;
}
export interface StrValue extends Base {
  readonly kind: "str";
  readonly value: string;
}
export interface BytesValue extends Base {
  readonly kind: "bytes";
  readonly value: string;
}
export interface ListValue extends Base {
  readonly kind: "list";
  items: Value[];
}
export interface TupleValue extends Base {
  readonly kind: "tuple";
  readonly items: readonly Value[];
}
export interface SetValue extends Base {
  readonly kind: "set";
  items: Value[];
  readonly frozen?: boolean;
}
export interface DictValue extends Base {
  readonly kind: "dict";
  /** Keyed by {@link hashKey} of the Python key, in insertion order. */
  entries: Map<string, { key: Value; value: Value }>;
}
/** A pathlib.Path, held as the absolute or relative POSIX string Python would print. */
export interface PathValue extends Base {
  readonly kind: "path";
  readonly value: string;
}
export interface ModuleValue extends Base {
  readonly kind: "module";
  readonly name: string;
  readonly namespace: Namespace;
  /** A standard-library or library module djship models: names it does not model are unknown, not missing. */
  readonly isNative?: boolean;
}
/** Something from a package djship does not model (sentry_sdk, celery...): known by name only. */
export interface ExternalValue extends Base {
  readonly kind: "external";
  readonly name: string;
}
export interface FunctionValue extends Base {
  readonly kind: "function";
  readonly name: string;
  readonly definition: unknown;
  readonly globals: Namespace;
  readonly defaults: ReadonlyMap<string, Value>;
}
export type NativeCall = (call: NativeCallArgs) => Value;
export interface NativeCallArgs {
  readonly args: readonly Value[];
  readonly kwargs: ReadonlyMap<string, Value>;
  readonly origin: Origin;
}
/** A function implemented by djship: a builtin, a method bound to `self`, or a library call. */
export interface NativeValue extends Base {
  readonly kind: "native";
  readonly name: string;
  readonly call: NativeCall;
  /** Set when calling this native constructs an exception, so `except` clauses can match it. */
  readonly exceptionClass?: ExceptionClass;
  /** Attributes of a native class or module-like object (`environ.Env.read_env`). */
  readonly attributes?: ReadonlyMap<string, Value>;
}
/** An instance of a class djship models natively (environ.Env, Csv, ParseResult, timedelta...). */
export interface ObjectValue extends Base {
  readonly kind: "object";
  readonly type: string;
  readonly attributes: Map<string, Value>;
  readonly native?: unknown;
  /** The class an instance was made from, for instances of classes the settings define. */
  readonly cls?: ClassValue;
}
export interface ClassValue extends Base {
  readonly kind: "class";
  readonly name: string;
  readonly attributes: Map<string, Value>;
  readonly exceptionClass?: ExceptionClass;
  /** Its bases, in the order written; classes only, for attribute lookup along the MRO. */
  readonly bases?: readonly ClassValue[];
  /** Set when a base could not be evaluated (an external package's class): missing attributes are unknown. */
  readonly hasOpaqueBase?: boolean;
  /** Where the class body assigned each attribute, for settings taken from a class. */
  readonly attributeOrigins?: ReadonlyMap<string, Origin>;
}
export interface ExceptionValue extends Base {
  readonly kind: "exception";
  readonly exceptionClass: ExceptionClass;
  readonly message: string;
  /** The environment variable whose absence raised it, when that is what happened. */
  readonly variable?: string;
}
export interface UnknownValue extends Base {
  readonly kind: "unknown";
  readonly reason: string;
  readonly origin?: Origin;
}
export interface Alternative {
  readonly value: Value;
  readonly origin: Origin | null;
}
/** The value differs between paths through code whose conditions djship cannot decide. */
export interface AlternativesValue extends Base {
  readonly kind: "alternatives";
  readonly options: readonly Alternative[];
}
/** A name no path assigned: in an alternative, the setting keeps Django's default. */
export interface UnboundValue extends Base {
  readonly kind: "unbound";
}

export type Value =
  | NoneValue
  | BoolValue
  | IntValue
  | FloatValue
  | StrValue
  | BytesValue
  | ListValue
  | TupleValue
  | SetValue
  | DictValue
  | PathValue
  | ModuleValue
  | ExternalValue
  | FunctionValue
  | NativeValue
  | ObjectValue
  | ClassValue
  | ExceptionValue
  | UnknownValue
  | AlternativesValue
  | UnboundValue;

export interface Binding {
  value: Value;
  /** Where the name was last assigned; null for builtins and defaults. */
  origin: Origin | null;
}

export type Namespace = Map<string, Binding>;

export interface ExceptionClass {
  readonly name: string;
  /** This class and its bases, nearest first, ending at BaseException. */
  readonly mro: readonly string[];
}

export const NONE: NoneValue = Object.freeze({ kind: "none" });
export const TRUE: BoolValue = Object.freeze({ kind: "bool", value: true });
export const FALSE: BoolValue = Object.freeze({ kind: "bool", value: false });
export const UNBOUND: UnboundValue = Object.freeze({ kind: "unbound" });

export function bool(value: boolean, deps?: Deps): BoolValue {
  return deps ? { kind: "bool", value, deps } : value ? TRUE : FALSE;
}
export function int(value: number, deps?: Deps): IntValue {
  return deps ? { kind: "int", value, deps } : { kind: "int", value };
}
export function float(value: number, deps?: Deps): FloatValue {
  return deps ? { kind: "float", value, deps } : { kind: "float", value };
}
export function str(value: string, deps?: Deps): StrValue {
  return deps ? { kind: "str", value, deps } : { kind: "str", value };
}
export function list(items: Value[], deps?: Deps): ListValue {
  return deps ? { kind: "list", items, deps } : { kind: "list", items };
}
export function tuple(items: readonly Value[], deps?: Deps): TupleValue {
  return deps ? { kind: "tuple", items, deps } : { kind: "tuple", items };
}
export function path(value: string, deps?: Deps): PathValue {
  return deps ? { kind: "path", value, deps } : { kind: "path", value };
}
/**
 * The reason of an unknown value drawn at random when the process starts (get_random_secret_key(),
 * secrets.token_urlsafe()): it differs between processes and between deploys.
 */
export const RANDOM_AT_START = "a random value, different at every start of every process";

export function unknown(reason: string, origin?: Origin, deps?: Deps): UnknownValue {
  const value: UnknownValue = origin ? { kind: "unknown", reason, origin } : { kind: "unknown", reason };
  if (deps) value.deps = deps;
  return value;
}
export function dict(pairs: Iterable<readonly [Value, Value]> = [], deps?: Deps): DictValue {
  const entries = new Map<string, { key: Value; value: Value }>();
  for (const [key, value] of pairs) {
    const hash = hashKey(key);
    if (hash !== undefined) entries.set(hash, { key, value });
  }
  return deps ? { kind: "dict", entries, deps } : { kind: "dict", entries };
}
/** A dict with string keys, the common case for library results such as a DATABASES entry. */
export function strDict(record: Record<string, Value>, deps?: Deps): DictValue {
  return dict(
    Object.entries(record).map(([key, value]) => [str(key), value] as const),
    deps,
  );
}

/**
 * The key Python's dict would file a value under. Equal keys hash alike across types as in Python
 * (True == 1 == 1.0); unhashable or unknown keys have no hash.
 */
export function hashKey(key: Value): string | undefined {
  switch (key.kind) {
    case "none":
      return "None";
    case "bool":
      return `n:${key.value ? 1 : 0}`;
    case "int":
    case "float":
      return `n:${key.value}`;
    case "str":
      return `s:${key.value}`;
    case "bytes":
      return `b:${key.value}`;
    case "path":
      return `p:${key.value}`;
    case "tuple": {
      const parts: string[] = [];
      for (const item of key.items) {
        const hash = hashKey(item);
        if (hash === undefined) return undefined;
        parts.push(hash);
      }
      return `t:(${parts.join(",")})`;
    }
    case "external":
      return `x:${key.name}`;
    case "object": {
      // A str/int enumeration member hashes as its value; instances of the settings' own classes by identity.
      const mixed = enumMixinValue(key);
      if (mixed) return hashKey(mixed);
      return key.cls ? `i:${identityOf(key)}` : undefined;
    }
    case "class":
    case "function":
    case "native":
    case "module":
      return `i:${identityOf(key)}`;
    default:
      return undefined;
  }
}

const IDENTITIES = new WeakMap<object, number>();
let nextIdentity = 0;

/** A number for an object, stable while it lives: what id() and the default __hash__ use. */
function identityOf(value: object): number {
  let id = IDENTITIES.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    IDENTITIES.set(value, id);
  }
  return id;
}

const EMPTY_ENV: ReadonlyMap<string, Json> = new Map();
const EMPTY_UNSET: ReadonlySet<string> = new Set();

/** The union of several dependency sets; the first default recorded for a variable wins. */
export function mergeDeps(...all: (Deps | undefined)[]): Deps | undefined {
  let result: Deps | undefined;
  for (const deps of all) {
    if (!deps || (deps.env.size === 0 && deps.unset.size === 0)) continue;
    if (!result) {
      result = deps;
      continue;
    }
    if (result === deps) continue;
    const env = new Map(result.env);
    for (const [name, fallback] of deps.env) if (!env.has(name)) env.set(name, fallback);
    const unset = new Set(result.unset);
    for (const name of deps.unset) unset.add(name);
    result = { env, unset };
  }
  return result;
}

export function envDeps(name: string, fallback: Json, isUnset: boolean): Deps {
  return { env: new Map([[name, fallback]]), unset: isUnset ? new Set([name]) : EMPTY_UNSET };
}

export function noDeps(): Deps {
  return { env: EMPTY_ENV, unset: EMPTY_UNSET };
}

/** A copy of a scalar with extra dependencies; containers get the dependencies on the container. */
export function withDeps<V extends Value>(value: V, deps: Deps | undefined): V {
  if (!deps || (deps.env.size === 0 && deps.unset.size === 0)) return value;
  const merged = mergeDeps(value.deps, deps);
  if (merged === value.deps) return value;
  return { ...value, deps: merged } as V;
}

/** Every dependency of a value, its items and its alternatives included. */
export function collectDeps(value: Value, seen = new Set<Value>()): Deps | undefined {
  if (seen.has(value)) return undefined;
  seen.add(value);
  let deps = value.deps;
  switch (value.kind) {
    case "list":
    case "tuple":
    case "set":
      for (const item of value.items) deps = mergeDeps(deps, collectDeps(item, seen));
      break;
    case "dict":
      for (const { key, value: item } of value.entries.values()) {
        deps = mergeDeps(deps, collectDeps(key, seen), collectDeps(item, seen));
      }
      break;
    case "alternatives":
      for (const option of value.options) deps = mergeDeps(deps, collectDeps(option.value, seen));
      break;
    default:
      break;
  }
  return deps;
}

/** True when a value, or anything inside it, could not be evaluated. */
export function containsUnknown(value: Value, seen = new Set<Value>()): boolean {
  if (seen.has(value)) return false;
  seen.add(value);
  switch (value.kind) {
    case "unknown":
    case "alternatives":
    case "external":
      return true;
    case "list":
    case "tuple":
    case "set":
      return value.items.some((item) => containsUnknown(item, seen));
    case "dict":
      for (const { key, value: item } of value.entries.values()) {
        if (containsUnknown(key, seen) || containsUnknown(item, seen)) return true;
      }
      return false;
    default:
      return false;
  }
}

/** The first unknown inside a value, to explain why the whole is not known. */
export function firstUnknown(value: Value, seen = new Set<Value>()): UnknownValue | AlternativesValue | undefined {
  if (seen.has(value)) return undefined;
  seen.add(value);
  switch (value.kind) {
    case "unknown":
    case "alternatives":
      return value;
    case "external":
      return unknown(`${value.name} comes from a package djship does not evaluate`);
    case "list":
    case "tuple":
    case "set":
      for (const item of value.items) {
        const found = firstUnknown(item, seen);
        if (found) return found;
      }
      return undefined;
    case "dict":
      for (const { key, value: item } of value.entries.values()) {
        const found = firstUnknown(key, seen) ?? firstUnknown(item, seen);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Python's truthiness: true, false, or undefined when it depends on what djship cannot know. */
export function truthy(value: Value): boolean | undefined {
  switch (value.kind) {
    case "none":
      return false;
    case "bool":
      return value.value;
    case "int":
    case "float":
      return value.value !== 0;
    case "str":
    case "bytes":
      return value.value.length > 0;
    case "list":
    case "tuple":
    case "set":
      return value.items.length > 0;
    case "dict":
      return value.entries.size > 0;
    case "path":
    case "module":
    case "function":
    case "native":
    case "class":
    case "exception":
      return true;
    case "object":
      return objectTruthiness(value);
    case "alternatives": {
      const answers = new Set(value.options.map((option) => truthy(option.value)));
      return answers.size === 1 ? [...answers][0] : undefined;
    }
    default:
      return undefined;
  }
}

function objectTruthiness(value: ObjectValue): boolean | undefined {
  // A ParseResult is a tuple of six strings, so it is always truthy; timedelta(0) is falsy.
  if (value.type === "datetime.timedelta") {
    const seconds = value.attributes.get("_seconds");
    return seconds?.kind === "float" || seconds?.kind === "int" ? seconds.value !== 0 : undefined;
  }
  return true;
}

/** Python's type name, as `type(x).__name__` would print it, for messages. */
export function typeName(value: Value): string {
  switch (value.kind) {
    case "none":
      return "NoneType";
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float":
      return "float";
    case "str":
      return "str";
    case "bytes":
      return "bytes";
    case "list":
      return "list";
    case "tuple":
      return "tuple";
    case "set":
      return value.frozen ? "frozenset" : "set";
    case "dict":
      return "dict";
    case "path":
      return "PosixPath";
    case "module":
      return "module";
    case "function":
      return "function";
    case "native":
      return "builtin_function_or_method";
    case "object":
      return value.type.split(".").pop() ?? value.type;
    case "class":
      return "type";
    case "exception":
      return value.exceptionClass.name;
    default:
      return "object";
  }
}

/**
 * Python equality, or undefined when an operand is unknown. Mirrors `==` for the builtin types:
 * 1 == 1.0 == True, tuples and lists never equal each other, a Path equals only a Path.
 */
/** Where a member of a str or int mixin enumeration (StrEnum, IntEnum) keeps the value it compares equal to. */
export const ENUM_MIXIN = "__djship_enum_mixin__";

/** The value a mixin enumeration member stands for in comparisons, when `value` is one. */
export function enumMixinValue(value: Value): Value | undefined {
  if (value.kind !== "object" || typeof value.native !== "object" || value.native === null) return undefined;
  return (value.native as Record<string, Value | undefined>)[ENUM_MIXIN];
}

export function pyEquals(a: Value, b: Value, depth = 0): boolean | undefined {
  if (depth > 100) return undefined;
  const mixedA = enumMixinValue(a);
  const mixedB = enumMixinValue(b);
  if ((mixedA || mixedB) && a !== b) return pyEquals(mixedA ?? a, mixedB ?? b, depth + 1);
  if (a.kind === "alternatives" || b.kind === "alternatives") {
    const left = a.kind === "alternatives" ? a.options.map((o) => o.value) : [a];
    const right = b.kind === "alternatives" ? b.options.map((o) => o.value) : [b];
    const answers = new Set<boolean | undefined>();
    for (const x of left) for (const y of right) answers.add(pyEquals(x, y, depth + 1));
    return answers.size === 1 ? [...answers][0] : undefined;
  }
  if (a.kind === "unknown" || b.kind === "unknown" || a.kind === "external" || b.kind === "external") {
    // Still decidable in one case: an unknown compared with None is not known either way.
    return undefined;
  }
  const numeric = (v: Value): number | undefined =>
    v.kind === "bool" ? (v.value ? 1 : 0) : v.kind === "int" || v.kind === "float" ? v.value : undefined;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a.kind !== b.kind) {
    const setLike = (k: string) => k === "set";
    if (setLike(a.kind) && setLike(b.kind)) return undefined;
    return false;
  }
  switch (a.kind) {
    case "none":
      return true;
    case "str":
    case "bytes":
    case "path":
      return a.value === (b as StrValue).value;
    case "list":
    case "tuple": {
      const other = b as ListValue | TupleValue;
      if (a.items.length !== other.items.length) return false;
      let result: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const same = pyEquals(a.items[i] as Value, other.items[i] as Value, depth + 1);
        if (same === false) return false;
        if (same === undefined) result = undefined;
      }
      return result;
    }
    case "set": {
      const other = b as SetValue;
      const mine = new Set(a.items.map((item) => hashKey(item)));
      const theirs = new Set(other.items.map((item) => hashKey(item)));
      if (mine.has(undefined) || theirs.has(undefined)) return undefined;
      return mine.size === theirs.size && [...mine].every((hash) => theirs.has(hash));
    }
    case "dict": {
      const other = b as DictValue;
      if (a.entries.size !== other.entries.size) return false;
      let result: boolean | undefined = true;
      for (const [hash, entry] of a.entries) {
        const theirs = other.entries.get(hash);
        if (!theirs) return false;
        const same = pyEquals(entry.value, theirs.value, depth + 1);
        if (same === false) return false;
        if (same === undefined) result = undefined;
      }
      return result;
    }
    case "object":
      return a === b ? true : undefined;
    default:
      return a === b;
  }
}

/**
 * What str.isprintable() refuses, which repr() escapes: control, format, surrogate, private-use and
 * unassigned code points, and separators other than the space.
 * https://docs.python.org/3/library/stdtypes.html#str.isprintable
 */
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Python's repr() of a string: single quotes unless the text holds a single quote and no double. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    // Space to tilde are all printable: the Unicode pattern (costly to compile) is for the rest only.
    else if ((code < 0x20 || code > 0x7e) && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(code);
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a float: shortest round-trip digits, with Python's exponent spelling. */
export function reprFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  // The shortest digits that round-trip (what toExponential gives without an argument), laid out as
  // Python's float_repr_style 'short' does: positional for exponents -4 to 15, else d.ddde+XX.
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    const digits = mantissa.replace(".", "");
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    if (digits.length > exponent + 1) return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    return `${sign}${digits.padEnd(exponent + 1, "0")}.0`;
  }
  return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** Python's str() of a value, or undefined when it is not known. */
export function pyStr(value: Value): string | undefined {
  switch (value.kind) {
    case "str":
    case "path":
      return value.value;
    case "exception":
      return value.message;
    default:
      return pyRepr(value);
  }
}

/** Python's repr() of a value, or undefined when it is not known. */
export function pyRepr(value: Value, depth = 0): string | undefined {
  if (depth > 50) return undefined;
  switch (value.kind) {
    case "none":
      return "None";
    case "bool":
      return value.value ? "True" : "False";
    case "int":
      return String(value.value);
    case "float":
      return reprFloat(value.value);
    case "str":
      return reprString(value.value);
    case "bytes":
      return `b${reprString(value.value)}`;
    case "path":
      return `PosixPath(${reprString(value.value)})`;
    case "list":
    case "tuple":
    case "set": {
      const parts: string[] = [];
      for (const item of value.items) {
        const text = pyRepr(item, depth + 1);
        if (text === undefined) return undefined;
        parts.push(text);
      }
      if (value.kind === "list") return `[${parts.join(", ")}]`;
      if (value.kind === "set") {
        if (parts.length === 0) return value.frozen ? "frozenset()" : "set()";
        return value.frozen ? `frozenset({${parts.join(", ")}})` : `{${parts.join(", ")}}`;
      }
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
    }
    case "dict": {
      const parts: string[] = [];
      for (const entry of value.entries.values()) {
        const key = pyRepr(entry.key, depth + 1);
        const item = pyRepr(entry.value, depth + 1);
        if (key === undefined || item === undefined) return undefined;
        parts.push(`${key}: ${item}`);
      }
      return `{${parts.join(", ")}}`;
    }
    case "exception":
      return `${value.exceptionClass.name}(${reprString(value.message)})`;
    case "module":
      return `<module '${value.name}'>`;
    default:
      return undefined;
  }
}

/**
 * The JSON form of a known value, as the settings contract maps Python to JSON: tuples and lists
 * to arrays, None to null, paths to strings. Undefined when any part is not known.
 */
export function toJson(value: Value, depth = 0): Json | undefined {
  if (depth > 100) return undefined;
  switch (value.kind) {
    case "none":
      return null;
    case "bool":
      return value.value;
    case "int":
      return value.value;
    case "float":
      return Number.isFinite(value.value) ? value.value : undefined;
    case "str":
    case "path":
      return value.value;
    case "list":
    case "tuple": {
      const items: Json[] = [];
      for (const item of value.items) {
        const json = toJson(item, depth + 1);
        if (json === undefined) return undefined;
        items.push(json);
      }
      return items;
    }
    case "set": {
      // Python's set order is an accident of hashing: djship sorts, and so does the test oracle.
      const items: Json[] = [];
      for (const item of value.items) {
        const json = toJson(item, depth + 1);
        if (json === undefined) return undefined;
        items.push(json);
      }
      return { $set: items.sort((x, y) => compareJsonText(JSON.stringify(x), JSON.stringify(y))) };
    }
    case "dict": {
      const out: Record<string, Json> = {};
      for (const entry of value.entries.values()) {
        const key = pyStr(entry.key);
        const item = toJson(entry.value, depth + 1);
        if (key === undefined || item === undefined) return undefined;
        out[key] = item;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function compareJsonText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Python value built from JSON-like data, as json.loads or a library result would give. */
export function fromJson(json: Json): Value {
  if (json === null) return NONE;
  if (typeof json === "boolean") return bool(json);
  if (typeof json === "number") return Number.isInteger(json) ? int(json) : float(json);
  if (typeof json === "string") return str(json);
  if (Array.isArray(json)) return list(json.map(fromJson));
  return strDict(Object.fromEntries(Object.entries(json).map(([key, item]) => [key, fromJson(item)])));
}

/** A structural copy of containers, sharing scalars; `seen` keeps aliasing intact. */
export function cloneValue(value: Value, seen: Map<Value, Value>): Value {
  const done = seen.get(value);
  if (done) return done;
  switch (value.kind) {
    case "list": {
      const copy: ListValue = { kind: "list", items: [] };
      if (value.deps) copy.deps = value.deps;
      seen.set(value, copy);
      copy.items = value.items.map((item) => cloneValue(item, seen));
      return copy;
    }
    case "set": {
      const copy: SetValue = { kind: "set", items: [], ...(value.frozen ? { frozen: true } : {}) };
      if (value.deps) copy.deps = value.deps;
      seen.set(value, copy);
      copy.items = value.items.map((item) => cloneValue(item, seen));
      return copy;
    }
    case "dict": {
      const copy: DictValue = { kind: "dict", entries: new Map() };
      if (value.deps) copy.deps = value.deps;
      seen.set(value, copy);
      for (const [hash, entry] of value.entries) {
        copy.entries.set(hash, { key: entry.key, value: cloneValue(entry.value, seen) });
      }
      return copy;
    }
    case "tuple": {
      const copy: TupleValue = { kind: "tuple", items: value.items.map((item) => cloneValue(item, seen)) };
      if (value.deps) (copy as { deps?: Deps }).deps = value.deps;
      seen.set(value, copy);
      return copy;
    }
    default:
      return value;
  }
}

/** Structural identity for merging alternatives: same value, same dependencies. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === "unknown" && b.kind === "unknown") return a.reason === b.reason;
  if (a.kind === "unbound") return true;
  if (a.kind === "bool" && b.kind === "bool") return a.value === b.value;
  if ((a.kind === "int" || a.kind === "float") && (b.kind === "int" || b.kind === "float")) return a.value === b.value;
  if (containsUnknown(a) || containsUnknown(b)) return false;
  return pyEquals(a, b) === true && pyRepr(a) === pyRepr(b);
}
