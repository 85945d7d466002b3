import {
  bool,
  collectDeps,
  type DictValue,
  dict,
  float,
  hashKey,
  int,
  type ListValue,
  list,
  type NativeCallArgs,
  NONE,
  type Origin,
  path,
  pyEquals,
  pyRepr,
  pyStr,
  str,
  truthy,
  tuple,
  typeName,
  unknown,
  type Value,
  withDeps,
} from "../value.js";
import { isSubclass } from "./classes.js";
import { BUILTIN_EXCEPTIONS, exceptionClass, raise } from "./exceptions.js";
import { type Host, Indeterminate, known, native } from "./natives.js";
import { binaryOperation, compare, dictSet, percentFormat, setOf, strFormat } from "./operators.js";
import { pathName, pathParent, pathParts, pathStem, pathSuffix, purePath, resolvePath } from "./paths.js";
import { FormatError, formatValue } from "./strings.js";

/** The whitespace str.split() and str.strip() use by default. */
const PY_WHITESPACE =
  " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

export function stripChars(text: string, chars: string, left: boolean, right: boolean): string {
  let start = 0;
  let end = text.length;
  if (left) while (start < end && chars.includes(text[start] as string)) start++;
  if (right) while (end > start && chars.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** str.split as Python does it, including the whitespace form and maxsplit. */
export function pySplit(text: string, separator: string | undefined, maxsplit: number, origin: Origin): string[] {
  if (separator === undefined) {
    const parts: string[] = [];
    let i = 0;
    const isSpace = (ch: string) => PY_WHITESPACE.includes(ch);
    while (i < text.length) {
      while (i < text.length && isSpace(text[i] as string)) i++;
      if (i >= text.length) break;
      if (maxsplit >= 0 && parts.length === maxsplit) {
        parts.push(stripChars(text.slice(i), PY_WHITESPACE, false, true));
        return parts;
      }
      const start = i;
      while (i < text.length && !isSpace(text[i] as string)) i++;
      parts.push(text.slice(start, i));
    }
    return parts;
  }
  if (separator === "") raise("ValueError", "empty separator", origin);
  const parts = text.split(separator);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(separator)];
}

function pyRsplit(text: string, separator: string | undefined, maxsplit: number, origin: Origin): string[] {
  if (maxsplit < 0) return pySplit(text, separator, -1, origin);
  if (separator === undefined) {
    const parts = pySplit(text, undefined, -1, origin);
    if (parts.length <= maxsplit + 1) return parts;
    const keep = parts.length - maxsplit;
    const rest = stripChars(text, PY_WHITESPACE, false, true);
    // Rebuild the head from the original text to keep its inner whitespace.
    let headEnd = rest.length;
    for (let i = parts.length - 1; i >= keep; i--) headEnd = rest.lastIndexOf(parts[i] as string, headEnd - 1);
    return [stripChars(rest.slice(0, headEnd), PY_WHITESPACE, true, true), ...parts.slice(keep)];
  }
  const parts = text.split(separator);
  if (parts.length <= maxsplit + 1) return parts;
  return [parts.slice(0, parts.length - maxsplit).join(separator), ...parts.slice(parts.length - maxsplit)];
}

/** int(text) as Python parses it: surrounding whitespace, a sign, underscores between digits. */
export function parseIntText(text: string, base: number, origin: Origin): number {
  const clean = stripChars(text, PY_WHITESPACE, true, true);
  let body = clean;
  let sign = 1;
  if (body.startsWith("+") || body.startsWith("-")) {
    if (body.startsWith("-")) sign = -1;
    body = body.slice(1);
  }
  let radix = base;
  const prefix = body.slice(0, 2).toLowerCase();
  if ((base === 0 || base === 16) && prefix === "0x") [radix, body] = [16, body.slice(2)];
  else if ((base === 0 || base === 8) && prefix === "0o") [radix, body] = [8, body.slice(2)];
  else if ((base === 0 || base === 2) && prefix === "0b") [radix, body] = [2, body.slice(2)];
  else if (base === 0) radix = 10;
  const digits = radix === 16 ? "[0-9a-fA-F]" : radix === 8 ? "[0-7]" : radix === 2 ? "[01]" : "[0-9]";
  const valid = new RegExp(`^${digits}+(_${digits}+)*$`).test(body);
  if (!valid || (base === 0 && radix === 10 && /^0+[1-9]/.test(body))) {
    raise("ValueError", `invalid literal for int() with base ${base}: ${pyRepr(str(text))}`, origin);
  }
  return sign * Number.parseInt(body.replace(/_/g, ""), radix);
}

export function parseFloatText(text: string, origin: Origin): number {
  const clean = stripChars(text, PY_WHITESPACE, true, true)
    .toLowerCase()
    .replace(/(?<=\d)_(?=\d)/g, "");
  if (/^[+-]?(inf|infinity)$/.test(clean)) return clean.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(clean)) return Number.NaN;
  if (!/^[+-]?((\d+\.?\d*)|(\.\d+))(e[+-]?\d+)?$/.test(clean)) {
    raise("ValueError", `could not convert string to float: ${pyRepr(str(text))}`, origin);
  }
  return Number(clean);
}

function intOf(value: Value, base: Value | undefined, origin: Origin): Value {
  const v = known(value);
  if (base) {
    const b = known(base);
    if (v.kind !== "str" || b.kind !== "int") return raise("TypeError", "int() can't convert non-string with explicit base", origin);
    return int(parseIntText(v.value, b.value, origin));
  }
  switch (v.kind) {
    case "int":
      return int(v.value);
    case "bool":
      return int(v.value ? 1 : 0);
    case "float":
      if (!Number.isFinite(v.value)) return raise("ValueError", "cannot convert float infinity or NaN to integer", origin);
      return int(Math.trunc(v.value));
    case "str":
      return int(parseIntText(v.value, 10, origin));
    case "bytes":
      return int(parseIntText(v.value, 10, origin));
    default:
      return raise("TypeError", `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`, origin);
  }
}

