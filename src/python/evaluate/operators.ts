import {
  bool,
  type DictValue,
  dict,
  float,
  hashKey,
  int,
  list,
  mergeDeps,
  type Origin,
  path,
  pyEquals,
  pyRepr,
  pyStr,
  str,
  tuple,
  typeName,
  unknown,
  type Value,
} from "../value.js";
import { raise } from "./exceptions.js";
import { Indeterminate, known } from "./natives.js";
import { purePath } from "./paths.js";
import { convert, FormatError, formatValue } from "./strings.js";

/** Numbers as Python's arithmetic sees them: bool is an int. */
function numeric(value: Value): { value: number; isFloat: boolean } | undefined {
  if (value.kind === "bool") return { value: value.value ? 1 : 0, isFloat: false };
  if (value.kind === "int") return { value: value.value, isFloat: false };
  if (value.kind === "float") return { value: value.value, isFloat: true };
  return undefined;
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Largest string or list an operation may build: settings never need more. */
const MAX_SEQUENCE = 1_000_000;

function unsupported(op: string, left: Value, right: Value, origin: Origin): never {
  return raise("TypeError", `unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`, origin);
}

/** The builtin callables that are classes: `int | None` and `list[str]` work on them. */
const BUILTIN_TYPES = new Set([
  "int",
  "float",
  "complex",
  "str",
  "bytes",
  "bytearray",
  "bool",
  "list",
  "tuple",
  "dict",
  "set",
  "frozenset",
  "type",
  "object",
]);

/** A class or a type union: what `|` combines into a union. */
function isType(value: Value): boolean {
  if (value.kind === "class") return true;
  if (value.kind === "native") return BUILTIN_TYPES.has(value.name);
  return value.kind === "object" && (value.type === "types.UnionType" || value.type === "types.GenericAlias");
}

/** `left op right` for Python's binary operators on known values. */
export function binaryOperation(op: string, leftIn: Value, rightIn: Value, origin: Origin): Value {
  const left = known(leftIn);
  const right = known(rightIn);
  const a = numeric(left);
  const b = numeric(right);
  if (a && b) {
    const isFloat = a.isFloat || b.isFloat;
    const make = (n: number) => (isFloat ? float(n) : int(n));
    switch (op) {
      case "+":
        return make(a.value + b.value);
      case "-":
        return make(a.value - b.value);
      case "*":
        return make(a.value * b.value);
      case "/":
        if (b.value === 0) raise("ZeroDivisionError", "division by zero", origin);
        return float(a.value / b.value);
      case "//":
        if (b.value === 0) raise("ZeroDivisionError", "integer division or modulo by zero", origin);
        return make(floorDiv(a.value, b.value));
      case "%":
        if (b.value === 0) raise("ZeroDivisionError", "integer division or modulo by zero", origin);
        return make(pyMod(a.value, b.value));
      case "**":
        return !isFloat && b.value < 0 ? float(a.value ** b.value) : make(a.value ** b.value);
      case "|":
      case "&":
      case "^":
      case "<<":
      case ">>":
        if (isFloat) return unsupported(op, left, right, origin);
        if (left.kind === "bool" && right.kind === "bool" && op !== "<<" && op !== ">>") {
          const x = left.value;
          const y = right.value;
          return bool(op === "|" ? x || y : op === "&" ? x && y : x !== y);
        }
        return int(
          op === "|"
            ? a.value | b.value
            : op === "&"
              ? a.value & b.value
              : op === "^"
                ? a.value ^ b.value
                : op === "<<"
                  ? a.value * 2 ** b.value
                  : Math.floor(a.value / 2 ** b.value),
        );
      default:
        return unsupported(op, left, right, origin);
    }
  }

  if (op === "+") {
    if (left.kind === "str" && right.kind === "str") return str(left.value + right.value);
    if (left.kind === "bytes" && right.kind === "bytes") return { kind: "bytes", value: left.value + right.value };
    if (left.kind === "list" && right.kind === "list") return list([...left.items, ...right.items]);
    if (left.kind === "tuple" && right.kind === "tuple") return tuple([...left.items, ...right.items]);
    if (left.kind === "str") {
      return raise("TypeError", `can only concatenate str (not "${typeName(right)}") to str`, origin);
    }
    if (left.kind === "list") {
      return raise("TypeError", `can only concatenate list (not "${typeName(right)}") to list`, origin);
    }
    if (left.kind === "tuple") {
      return raise("TypeError", `can only concatenate tuple (not "${typeName(right)}") to tuple`, origin);
    }
    return unsupported(op, left, right, origin);
  }
  if (op === "*") {
    const sequence = b ? left : right;
    const count = b ?? a;
    if (count && !count.isFloat) {
      const times = Math.max(0, count.value);
      if (sequence.kind === "str") {
        if (sequence.value.length * times > MAX_SEQUENCE) return unknown("string too large to build", origin);
        return str(sequence.value.repeat(times));
      }
      if (sequence.kind === "list" || sequence.kind === "tuple") {
        if (sequence.items.length * times > MAX_SEQUENCE) return unknown("sequence too large to build", origin);
        const items: Value[] = [];
        for (let i = 0; i < times; i++) items.push(...sequence.items);
        return sequence.kind === "list" ? list(items) : tuple(items);
      }
    }
    return unsupported(op, left, right, origin);
  }
  if (op === "/") {
    // pathlib: Path / "x", "x" / Path.
    if (left.kind === "path" && (right.kind === "str" || right.kind === "path")) {
      return path(purePath(left.value, right.value));
    }
    if (left.kind === "str" && right.kind === "path") return path(purePath(left.value, right.value));
    return unsupported(op, left, right, origin);
  }
  if (op === "%") {
    if (left.kind === "str") return str(percentFormat(left.value, right, origin));
    return unsupported(op, left, right, origin);
  }
  if (op === "|") {
    // `int | None` in an annotation or an alias (PEP 604) builds a types.UnionType; None alone on both sides does not.
    if ((isType(left) && (isType(right) || right.kind === "none")) || (left.kind === "none" && isType(right))) {
      return { kind: "object", type: "types.UnionType", attributes: new Map() };
    }
    if (left.kind === "dict" && right.kind === "dict") {
      const merged = dict();
      for (const [hash, entry] of left.entries) merged.entries.set(hash, entry);
      for (const [hash, entry] of right.entries) merged.entries.set(hash, entry);
      return merged;
    }
    if (left.kind === "set" && right.kind === "set") return setOf([...left.items, ...right.items], origin);
    return unsupported(op, left, right, origin);
  }
  if (left.kind === "set" && right.kind === "set") {
    const rightHashes = new Set(right.items.map((item) => hashKey(item)));
    const leftHashes = new Set(left.items.map((item) => hashKey(item)));
    if (op === "-")
      return setOf(
        left.items.filter((item) => !rightHashes.has(hashKey(item))),
        origin,
      );
    if (op === "&")
      return setOf(
        left.items.filter((item) => rightHashes.has(hashKey(item))),
        origin,
      );
    if (op === "^") {
      return setOf(
        [...left.items.filter((item) => !rightHashes.has(hashKey(item))), ...right.items.filter((item) => !leftHashes.has(hashKey(item)))],
        origin,
      );
    }
  }
  return unsupported(op, left, right, origin);
}

/** A set of the given items, deduplicated as Python would; unhashable items are a TypeError. */
export function setOf(items: readonly Value[], origin: Origin, frozen = false): Value {
  const seen = new Map<string, Value>();
  for (const item of items) {
    const k = known(item);
    const hash = hashKey(k);
    if (hash === undefined) return raise("TypeError", `unhashable type: '${typeName(k)}'`, origin);
    if (!seen.has(hash)) seen.set(hash, k);
  }
  return { kind: "set", items: [...seen.values()], ...(frozen ? { frozen: true } : {}) };
}

/** Python's ordering (<) for the types settings compare; undefined when not comparable. */
function lessThan(a: Value, b: Value, origin: Origin): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x && y) return x.value < y.value;
  if (a.kind === "str" && b.kind === "str") return comparePython(a.value, b.value) < 0;
  if ((a.kind === "list" && b.kind === "list") || (a.kind === "tuple" && b.kind === "tuple")) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const p = known(a.items[i] as Value);
      const q = known(b.items[i] as Value);
      const same = pyEquals(p, q);
      if (same === false) return lessThan(p, q, origin);
    }
    return a.items.length < b.items.length;
  }
  return raise("TypeError", `'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`, origin);
}

