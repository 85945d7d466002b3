/**
 * Classes as settings modules use them: bases in C3 order, attributes looked up along that order,
 * and the three builtin descriptors (classmethod, staticmethod, property) that change what an
 * attribute lookup returns. https://docs.python.org/3/howto/mro.html
 */
import type { ClassValue, ObjectValue, Value } from "../value.js";

/** The method resolution order of a class, itself first (C3 linearisation, as `Cls.__mro__`). */
export function mroOf(cls: ClassValue): ClassValue[] {
  const cached = MRO.get(cls);
  if (cached) return cached;
  const sequences = [...(cls.bases ?? []).map((base) => [...mroOf(base)]), [...(cls.bases ?? [])]];
  const order: ClassValue[] = [cls];
  for (;;) {
    const live = sequences.filter((s) => s.length > 0);
    if (live.length === 0) break;
    // The first head that is in no other sequence's tail; Python raises TypeError when none is,
    // djship falls back to depth-first order rather than refuse the class.
    const head =
      live.map((s) => s[0] as ClassValue).find((candidate) => !live.some((s) => s.indexOf(candidate) > 0)) ?? (live[0]?.[0] as ClassValue);
    order.push(head);
    for (const s of live) if (s[0] === head) s.shift();
  }
  MRO.set(cls, order);
  return order;
}

const MRO = new WeakMap<ClassValue, ClassValue[]>();

/** The class defining `name` first along the MRO, starting after `after` when given (super()). */
export function lookupInClass(cls: ClassValue, name: string, after?: ClassValue): { value: Value; owner: ClassValue } | undefined {
  const order = mroOf(cls);
  const start = after ? order.indexOf(after) + 1 : 0;
  for (let i = Math.max(0, start); i < order.length; i++) {
    const owner = order[i] as ClassValue;
    const value = owner.attributes.get(name);
    if (value !== undefined) return { value, owner };
  }
  return undefined;
}

/** Whether some class along the MRO has a base djship could not evaluate: its attributes are unknown. */
export function hasOpaqueBase(cls: ClassValue): boolean {
  return mroOf(cls).some((c) => c.hasOpaqueBase === true);
}

/** Whether `value` is an instance of `cls`, or `cls` itself or a subclass when `value` is a class. */
export function isSubclass(candidate: ClassValue, cls: ClassValue): boolean {
  return mroOf(candidate).includes(cls);
}

export type Descriptor = "classmethod" | "staticmethod" | "property";

/** A function wrapped by `@classmethod`, `@staticmethod` or `@property`. */
export function descriptor(kind: Descriptor, fn: Value): ObjectValue {
  return { kind: "object", type: `builtins.${kind}`, attributes: new Map(), native: fn };
}

export function descriptorOf(value: Value): { kind: Descriptor; fn: Value } | undefined {
  if (value.kind !== "object") return undefined;
  if (value.type === "builtins.classmethod" || value.type === "builtins.staticmethod" || value.type === "builtins.property") {
    return { kind: value.type.slice("builtins.".length) as Descriptor, fn: value.native as Value };
  }
  return undefined;
}

/** Every attribute name along the MRO, as `dir(cls)` lists them (without object's own). */
export function classAttributeNames(cls: ClassValue): string[] {
  const names = new Set<string>();
  for (const c of mroOf(cls)) for (const name of c.attributes.keys()) names.add(name);
  return [...names].sort();
}