function floatOf(value: Value, origin: Origin): Value {
  const v = known(value);
  switch (v.kind) {
    case "int":
    case "float":
      return float(v.value);
    case "bool":
      return float(v.value ? 1 : 0);
    case "str":
      return float(parseFloatText(v.value, origin));
    default:
      return raise("TypeError", `float() argument must be a string or a real number, not '${typeName(v)}'`, origin);
  }
}

function strOf(value: Value): Value {
  const v = known(value);
  const text = pyStr(v);
  if (text === undefined) throw new Indeterminate(unknown(`str() of a ${typeName(v)}`));
  return str(text);
}

function iterateWith(host: Host, value: Value, origin: Origin): readonly Value[] {
  return host.iterate(value, origin);
}

function dictFrom(host: Host, call: NativeCallArgs): Value {
  const result = dict();
  const source = call.args[0];
  if (source) {
    const s = known(source);
    if (s.kind === "dict") {
      for (const [hash, entry] of s.entries) result.entries.set(hash, entry);
    } else {
      for (const pair of iterateWith(host, s, call.origin)) {
        const items = iterateWith(host, pair, call.origin);
        if (items.length !== 2) {
          raise("ValueError", `dictionary update sequence element has length ${items.length}; 2 is required`, call.origin);
        }
        dictSet(result, items[0] as Value, items[1] as Value, call.origin);
      }
    }
  }
  for (const [key, value] of call.kwargs) dictSet(result, str(key), value, call.origin);
  return result;
}

function sortValues(host: Host, items: readonly Value[], key: Value | undefined, reverse: boolean, origin: Origin): Value[] {
  const keyed = items.map((item) => ({
    item,
    key: key && key.kind !== "none" ? known(host.call(key, [item], new Map(), origin)) : known(item),
  }));
  keyed.sort((a, b) => {
    if (compare("<", a.key, b.key, origin)) return -1;
    if (compare("<", b.key, a.key, origin)) return 1;
    return 0;
  });
  if (reverse) keyed.reverse();
  return keyed.map((entry) => entry.item);
}

const EXCEPTION_NAMES = BUILTIN_EXCEPTIONS;

/** A native class whose call constructs an exception, so `except` clauses can name it. */
export function exceptionNative(name: string): Value {
  const cls = exceptionClass(name);
  return native(
    name,
    (call) => ({
      kind: "exception",
      exceptionClass: cls,
      message: call.args.length === 1 ? (pyStr(call.args[0] as Value) ?? "") : call.args.length > 1 ? (pyRepr(tuple(call.args)) ?? "") : "",
    }),
    { exceptionClass: cls },
  );
}