/** Code-point order, as Python compares str (JS compares UTF-16 units). */
function comparePython(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = (x[i] as string).codePointAt(0) ?? 0;
    const q = (y[i] as string).codePointAt(0) ?? 0;
    if (p !== q) return p - q;
  }
  return x.length - y.length;
}

export function containsValue(container: Value, item: Value, origin: Origin): boolean | undefined {
  const c = known(container);
  switch (c.kind) {
    case "str": {
      const needle = known(item);
      if (needle.kind !== "str") {
        return raise("TypeError", `'in <string>' requires string as left operand, not ${typeName(needle)}`, origin);
      }
      return c.value.includes(needle.value);
    }
    case "list":
    case "tuple":
    case "set": {
      let result: boolean | undefined = false;
      for (const candidate of c.items) {
        const same = pyEquals(candidate, item);
        if (same === true) return true;
        if (same === undefined) result = undefined;
      }
      return result;
    }
    case "dict": {
      const k = known(item);
      const hash = hashKey(k);
      if (hash === undefined) return raise("TypeError", `unhashable type: '${typeName(k)}'`, origin);
      return c.entries.has(hash);
    }
    default:
      return raise("TypeError", `argument of type '${typeName(c)}' is not iterable`, origin);
  }
}

/** One comparison of a chain; undefined when djship cannot decide it. */
export function compare(op: string, left: Value, right: Value, origin: Origin): boolean | undefined {
  switch (op) {
    case "==":
      return pyEquals(left, right);
    case "!=":
    case "<>": {
      const same = pyEquals(left, right);
      return same === undefined ? undefined : !same;
    }
    case "is":
    case "is not": {
      const same = identical(left, right);
      if (same === undefined) return undefined;
      return op === "is" ? same : !same;
    }
    case "in":
    case "not in": {
      const contained = containsValue(right, left, origin);
      if (contained === undefined) return undefined;
      return op === "in" ? contained : !contained;
    }
    case "<":
      return lessThan(known(left), known(right), origin);
    case ">":
      return lessThan(known(right), known(left), origin);
    case "<=":
      return !lessThan(known(right), known(left), origin);
    case ">=":
      return !lessThan(known(left), known(right), origin);
    default:
      return undefined;
  }
}

