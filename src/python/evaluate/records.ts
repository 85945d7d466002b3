/**
 * Classes whose __init__ Python generates from annotated fields: typing.NamedTuple subclasses,
 * collections.namedtuple(), and @dataclasses.dataclass. Settings helpers return them
 * (`InstallPaths(install_mode=..., base_dir=...)`), so their instances must carry their fields.
 * https://docs.python.org/3/library/typing.html#typing.NamedTuple
 * https://docs.python.org/3/library/dataclasses.html
 */
import { type ClassValue, type ObjectValue, type Origin, str, type Value } from "../value.js";
import { mroOf } from "./classes.js";
import { raise } from "./exceptions.js";

/** Set on a class whose __init__ is generated: "namedtuple" or "dataclass". */
export const RECORD_KIND = "__djship_record__";
/** Where a named tuple instance keeps its items, in field order. */
const RECORD_ITEMS = "__djship_record_items__";

/** typing.NamedTuple, as a base class. */
export const NAMED_TUPLE: ClassValue = { kind: "class", name: "NamedTuple", attributes: new Map([[RECORD_KIND, str("namedtuple")]]) };

/** The field names of a record class, bases' first, in the order their annotations were written. */
export function recordFields(cls: ClassValue): string[] {
  const fields: string[] = [];
  for (const c of [...mroOf(cls)].reverse()) {
    const annotations = c.attributes.get("__annotations__");
    if (annotations?.kind !== "dict") continue;
    for (const entry of annotations.entries.values()) {
      if (entry.key.kind === "str" && !fields.includes(entry.key.value)) fields.push(entry.key.value);
    }
  }
  return fields;
}

/** "namedtuple", "dataclass", or undefined for a class whose __init__ is its own. */
export function recordKind(cls: ClassValue): string | undefined {
  for (const c of mroOf(cls)) {
    if (c.attributes.has("__init__")) return undefined;
    const kind = c.attributes.get(RECORD_KIND);
    if (kind?.kind === "str") return kind.value;
  }
  return undefined;
}

/** An instance built by the generated __init__: each field from the arguments, else its default. */
export function makeRecord(cls: ClassValue, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, origin: Origin): ObjectValue {
  const fields = recordFields(cls);
  const kind = recordKind(cls);
  const where = `${cls.name}.${kind === "namedtuple" ? "__new__" : "__init__"}()`;
  if (args.length > fields.length) {
    raise("TypeError", `${where} takes ${fields.length + 1} positional arguments but ${args.length + 1} were given`, origin);
  }
  const attributes = new Map<string, Value>();
  const missing: string[] = [];
  fields.forEach((field, index) => {
    const value = args[index] ?? kwargs.get(field) ?? defaultOf(cls, field);
    if (value === undefined) missing.push(field);
    else attributes.set(field, value);
  });
  for (const name of kwargs.keys()) {
    if (!fields.includes(name)) raise("TypeError", `${where} got an unexpected keyword argument '${name}'`, origin);
  }
  if (missing.length > 0) {
    const names = missing.map((m) => `'${m}'`);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    raise(
      "TypeError",
      `${where} missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${listed}`,
      origin,
    );
  }
  return {
    kind: "object",
    type: cls.name,
    cls,
    attributes,
    ...(kind === "namedtuple" ? { native: { [RECORD_ITEMS]: fields.map((f) => attributes.get(f) as Value) } } : {}),
  };
}

function defaultOf(cls: ClassValue, field: string): Value | undefined {
  for (const c of mroOf(cls)) {
    const value = c.attributes.get(field);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The items of a named tuple instance (it is a tuple: iterable, indexable, unpackable). */
export function recordItems(value: Value): readonly Value[] | undefined {
  if (value.kind !== "object" || typeof value.native !== "object" || value.native === null) return undefined;
  return (value.native as Record<string, readonly Value[] | undefined>)[RECORD_ITEMS];
}