/** The builtin names every module sees. */
export function builtinFunctions(host: Host): Map<string, Value> {
  const b = new Map<string, Value>();
  const pure = { pure: true };
  b.set(
    "bool",
    native(
      "bool",
      ({ args }) => {
        if (!args[0]) return bool(false);
        const outcome = truthy(known(args[0]));
        if (outcome === undefined) throw new Indeterminate(unknown("truth of a value djship cannot know"));
        return bool(outcome);
      },
      pure,
    ),
  );
  b.set(
    "int",
    native("int", ({ args, kwargs, origin }) => (args[0] ? intOf(args[0], args[1] ?? kwargs.get("base"), origin) : int(0)), pure),
  );
  b.set(
    "float",
    native("float", ({ args, origin }) => (args[0] ? floatOf(args[0], origin) : float(0)), pure),
  );
  b.set(
    "str",
    native("str", ({ args }) => (args[0] ? strOf(args[0]) : str("")), pure),
  );
  b.set(
    "repr",
    native(
      "repr",
      ({ args }) => {
        const text = pyRepr(known(args[0] ?? NONE));
        if (text === undefined) throw new Indeterminate(unknown("repr() of a value djship cannot print"));
        return str(text);
      },
      pure,
    ),
  );
  b.set(
    "list",
    native("list", ({ args, origin }) => list(args[0] ? [...iterateWith(host, args[0], origin)] : []), pure),
  );
  b.set(
    "tuple",
    native("tuple", ({ args, origin }) => tuple(args[0] ? [...iterateWith(host, args[0], origin)] : []), pure),
  );
  b.set(
    "set",
    native("set", ({ args, origin }) => setOf(args[0] ? iterateWith(host, args[0], origin) : [], origin), pure),
  );
  b.set(
    "frozenset",
    native("frozenset", ({ args, origin }) => setOf(args[0] ? iterateWith(host, args[0], origin) : [], origin, true), pure),
  );
  b.set(
    "dict",
    native("dict", (call) => dictFrom(host, call), pure),
  );
  b.set(
    "len",
    native(
      "len",
      ({ args, origin }) => {
        const v = known(args[0] ?? NONE);
        switch (v.kind) {
          case "str":
            return int([...v.value].length);
          case "bytes":
            return int(v.value.length);
          case "list":
          case "tuple":
          case "set":
            return int(v.items.length);
          case "dict":
            return int(v.entries.size);
          default:
            return raise("TypeError", `object of type '${typeName(v)}' has no len()`, origin);
        }
      },
      pure,
    ),
  );
  b.set(
    "sorted",
    native("sorted", ({ args, kwargs, origin }) =>
      list(
        sortValues(
          host,
          iterateWith(host, args[0] ?? list([]), origin),
          kwargs.get("key"),
          truthy(kwargs.get("reverse") ?? bool(false)) === true,
          origin,
        ),
      ),
    ),
  );
  b.set(
    "reversed",
    native("reversed", ({ args, origin }) => list([...iterateWith(host, args[0] ?? list([]), origin)].reverse()), pure),
  );
  b.set(
    "enumerate",
    native(
      "enumerate",
      ({ args, kwargs, origin }) => {
        const startValue = known(args[1] ?? kwargs.get("start") ?? int(0));
        const start = startValue.kind === "int" ? startValue.value : 0;
        return list(iterateWith(host, args[0] ?? list([]), origin).map((item, i) => tuple([int(start + i), item])));
      },
      pure,
    ),
  );
  b.set(
    "zip",
    native(
      "zip",
      ({ args, origin }) => {
        const sequences = args.map((a) => iterateWith(host, a, origin));
        const length = Math.min(...sequences.map((s) => s.length));
        const out: Value[] = [];
        for (let i = 0; i < (Number.isFinite(length) ? length : 0); i++) out.push(tuple(sequences.map((s) => s[i] as Value)));
        return list(out);
      },
      pure,
    ),
  );
  b.set(
    "range",
    native(
      "range",
      ({ args, origin }) => {
        const numbers = args.map((a) => {
          const v = known(a);
          if (v.kind !== "int") return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`, origin);
          return v.value;
        });
        const [start, stop, step] =
          numbers.length === 1 ? [0, numbers[0] as number, 1] : [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 1];
        if (step === 0) raise("ValueError", "range() arg 3 must not be zero", origin);
        const count = Math.max(0, Math.ceil((stop - start) / step));
        if (count > 100_000) throw new Indeterminate(unknown("a range too long to evaluate", origin));
        return list(Array.from({ length: count }, (_, i) => int(start + i * step)));
      },
      pure,
    ),
  );
  b.set(
    "map",
    native("map", ({ args, origin }) => {
      const [fn, ...iterables] = args;
      const sequences = iterables.map((a) => iterateWith(host, a, origin));
      const length = Math.min(...sequences.map((s) => s.length));
      const out: Value[] = [];
      for (let i = 0; i < (Number.isFinite(length) ? length : 0); i++) {
        out.push(
          host.call(
            fn ?? NONE,
            sequences.map((s) => s[i] as Value),
            new Map(),
            origin,
          ),
        );
      }
      return list(out);
    }),
  );
  b.set(
    "filter",
    native("filter", ({ args, origin }) => {
      const [fn, iterable] = args;
      return list(
        iterateWith(host, iterable ?? list([]), origin).filter((item) => {
          const test = fn && fn.kind !== "none" ? host.call(fn, [item], new Map(), origin) : item;
          const outcome = truthy(test);
          if (outcome === undefined) throw new Indeterminate(unknown("filter() with a test djship cannot decide", origin));
          return outcome;
        }),
      );
    }),
  );
  b.set(
    "any",
    native(
      "any",
      ({ args, origin }) => {
        let result: boolean | undefined = false;
        for (const item of iterateWith(host, args[0] ?? list([]), origin)) {
          const t = truthy(item);
          if (t === true) return bool(true);
          if (t === undefined) result = undefined;
        }
        if (result === undefined) throw new Indeterminate(unknown("any() over values djship cannot know", origin));
        return bool(false);
      },
      pure,
    ),
  );
  b.set(
    "all",
    native(
      "all",
      ({ args, origin }) => {
        let result: boolean | undefined = true;
        for (const item of iterateWith(host, args[0] ?? list([]), origin)) {
          const t = truthy(item);
          if (t === false) return bool(false);
          if (t === undefined) result = undefined;
        }
        if (result === undefined) throw new Indeterminate(unknown("all() over values djship cannot know", origin));
        return bool(true);
      },
      pure,
    ),
  );
  const minMax = (which: "min" | "max") =>
    native(
      which,
      ({ args, kwargs, origin }) => {
        const items = args.length === 1 ? iterateWith(host, args[0] as Value, origin) : args;
        if (items.length === 0) {
          const fallback = kwargs.get("default");
          if (fallback) return fallback;
          return raise("ValueError", `${which}() arg is an empty sequence`, origin);
        }
        const sorted = sortValues(host, items, kwargs.get("key"), false, origin);
        return (which === "min" ? sorted[0] : sorted[sorted.length - 1]) as Value;
      },
      pure,
    );
  b.set("min", minMax("min"));
  b.set("max", minMax("max"));
  b.set(
    "sum",
    native(
      "sum",
      ({ args, origin }) => {
        let total: Value = args[1] ?? int(0);
        for (const item of iterateWith(host, args[0] ?? list([]), origin)) total = binaryOperation("+", total, item, origin);
        return total;
      },
      pure,
    ),
  );
  b.set(
    "abs",
    native(
      "abs",
      ({ args, origin }) => {
        const v = known(args[0] ?? NONE);
        if (v.kind === "int") return int(Math.abs(v.value));
        if (v.kind === "float") return float(Math.abs(v.value));
        if (v.kind === "bool") return int(v.value ? 1 : 0);
        return raise("TypeError", `bad operand type for abs(): '${typeName(v)}'`, origin);
      },
      pure,
    ),
  );
  b.set(
    "round",
    native(
      "round",
      ({ args }) => {
        const v = known(args[0] ?? NONE);
        const digits = args[1] ? known(args[1]) : undefined;
        if (v.kind !== "int" && v.kind !== "float") throw new Indeterminate(unknown("round() of a non-number"));
        if (!digits || digits.kind === "none") {
          // Python rounds half to even.
          const floor = Math.floor(v.value);
          const diff = v.value - floor;
          const rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
          return int(rounded);
        }
        const d = digits.kind === "int" ? digits.value : 0;
        return v.kind === "int" && d >= 0 ? v : float(Number(v.value.toFixed(Math.max(0, d))));
      },
      pure,
    ),
  );
  b.set(
    "isinstance",
    native("isinstance", ({ args }) => {
      const classes = known(args[1] ?? NONE);
      const candidates = classes.kind === "tuple" ? classes.items : [classes];
      const test = (value: Value): boolean => {
        let result: boolean | undefined = false;
        for (const candidate of candidates) {
          const matches = isInstanceOf(value, candidate, b);
          if (matches === true) return true;
          if (matches === undefined) result = undefined;
        }
        if (result === undefined) throw new Indeterminate(unknown("isinstance() with a class djship does not model"));
        return false;
      };
      const value = args[0] ?? NONE;
      // A value djship cannot know (read from the environment, returned by a package) is never one
      // of the descriptor objects the class body made: `isinstance(value, property)` in a
      // class-settings loader (readthedocs' load_settings) is False for it.
      const descriptorsOnly = candidates.every(
        (c) => c.kind === "native" && (c.name === "property" || c.name === "classmethod" || c.name === "staticmethod"),
      );
      const options = value.kind === "alternatives" ? value.options.map((o) => o.value) : [value];
      const answers = new Set(
        options.map((option) => {
          if (option.kind === "unknown" || option.kind === "external" || option.kind === "unbound") {
            if (descriptorsOnly && option.kind !== "unbound") return false;
            throw new Indeterminate(option.kind === "unknown" ? option : unknown("isinstance() of a value djship cannot know"));
          }
          return test(option);
        }),
      );
      if (answers.size !== 1) throw new Indeterminate(unknown("isinstance() that differs between paths"));
      return bool([...answers][0] === true);
    }),
  );
  b.set(
    "hasattr",
    native("hasattr", ({ args, origin }) => {
      const name = known(args[1] ?? NONE);
      if (name.kind !== "str") return raise("TypeError", "hasattr(): attribute name must be string", origin);
      try {
        const value = host.attribute(args[0] ?? NONE, name.value, origin);
        if (value.kind === "unknown" || value.kind === "external")
          throw new Indeterminate(unknown("hasattr() on an object djship cannot know"));
        return bool(true);
      } catch (error) {
        if (error instanceof Indeterminate) throw error;
        return bool(false);
      }
    }),
  );
  b.set(
    "getattr",
    native("getattr", ({ args, origin }) => {
      const name = known(args[1] ?? NONE);
      if (name.kind !== "str") return raise("TypeError", "getattr(): attribute name must be string", origin);
      try {
        return host.attribute(args[0] ?? NONE, name.value, origin);
      } catch (error) {
        if (args[2] && !(error instanceof Indeterminate)) return args[2];
        throw error;
      }
    }),
  );
  b.set(
    "callable",
    native(
      "callable",
      ({ args }) => {
        const v = known(args[0] ?? NONE);
        return bool(["function", "native", "class"].includes(v.kind));
      },
      pure,
    ),
  );
  b.set(
    "format",
    native(
      "format",
      ({ args, origin }) => {
        const spec = args[1] ? known(args[1]) : str("");
        try {
          const text = formatValue(known(args[0] ?? NONE), spec.kind === "str" ? spec.value : "");
          if (text === undefined) throw new Indeterminate(unknown("format() of a value djship cannot print"));
          return str(text);
        } catch (error) {
          if (error instanceof FormatError) return raise("ValueError", error.message, origin);
          throw error;
        }
      },
      pure,
    ),
  );
  b.set(
    "ord",
    native(
      "ord",
      ({ args, origin }) => {
        const v = known(args[0] ?? NONE);
        if (v.kind !== "str" || [...v.value].length !== 1) return raise("TypeError", "ord() expected a character", origin);
        return int(v.value.codePointAt(0) ?? 0);
      },
      pure,
    ),
  );
  b.set(
    "chr",
    native(
      "chr",
      ({ args }) => {
        const v = known(args[0] ?? NONE);
        return str(String.fromCodePoint(v.kind === "int" ? v.value : 0));
      },
      pure,
    ),
  );
  b.set(
    "print",
    native("print", () => NONE),
  );
  b.set(
    "open",
    native("open", ({ origin }) => unknown("a file opened at run time", origin)),
  );
  b.set(
    "setattr",
    native("setattr", ({ args, origin }) => {
      const name = known(args[1] ?? NONE);
      if (name.kind !== "str") return raise("TypeError", "attribute name must be string", origin);
      host.setAttribute(args[0] ?? NONE, name.value, args[2] ?? NONE, origin);
      return NONE;
    }),
  );
  for (const name of [
    "globals",
    "locals",
    "vars",
    "id",
    "hash",
    "iter",
    "next",
    "input",
    "object",
    "type",
    "super",
    "property",
    "staticmethod",
    "classmethod",
    "delattr",
    "exec",
    "eval",
    "compile",
    "__import__",
    "memoryview",
    "bytearray",
    "complex",
    "divmod",
    "pow",
    "issubclass",
  ]) {
    b.set(
      name,
      native(name, ({ origin }) => unknown(`${name}() is not evaluated`, origin)),
    );
  }
  b.set(
    "bytes",
    native(
      "bytes",
      ({ args }) => {
        const v = args[0] ? known(args[0]) : str("");
        return { kind: "bytes", value: v.kind === "str" ? v.value : "" };
      },
      pure,
    ),
  );
  for (const name of EXCEPTION_NAMES) b.set(name, exceptionNative(name));
  b.set("__debug__", bool(true));
  b.set("NotImplemented", { kind: "external", name: "NotImplemented" });
  return b;
}

function isInstanceOf(value: Value, cls: Value, builtins: Map<string, Value>): boolean | undefined {
  if (cls.kind === "class") {
    if (value.kind === "object" && value.cls) return isSubclass(value.cls, cls);
    if (value.kind === "exception" && cls.exceptionClass) return value.exceptionClass.mro.includes(cls.exceptionClass.name);
    return value.kind === "unknown" || value.kind === "external" ? undefined : false;
  }
  if (
    cls.kind === "native" &&
    (cls.name === "property" || cls.name === "classmethod" || cls.name === "staticmethod") &&
    builtins.get(cls.name) === cls
  ) {
    if (value.kind === "unknown" || value.kind === "external") return undefined;
    return value.kind === "object" && value.type === `builtins.${cls.name}`;
  }
  if (cls.kind === "native") {
    const kinds: Record<string, string[]> = {
      bool: ["bool"],
      int: ["int", "bool"],
      float: ["float"],
      str: ["str"],
      bytes: ["bytes"],
      list: ["list"],
      tuple: ["tuple"],
      dict: ["dict"],
      set: ["set"],
      frozenset: ["set"],
    };
    const expected = kinds[cls.name];
    if (expected && builtins.get(cls.name) === cls) return expected.includes(value.kind);
    if (cls.name === "Path" || cls.name === "PurePath" || cls.name === "PosixPath") return value.kind === "path";
    if (cls.exceptionClass && value.kind === "exception") return value.exceptionClass.mro.includes(cls.exceptionClass.name);
    return undefined;
  }
  return undefined;
}

/** The builtin class of a value, as `type(value)` gives, for libraries that cast by type. */
export function builtinTypeOf(value: Value, builtins: ReadonlyMap<string, Value>): Value | undefined {
  const name: Partial<Record<Value["kind"], string>> = {
    bool: "bool",
    int: "int",
    float: "float",
    str: "str",
    list: "list",
    tuple: "tuple",
    dict: "dict",
    set: "set",
    bytes: "bytes",
  };
  const key = name[value.kind];
  return key ? builtins.get(key) : undefined;
}

function method(name: string, self: Value, call: (args: NativeCallArgs) => Value, isPure = true): Value {
  return native(name, (args) => withDeps(call(args), isPure ? self.deps : undefined), { pure: isPure });
}

function optionalString(value: Value | undefined, origin: Origin): string | undefined {
  if (value === undefined) return undefined;
  const v = known(value);
  if (v.kind === "none") return undefined;
  if (v.kind === "str") return v.value;
  return raise("TypeError", `must be str or None, not ${typeName(v)}`, origin);
}

function intArgument(value: Value | undefined, fallback: number): number {
  if (!value) return fallback;
  const v = known(value);
  return v.kind === "int" ? v.value : v.kind === "bool" ? (v.value ? 1 : 0) : fallback;
}

/** Methods and attributes of builtin values: str, list, dict, set, tuple, Path, numbers. */
export function methodOf(self: Value, name: string, host: Host, origin: Origin): Value | undefined {
  switch (self.kind) {
    case "str":
      return strMethod(self.value, self, name, host);
    case "bytes":
      if (name === "decode") return method("decode", self, () => str(self.value));
      return undefined;
    case "list":
      return listMethod(self, name, host);
    case "tuple":
      if (name === "index" || name === "count") return sequenceMethod(self.items, self, name);
      return undefined;
    case "dict":
      return dictMethod(self, name, host);
    case "set":
      return setMethod(self, name, host);
    case "path":
      return pathAttribute(self.value, self, name, host);
    case "int":
    case "float":
    case "bool":
      if (name === "is_integer") return method(name, self, () => bool(Number.isInteger(self.value)));
      if (name === "real") return self;
      return undefined;
    case "exception":
      if (name === "args") return tuple([str(self.message)]);
      return undefined;
    case "object":
      return objectMethod(self, name, host, origin);
    default:
      return undefined;
  }
}

/** Natively modelled objects register their methods here, keyed by type. */
const objectMethods = new Map<
  string,
  (self: Extract<Value, { kind: "object" }>, name: string, host: Host, origin: Origin) => Value | undefined
>();

export function registerObjectType(
  type: string,
  lookup: (self: Extract<Value, { kind: "object" }>, name: string, host: Host, origin: Origin) => Value | undefined,
): void {
  objectMethods.set(type, lookup);
}

function objectMethod(self: Extract<Value, { kind: "object" }>, name: string, host: Host, origin: Origin): Value | undefined {
  return objectMethods.get(self.type)?.(self, name, host, origin);
}

function strMethod(text: string, self: Value, name: string, host: Host): Value | undefined {
  switch (name) {
    case "lower":
      return method(name, self, () => str(text.toLowerCase()));
    case "upper":
      return method(name, self, () => str(text.toUpperCase()));
    case "casefold":
      return method(name, self, () => str(text.toLowerCase()));
    case "title":
      return method(name, self, () =>
        str(text.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())),
      );
    case "capitalize":
      return method(name, self, () => str(text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()));
    case "swapcase":
      return method(name, self, () => str([...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("")));
    case "strip":
    case "lstrip":
    case "rstrip":
      return method(name, self, ({ args, origin }) =>
        str(stripChars(text, optionalString(args[0], origin) ?? PY_WHITESPACE, name !== "rstrip", name !== "lstrip")),
      );
    case "split":
    case "rsplit":
      return method(name, self, ({ args, kwargs, origin }) => {
        const separator = optionalString(args[0] ?? kwargs.get("sep"), origin);
        const maxsplit = intArgument(args[1] ?? kwargs.get("maxsplit"), -1);
        const parts = name === "split" ? pySplit(text, separator, maxsplit, origin) : pyRsplit(text, separator, maxsplit, origin);
        return list(parts.map((part) => str(part)));
      });
    case "splitlines":
      return method(name, self, () => {
        const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
        if (lines[lines.length - 1] === "") lines.pop();
        return list(lines.map((line) => str(line)));
      });
    case "startswith":
    case "endswith":
      return method(name, self, ({ args, origin }) => {
        const test = known(args[0] ?? NONE);
        const candidates = test.kind === "tuple" ? test.items.map((item) => known(item)) : [test];
        return bool(
          candidates.some((candidate) => {
            if (candidate.kind !== "str") {
              return raise("TypeError", `${name} first arg must be str or a tuple of str, not ${typeName(candidate)}`, origin);
            }
            return name === "startswith" ? text.startsWith(candidate.value) : text.endsWith(candidate.value);
          }),
        );
      });
    case "replace":
      return method(name, self, ({ args, origin }) => {
        const old = optionalString(args[0], origin) ?? "";
        const replacement = optionalString(args[1], origin) ?? "";
        const count = intArgument(args[2], -1);
        if (count < 0)
          return str(old === "" ? [...text].join(replacement).replace(/^/, replacement) + replacement : text.split(old).join(replacement));
        let out = text;
        let from = 0;
        for (let i = 0; i < count; i++) {
          const at = out.indexOf(old, from);
          if (at < 0) break;
          out = out.slice(0, at) + replacement + out.slice(at + old.length);
          from = at + replacement.length;
        }
        return str(out);
      });
    case "join":
      return method(name, self, ({ args, origin }) => {
        const items = host.iterate(args[0] ?? list([]), origin);
        const parts = items.map((item, i) => {
          const v = known(item);
          if (v.kind !== "str") return raise("TypeError", `sequence item ${i}: expected str instance, ${typeName(v)} found`, origin);
          return v.value;
        });
        return str(parts.join(text), collectDeps(list([...items])));
      });
    case "format":
      return method(name, self, ({ args, kwargs, origin }) =>
        str(strFormat(text, args, kwargs, origin, (value, attr) => host.attribute(value, attr, origin))),
      );
    case "format_map":
      return method(name, self, ({ args, origin }) => {
        const mapping = known(args[0] ?? NONE);
        const kwargs = new Map<string, Value>();
        if (mapping.kind === "dict")
          for (const entry of mapping.entries.values()) if (entry.key.kind === "str") kwargs.set(entry.key.value, entry.value);
        return str(strFormat(text, [], kwargs, origin, (value) => value));
      });
    case "encode":
      return method(name, self, () => ({ kind: "bytes", value: text }));
    case "isdigit":
    case "isnumeric":
    case "isdecimal":
      return method(name, self, () => bool(text.length > 0 && /^\p{Nd}+$/u.test(text)));
    case "isalpha":
      return method(name, self, () => bool(text.length > 0 && /^\p{L}+$/u.test(text)));
    case "isalnum":
      return method(name, self, () => bool(text.length > 0 && /^[\p{L}\p{Nd}]+$/u.test(text)));
    case "isspace":
      return method(name, self, () => bool(text.length > 0 && [...text].every((c) => PY_WHITESPACE.includes(c))));
    case "islower":
      return method(name, self, () => bool(/\p{Ll}/u.test(text) && !/\p{Lu}/u.test(text)));
    case "isupper":
      return method(name, self, () => bool(/\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)));
    case "isidentifier":
      return method(name, self, () => bool(/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(text)));
    case "isascii":
      return method(name, self, () => bool(/^[\x00-\x7f]*$/.test(text)));
    case "find":
    case "rfind":
    case "index":
    case "rindex":
      return method(name, self, ({ args, origin }) => {
        const needle = optionalString(args[0], origin) ?? "";
        const at = name.startsWith("r") ? text.lastIndexOf(needle) : text.indexOf(needle);
        if (at < 0 && name.includes("index")) raise("ValueError", "substring not found", origin);
        return int(at < 0 ? -1 : [...text.slice(0, at)].length);
      });
    case "count":
      return method(name, self, ({ args, origin }) => {
        const needle = optionalString(args[0], origin) ?? "";
        return int(needle === "" ? [...text].length + 1 : text.split(needle).length - 1);
      });
    case "partition":
    case "rpartition":
      return method(name, self, ({ args, origin }) => {
        const separator = optionalString(args[0], origin) ?? "";
        const at = name === "partition" ? text.indexOf(separator) : text.lastIndexOf(separator);
        if (at < 0) return name === "partition" ? tuple([str(text), str(""), str("")]) : tuple([str(""), str(""), str(text)]);
        return tuple([str(text.slice(0, at)), str(separator), str(text.slice(at + separator.length))]);
      });
    case "removeprefix":
      return method(name, self, ({ args, origin }) => {
        const prefix = optionalString(args[0], origin) ?? "";
        return str(prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text);
      });
    case "removesuffix":
      return method(name, self, ({ args, origin }) => {
        const suffix = optionalString(args[0], origin) ?? "";
        return str(suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text);
      });
    case "zfill":
      return method(name, self, ({ args }) => {
        const width = intArgument(args[0], 0);
        const sign = text.startsWith("-") || text.startsWith("+") ? (text[0] as string) : "";
        const body = sign ? text.slice(1) : text;
        return str(sign + body.padStart(Math.max(0, width - sign.length), "0"));
      });
    case "ljust":
    case "rjust":
    case "center":
      return method(name, self, ({ args, origin }) => {
        const width = intArgument(args[0], 0);
        const fill = optionalString(args[1], origin) ?? " ";
        if (name === "ljust") return str(text.padEnd(width, fill));
        if (name === "rjust") return str(text.padStart(width, fill));
        const total = Math.max(0, width - text.length);
        const left = Math.floor(total / 2) + ((total % 2) & (width % 2));
        return str(fill.repeat(left) + text + fill.repeat(total - left));
      });
    case "__mod__":
      return method(name, self, ({ args, origin }) => str(percentFormat(text, args[0] ?? tuple([]), origin)));
    default:
      return undefined;
  }
}

function sequenceMethod(items: readonly Value[], self: Value, name: string): Value | undefined {
  if (name === "index") {
    return method(name, self, ({ args, origin }) => {
      const at = items.findIndex((item) => pyEquals(item, args[0] ?? NONE) === true);
      if (at < 0) raise("ValueError", `${pyRepr(args[0] ?? NONE) ?? "value"} is not in list`, origin);
      return int(at);
    });
  }
  if (name === "count") {
    return method(name, self, ({ args }) => int(items.filter((item) => pyEquals(item, args[0] ?? NONE) === true).length));
  }
  return undefined;
}

function listMethod(self: ListValue, name: string, host: Host): Value | undefined {
  const iterate = (value: Value, origin: Origin) => host.iterate(value, origin);
  switch (name) {
    case "append":
      return native(name, ({ args }) => {
        self.items.push(args[0] ?? NONE);
        return NONE;
      });
    case "extend":
      return native(name, ({ args, origin }) => {
        try {
          self.items.push(...iterate(args[0] ?? list([]), origin));
        } catch (error) {
          if (!(error instanceof Indeterminate)) throw error;
          self.items.push(unknownItem(error, origin));
        }
        return NONE;
      });
    case "insert":
      return native(name, ({ args }) => {
        const index = known(args[0] ?? int(0));
        let at = index.kind === "int" ? index.value : 0;
        if (at < 0) at = Math.max(0, self.items.length + at);
        self.items.splice(Math.min(at, self.items.length), 0, args[1] ?? NONE);
        return NONE;
      });
    case "remove":
      return native(name, ({ args, origin }) => {
        const at = self.items.findIndex((item) => pyEquals(item, args[0] ?? NONE) === true);
        if (at < 0) {
          if (self.items.some((item) => pyEquals(item, args[0] ?? NONE) === undefined)) {
            throw new Indeterminate(unknown("list.remove() on items djship cannot know", origin));
          }
          return raise("ValueError", "list.remove(x): x not in list", origin);
        }
        self.items.splice(at, 1);
        return NONE;
      });
    case "pop":
      return native(name, ({ args, origin }) => {
        if (self.items.length === 0) return raise("IndexError", "pop from empty list", origin);
        const index = args[0] ? known(args[0]) : int(-1);
        let at = index.kind === "int" ? index.value : -1;
        if (at < 0) at += self.items.length;
        if (at < 0 || at >= self.items.length) return raise("IndexError", "pop index out of range", origin);
        return self.items.splice(at, 1)[0] as Value;
      });
    case "clear":
      return native(name, () => {
        self.items.length = 0;
        return NONE;
      });
    case "copy":
      return native(name, () => list([...self.items], self.deps), { pure: true });
    case "reverse":
      return native(name, () => {
        self.items.reverse();
        return NONE;
      });
    case "sort":
      return native(name, ({ kwargs, origin }) => {
        self.items = sortValues(host, self.items, kwargs.get("key"), truthy(kwargs.get("reverse") ?? bool(false)) === true, origin);
        return NONE;
      });
    case "index":
    case "count":
      return sequenceMethod(self.items, self, name);
    default:
      return undefined;
  }
}

function unknownItem(error: Indeterminate, origin: Origin): Value {
  return error.value.kind === "unknown" ? error.value : unknown("items djship cannot know", origin, collectDeps(error.value));
}

function dictMethod(self: DictValue, name: string, host: Host): Value | undefined {
  switch (name) {
    case "get":
      return method(
        name,
        self,
        ({ args, origin }) => {
          const key = known(args[0] ?? NONE);
          const hash = hashKey(key);
          if (hash === undefined) return raise("TypeError", `unhashable type: '${typeName(key)}'`, origin);
          return self.entries.get(hash)?.value ?? args[1] ?? NONE;
        },
        false,
      );
    case "items":
      return method(name, self, () => list([...self.entries.values()].map((e) => tuple([e.key, e.value]))), false);
    case "keys":
      return method(name, self, () => list([...self.entries.values()].map((e) => e.key)), false);
    case "values":
      return method(name, self, () => list([...self.entries.values()].map((e) => e.value)), false);
    case "copy":
      return method(
        name,
        self,
        () => {
          const copy = dict();
          for (const [hash, entry] of self.entries) copy.entries.set(hash, entry);
          return copy;
        },
        false,
      );
    case "update":
      return native(name, (call) => {
        const other = dictFrom(host, call);
        if (other.kind === "dict") for (const [hash, entry] of other.entries) self.entries.set(hash, entry);
        return NONE;
      });
    case "setdefault":
      return native(name, ({ args, origin }) => {
        const key = known(args[0] ?? NONE);
        const hash = hashKey(key);
        if (hash === undefined) return raise("TypeError", `unhashable type: '${typeName(key)}'`, origin);
        const existing = self.entries.get(hash);
        if (existing) return existing.value;
        const value = args[1] ?? NONE;
        self.entries.set(hash, { key, value });
        return value;
      });
    case "pop":
      return native(name, ({ args, origin }) => {
        const key = known(args[0] ?? NONE);
        const hash = hashKey(key);
        const existing = hash === undefined ? undefined : self.entries.get(hash);
        if (existing && hash !== undefined) {
          self.entries.delete(hash);
          return existing.value;
        }
        if (args[1]) return args[1];
        return raise("KeyError", pyRepr(key) ?? "?", origin);
      });
    case "clear":
      return native(name, () => {
        self.entries.clear();
        return NONE;
      });
    default:
      return undefined;
  }
}

function setMethod(self: Extract<Value, { kind: "set" }>, name: string, host: Host): Value | undefined {
  const iterate = (value: Value, origin: Origin) => host.iterate(value, origin);
  switch (name) {
    case "add":
      return native(name, ({ args, origin }) => {
        const merged = setOf([...self.items, args[0] ?? NONE], origin);
        if (merged.kind === "set") self.items = merged.items;
        return NONE;
      });
    case "update":
      return native(name, ({ args, origin }) => {
        const merged = setOf([...self.items, ...args.flatMap((a) => [...iterate(a, origin)])], origin);
        if (merged.kind === "set") self.items = merged.items;
        return NONE;
      });
    case "discard":
    case "remove":
      return native(name, ({ args, origin }) => {
        const hash = hashKey(known(args[0] ?? NONE));
        const before = self.items.length;
        self.items = self.items.filter((item) => hashKey(item) !== hash);
        if (name === "remove" && before === self.items.length) raise("KeyError", pyRepr(args[0] ?? NONE) ?? "?", origin);
        return NONE;
      });
    case "union":
      return method(name, self, ({ args, origin }) => setOf([...self.items, ...args.flatMap((a) => [...iterate(a, origin)])], origin));
    case "copy":
      return method(name, self, ({ origin }) => setOf(self.items, origin));
    default:
      return undefined;
  }
}

function pathAttribute(value: string, self: Value, name: string, host: Host): Value | undefined {
  switch (name) {
    case "parent":
      return path(pathParent(value), self.deps);
    case "parents": {
      const parents: Value[] = [];
      let current = value;
      for (let i = 0; i < 256; i++) {
        const parent = pathParent(current);
        if (parent === current) break;
        parents.push(path(parent, self.deps));
        current = parent;
      }
      return tuple(parents, self.deps);
    }
    case "name":
      return str(pathName(value), self.deps);
    case "stem":
      return str(pathStem(value), self.deps);
    case "suffix":
      return str(pathSuffix(value), self.deps);
    case "parts": {
      const { root, parts } = pathParts(value);
      return tuple([...(root ? [str(root)] : []), ...parts.map((p) => str(p))], self.deps);
    }
    case "anchor":
    case "root":
      return str(pathParts(value).root, self.deps);
    case "resolve":
    case "absolute":
      return method(name, self, () => path(resolvePath(value, host.cwd)));
    case "expanduser":
      return method(name, self, ({ origin }) =>
        value.startsWith("~") ? unknown("a path in the home folder of whoever runs the app", origin) : path(value),
      );
    case "joinpath":
      return method(name, self, ({ args, origin }) =>
        path(
          purePath(
            value,
            ...args.map((a) => {
              const v = known(a);
              if (v.kind !== "str" && v.kind !== "path") return raise("TypeError", "expected str or Path", origin);
              return v.value;
            }),
          ),
        ),
      );
    case "with_name":
      return method(name, self, ({ args, origin }) => path(purePath(pathParent(value), optionalString(args[0], origin) ?? "")));
    case "with_suffix":
      return method(name, self, ({ args, origin }) =>
        path(purePath(pathParent(value), pathStem(value) + (optionalString(args[0], origin) ?? ""))),
      );
    case "as_posix":
    case "__str__":
    case "__fspath__":
      return method(name, self, () => str(value));
    case "is_absolute":
      return method(name, self, () => bool(value.startsWith("/")));
    case "relative_to":
      return method(name, self, ({ args, origin }) => {
        const base = known(args[0] ?? NONE);
        const prefix = base.kind === "path" || base.kind === "str" ? base.value.replace(/\/$/, "") : "";
        if (value === prefix) return path(".");
        if (!value.startsWith(`${prefix}/`)) return raise("ValueError", `'${value}' is not in the subpath of '${prefix}'`, origin);
        return path(value.slice(prefix.length + 1));
      });
    case "exists":
    case "is_file":
    case "is_dir":
      return native(name, ({ origin }) => {
        const absolute = resolvePath(value, host.cwd);
        const answer =
          name === "is_dir"
            ? host.isDirectory(absolute)
            : name === "is_file"
              ? host.isFile(absolute)
              : host.isFile(absolute) || host.isDirectory(absolute);
        if (answer === undefined) return unknown(`whether ${value} exists on the server`, origin);
        return bool(answer, self.deps);
      });
    case "mkdir":
    case "touch":
    case "chmod":
      return native(name, () => NONE);
    case "read_text":
    case "open":
    case "read_bytes":
    case "iterdir":
    case "glob":
    case "rglob":
    case "stat":
      return native(name, ({ origin }) => unknown(`Path.${name}() reads the file system at run time`, origin));
    default:
      return undefined;
  }
}