/** `is`: decidable for None, booleans and the same container object. */
function identical(a: Value, b: Value): boolean | undefined {
  const isSingleton = (v: Value) => v.kind === "none" || v.kind === "bool";
  const x = known(a);
  const y = known(b);
  if (isSingleton(x) || isSingleton(y)) {
    if (x.kind !== y.kind) return false;
    return x.kind === "none" || (x.kind === "bool" && y.kind === "bool" && x.value === y.value);
  }
  if (x === y) return true;
  if (x.kind === "list" || x.kind === "dict" || x.kind === "set" || y.kind === "list" || y.kind === "dict") {
    return false;
  }
  // Classes, functions and instances of the settings' own classes (enum members included) are never
  // copied by djship: two of them are the same object exactly when they are the same value.
  const tracked = (v: Value) => v.kind === "class" || v.kind === "function" || (v.kind === "object" && v.cls !== undefined);
  if (tracked(x) && tracked(y)) return false;
  return undefined;
}

export function unaryOperation(op: string, operandIn: Value, origin: Origin): Value {
  const operand = known(operandIn);
  const n = numeric(operand);
  if (!n) return raise("TypeError", `bad operand type for unary ${op}: '${typeName(operand)}'`, origin);
  const make = (v: number) => (n.isFloat ? float(v) : int(v));
  if (op === "-") return make(-n.value);
  if (op === "+") return make(n.value);
  if (op === "~" && !n.isFloat) return int(~n.value);
  return raise("TypeError", `bad operand type for unary ${op}: '${typeName(operand)}'`, origin);
}

/** Normalises a sequence index the way Python does, raising IndexError when out of range. */
function sequenceIndex(length: number, index: Value, kind: string, origin: Origin): number {
  const n = numeric(known(index));
  if (!n || n.isFloat) {
    return raise("TypeError", `${kind} indices must be integers or slices, not ${typeName(index)}`, origin);
  }
  const i = n.value < 0 ? length + n.value : n.value;
  if (i < 0 || i >= length) return raise("IndexError", `${kind} index out of range`, origin);
  return i;
}

