/**
 * The enum module as settings use it: `class Strategy(Enum): LOCAL = "local"` gives members with
 * `.name` and `.value`, iteration in definition order, lookup by value (`Strategy("local")`) and by
 * name (`Strategy["LOCAL"]`), aliases for repeated values, auto(), and members of str/int mixins
 * (StrEnum, IntEnum, `class X(str, Enum)`) equal to their values.
 * https://docs.python.org/3/library/enum.html
 */
import { type ClassValue, ENUM_MIXIN, int, list, type ObjectValue, pyEquals, str, type Value } from "../value.js";
import { descriptorOf, mroOf } from "./classes.js";

/** Marks the enum module's own classes; subclasses of them are enumerations. */
const ENUM_BASE = "__djship_enum_base__";

function baseClass(name: string, bases: ClassValue[] = []): ClassValue {
  return { kind: "class", name, attributes: new Map([[ENUM_BASE, str(name)]]), ...(bases.length > 0 ? { bases } : {}) };
}

const ENUM = baseClass("Enum");
const INT_ENUM = baseClass("IntEnum", [ENUM]);
const STR_ENUM = baseClass("StrEnum", [ENUM]);
const FLAG = baseClass("Flag", [ENUM]);
const INT_FLAG = baseClass("IntFlag", [FLAG]);

/** What `from enum import ...` finds. */
export function enumModuleMembers(): Record<string, Value> {
  return {
    Enum: ENUM,
    IntEnum: INT_ENUM,
    StrEnum: STR_ENUM,
    Flag: FLAG,
    IntFlag: INT_FLAG,
    // @unique checks for aliases and returns the class itself.
    unique: { kind: "native", name: "enum.unique", call: ({ args }) => args[0] ?? { kind: "none" } },
    auto: { kind: "native", name: "enum.auto", call: () => ({ kind: "object", type: "enum.auto", attributes: new Map() }) },
  };
}

/** Whether the class subclasses Enum (and is not one of the enum module's own classes). */
export function isEnumeration(cls: ClassValue): boolean {
  return !cls.attributes.has(ENUM_BASE) && mroOf(cls).some((c) => c.attributes.has(ENUM_BASE));
}

/**
 * Turns the class body's plain attributes into members, in place, as EnumType.__new__ does:
 * dunder and _sunder_ names, functions and descriptors stay attributes; a repeated value is an alias.
 * `mixin` is set for str/int mixins, whose members equal their values.
 */
export function makeMembers(cls: ClassValue, mixin: "str" | "int" | undefined): ObjectValue[] {
  const members: ObjectValue[] = [];
  const names: Value[] = [];
  let autoNumber = 0;
  const flag = mroOf(cls).some((c) => c === FLAG);
  for (const [name, raw] of [...cls.attributes]) {
    if (name.startsWith("_") || name.endsWith("__")) continue;
    if (raw.kind === "function" || raw.kind === "native" || raw.kind === "class" || descriptorOf(raw)) continue;
    let value = raw;
    if (raw.kind === "object" && raw.type === "enum.auto") {
      // auto(): 1, 2, 3... (powers of two for flags); StrEnum's is the lower-cased name.
      autoNumber = flag ? (autoNumber === 0 ? 1 : autoNumber * 2) : autoNumber + 1;
      value = mixin === "str" ? str(name.toLowerCase()) : int(autoNumber);
    }
    const alias = members.find((member) => pyEquals(member.attributes.get("value") as Value, value) === true);
    if (alias) {
      cls.attributes.set(name, alias);
      continue;
    }
    const member: ObjectValue = {
      kind: "object",
      type: cls.name,
      cls,
      attributes: new Map([
        ["name", str(name)],
        ["value", value],
        ["_name_", str(name)],
        ["_value_", value],
      ]),
      ...(mixin ? { native: { [ENUM_MIXIN]: value } } : {}),
    };
    members.push(member);
    names.push(str(name));
    cls.attributes.set(name, member);
  }
  cls.attributes.set("_member_names_", list(names));
  return members;
}

/** The mixin type of an enumeration whose bases include str or int (or IntEnum, StrEnum). */
export function mixinOf(cls: ClassValue, nativeBases: readonly string[]): "str" | "int" | undefined {
  if (nativeBases.includes("str") || mroOf(cls).includes(STR_ENUM)) return "str";
  if (nativeBases.includes("int") || mroOf(cls).includes(INT_ENUM) || mroOf(cls).includes(INT_FLAG)) return "int";
  return undefined;
}