export interface SliceBounds {
  start: Value | undefined;
  stop: Value | undefined;
  step: Value | undefined;
}

function sliceIndices(length: number, bounds: SliceBounds, origin: Origin): number[] {
  const read = (v: Value | undefined): number | undefined => {
    if (!v || v.kind === "none") return undefined;
    const n = numeric(known(v));
    if (!n || n.isFloat) return raise("TypeError", "slice indices must be integers or None", origin);
    return n.value;
  };
  const step = read(bounds.step) ?? 1;
  if (step === 0) raise("ValueError", "slice step cannot be zero", origin);
  const clamp = (v: number | undefined, fallback: number, low: number, high: number) => {
    if (v === undefined) return fallback;
    const adjusted = v < 0 ? v + length : v;
    return Math.min(Math.max(adjusted, low), high);
  };
  const indices: number[] = [];
  if (step > 0) {
    const start = clamp(read(bounds.start), 0, 0, length);
    const stop = clamp(read(bounds.stop), length, 0, length);
    for (let i = start; i < stop; i += step) indices.push(i);
  } else {
    const start = clamp(read(bounds.start), length - 1, -1, length - 1);
    const stop = clamp(read(bounds.stop), -1, -1, length - 1);
    for (let i = start; i > stop; i += step) indices.push(i);
  }
  return indices;
}

export function sliceValue(targetIn: Value, bounds: SliceBounds, origin: Origin): Value {
  const target = known(targetIn);
  switch (target.kind) {
    case "str": {
      const chars = [...target.value];
      return str(
        sliceIndices(chars.length, bounds, origin)
          .map((i) => chars[i])
          .join(""),
      );
    }
    case "list":
      return list(sliceIndices(target.items.length, bounds, origin).map((i) => target.items[i] as Value));
    case "tuple":
      return tuple(sliceIndices(target.items.length, bounds, origin).map((i) => target.items[i] as Value));
    default:
      return raise("TypeError", `'${typeName(target)}' object is not subscriptable`, origin);
  }
}

export function subscriptValue(targetIn: Value, key: Value, origin: Origin): Value {
  const target = known(targetIn);
  switch (target.kind) {
    case "str": {
      const chars = [...target.value];
      return str(chars[sequenceIndex(chars.length, key, "string", origin)] as string);
    }
    case "list":
      return target.items[sequenceIndex(target.items.length, key, "list", origin)] as Value;
    case "tuple":
      return target.items[sequenceIndex(target.items.length, key, "tuple", origin)] as Value;
    case "dict": {
      const k = known(key);
      const hash = hashKey(k);
      if (hash === undefined) return raise("TypeError", `unhashable type: '${typeName(k)}'`, origin);
      const entry = target.entries.get(hash);
      if (!entry) return raise("KeyError", pyRepr(k) ?? "?", origin);
      return entry.value;
    }
    default:
      return raise("TypeError", `'${typeName(target)}' object is not subscriptable`, origin);
  }
}

export function setItem(targetIn: Value, key: Value, value: Value, origin: Origin): void {
  const target = known(targetIn);
  if (target.kind === "dict") {
    dictSet(target, key, value, origin);
    return;
  }
  if (target.kind === "list") {
    target.items[sequenceIndex(target.items.length, key, "list", origin)] = value;
    return;
  }
  raise("TypeError", `'${typeName(target)}' object does not support item assignment`, origin);
}

export function dictSet(target: DictValue, key: Value, value: Value, origin: Origin): void {
  const k = known(key);
  const hash = hashKey(k);
  if (hash === undefined) raise("TypeError", `unhashable type: '${typeName(k)}'`, origin);
  const existing = target.entries.get(hash);
  // Python keeps the first key object and its position when a key is assigned again.
  target.entries.set(hash, { key: existing ? existing.key : k, value });
}

/** printf-style `%` formatting on a str. */
export function percentFormat(format: string, argsIn: Value, origin: Origin): string {
  const args = known(argsIn);
  const positional = args.kind === "tuple" ? [...args.items] : [args];
  const mapping = args.kind === "dict" ? args : undefined;
  let next = 0;
  let usedMapping = false;
  const out = format.replace(
    /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g,
    (_all, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
      if (type === "%") return "%";
      let value: Value;
      if (key !== undefined) {
        if (!mapping) return raise("TypeError", "format requires a mapping", origin);
        usedMapping = true;
        value = subscriptValue(mapping, str(key), origin);
      } else {
        if (next >= positional.length) return raise("TypeError", "not enough arguments for format string", origin);
        value = positional[next++] as Value;
      }
      const v = known(value);
      let body: string | undefined;
      if (type === "s") body = pyStr(v);
      else if (type === "r" || type === "a") body = pyRepr(v);
      else {
        const n = numeric(v);
        if (!n) return raise("TypeError", `%${type} format: a real number is required, not ${typeName(v)}`, origin);
        const spec = `${flags.includes("-") ? "<" : ""}${flags.includes("+") ? "+" : flags.includes(" ") ? " " : ""}${
          flags.includes("0") && !flags.includes("-") ? "0" : ""
        }${width ?? ""}${precision !== undefined ? `.${precision}` : ""}${type === "i" || type === "u" ? "d" : type}`;
        try {
          body = formatValue(type === "d" || type === "i" || type === "u" ? int(Math.trunc(n.value)) : v, spec);
        } catch (error) {
          if (error instanceof FormatError) return raise("ValueError", error.message, origin);
          throw error;
        }
        return body ?? "";
      }
      if (body === undefined) throw new Indeterminate(unknown("a value djship cannot print", origin));
      if (precision !== undefined) body = body.slice(0, Number(precision));
      const w = width ? Number(width) : 0;
      if (body.length < w) body = flags.includes("-") ? body.padEnd(w) : body.padStart(w);
      return body;
    },
  );
  if (!mapping && !usedMapping && next < positional.length && args.kind === "tuple") {
    raise("TypeError", "not all arguments converted during string formatting", origin);
  }
  return out;
}

/** str.format with positional and keyword fields, attribute and index lookups. */
export function strFormat(
  format: string,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
  origin: Origin,
  attribute: (value: Value, name: string) => Value,
): string {
  let auto = 0;
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === "{" && format[i + 1] === "{") {
      out += "{";
      i++;
      continue;
    }
    if (ch === "}" && format[i + 1] === "}") {
      out += "}";
      i++;
      continue;
    }
    if (ch === "}") raise("ValueError", "Single '}' encountered in format string", origin);
    if (ch !== "{") {
      out += ch;
      continue;
    }
    const close = format.indexOf("}", i);
    if (close < 0) raise("ValueError", "Single '{' encountered in format string", origin);
    const field = format.slice(i + 1, close);
    i = close;
    const match = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!match) raise("ValueError", `bad format field '${field}'`, origin);
    const [, name = "", accessors = "", conversion, spec = ""] = match;
    let value: Value;
    if (name === "") {
      value = args[auto++] ?? raise("IndexError", `Replacement index ${auto - 1} out of range for positional args tuple`, origin);
    } else if (/^\d+$/.test(name)) {
      value = args[Number(name)] ?? raise("IndexError", `Replacement index ${name} out of range for positional args tuple`, origin);
    } else {
      value = kwargs.get(name) ?? raise("KeyError", `'${name}'`, origin);
    }
    for (const accessor of accessors.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (accessor.startsWith(".")) value = attribute(value, accessor.slice(1));
      else {
        const key = accessor.slice(1, -1);
        value = subscriptValue(value, /^\d+$/.test(key) ? int(Number(key)) : str(key), origin);
      }
    }
    const converted = convert(known(value), conversion);
    if (converted === undefined) return known(unknown("a value djship cannot print", origin)) as never;
    try {
      const text = typeof converted === "string" ? formatValue(str(converted), spec) : formatValue(converted, spec);
      if (text === undefined) throw new FormatError("unsupported");
      out += text;
    } catch (error) {
      if (error instanceof FormatError) {
        if (error.message === "unsupported") return known(unknown("a format djship does not model", origin)) as never;
        raise("ValueError", error.message, origin);
      }
      throw error;
    }
  }
  return out;
}

export { mergeDeps };
