/**
 * django-configurations 2.x: settings as `Configuration` subclasses, the one named by
 * DJANGO_CONFIGURATION becoming the settings module's attributes (importer.py's
 * ConfigurationLoader), and `values.*`, which read DJANGO_<NAME> from the environment when the
 * class is set up (values.py). Not packaged by Debian, so modelled from its source:
 * https://github.com/jazzband/django-configurations/blob/master/configurations/
 */
import { globalDefaults } from "../../django/defaults.js";
import { isDjangoSeries } from "../../django/versions.js";
import {
  bool,
  type ClassValue,
  dict,
  envDeps,
  float,
  fromJson,
  int,
  list,
  type Namespace,
  type NativeCallArgs,
  NONE,
  type ObjectValue,
  type Origin,
  pyRepr,
  reprString,
  str,
  tuple,
  unknown,
  type Value,
} from "../value.js";
import { parseFloatText, parseIntText } from "./builtins.js";
import { classAttributeNames, descriptor, lookupInClass, mroOf } from "./classes.js";
import { parseDatabaseUrl, readOptions } from "./dburl.js";
import { CannotRead, PyRaise, raise } from "./exceptions.js";
import { missingRequired, moduleOf, type NativeLibrary, readEnv } from "./library.js";
import { type Host, known, native } from "./natives.js";
import { setOf } from "./operators.js";
import { osPathAbspath } from "./paths.js";

type ValueKind =
  | "Value"
  | "Boolean"
  | "Integer"
  | "PositiveInteger"
  | "Float"
  | "Decimal"
  | "List"
  | "Tuple"
  | "Set"
  | "Dict"
  | "SingleNestedList"
  | "SingleNestedTuple"
  | "Backends"
  | "Secret"
  | "Email"
  | "URL"
  | "IP"
  | "Regex"
  | "Path"
  | "DatabaseURL"
  | "CacheURL"
  | "EmailURL"
  | "SearchURL";

interface ValueSpec {
  kind: ValueKind;
  default: Value;
  environ: boolean;
  environName: string | null;
  environPrefix: string | null;
  required: boolean;
  kwargs: ReadonlyMap<string, Value>;
  origin: Origin;
}

const VALUE_TYPE = "configurations.Value";
const BOOLEAN_TRUE = ["yes", "y", "true", "1"];
const BOOLEAN_FALSE = ["no", "n", "false", "0", ""];
/** Values whose environment variable has no DJANGO_ prefix and a fixed name (DictBackendMixin, EmailURLValue). */
const URL_VALUES: Partial<Record<ValueKind, string>> = {
  DatabaseURL: "DATABASE_URL",
  CacheURL: "CACHE_URL",
  EmailURL: "EMAIL_URL",
  SearchURL: "SEARCH_URL",
};
const LATE_BINDING = new Set<ValueKind>(["DatabaseURL", "CacheURL", "EmailURL", "SearchURL"]);

function isValueObject(value: Value): value is ObjectValue {
  return value.kind === "object" && value.type === VALUE_TYPE;
}

function flag(value: Value | undefined, fallback: boolean): boolean {
  if (!value) return fallback;
  const v = known(value);
  return v.kind === "bool" || v.kind === "int" ? Boolean(v.value) : v.kind !== "none";
}

function optionalText(value: Value | undefined, fallback: string | null): string | null {
  if (!value) return fallback;
  const v = known(value);
  return v.kind === "str" ? v.value : v.kind === "none" ? null : fallback;
}

/** Value.__new__ and __init__: a spec, or the final value when it can be set up at once. */
function makeValue(host: Host, kind: ValueKind, call: NativeCallArgs): Value {
  const { args, kwargs, origin } = call;
  const urlName = URL_VALUES[kind];
  let defaultValue = args[0] ?? kwargs.get("default") ?? NONE;
  if (isValueObject(defaultValue)) defaultValue = (defaultValue.native as ValueSpec).default;
  const prefix = optionalText(kwargs.get("environ_prefix"), urlName ? null : "DJANGO");
  const spec: ValueSpec = {
    kind,
    default: defaultValue,
    environ: kind === "Secret" ? true : flag(kwargs.get("environ") ?? args[1], true),
    environName: optionalText(kwargs.get("environ_name") ?? args[2], urlName ?? null),
    environPrefix: prefix?.endsWith("_") ? prefix.slice(0, -1) : prefix,
    required: kind === "Secret" ? true : flag(kwargs.get("environ_required"), false),
    kwargs,
    origin,
  };
  if (kind === "Boolean" && !(spec.default.kind === "bool")) {
    known(spec.default);
    raise("ValueError", `Default value ${pyRepr(spec.default) ?? "?"} is not a boolean value`, origin);
  }
  if (kind === "Secret" && spec.default.kind !== "none") {
    raise("ValueError", "Secret values are only allowed to be set as environment variables", origin);
  }
  spec.default = normaliseDefault(host, spec);
  const late = LATE_BINDING.has(kind) || flag(kwargs.get("late_binding"), false);
  const immediate = (spec.environ && spec.environName !== null) || (!spec.environ && truthyDefault(spec.default));
  if (!late && immediate) return setupValue(host, spec, spec.environName ?? "", origin);
  return { kind: "object", type: VALUE_TYPE, attributes: new Map(), native: spec };
}

function truthyDefault(value: Value): boolean {
  const v = known(value);
  if (v.kind === "none") return false;
  if (v.kind === "bool" || v.kind === "int" || v.kind === "float") return v.value !== 0 && v.value !== false;
  if (v.kind === "str") return v.value !== "";
  if (v.kind === "list" || v.kind === "tuple" || v.kind === "set") return v.items.length > 0;
  if (v.kind === "dict") return v.entries.size > 0;
  return true;
}

/** What each value's __init__ does to its default (sequence types, dicts, URL values parsed). */
function normaliseDefault(host: Host, spec: ValueSpec): Value {
  const d = spec.default;
  switch (spec.kind) {
    case "List":
    case "Tuple":
    case "Backends":
    case "SingleNestedList":
    case "SingleNestedTuple": {
      const items = d.kind === "none" ? [] : [...host.iterate(d, spec.origin)];
      return spec.kind === "Tuple" || spec.kind === "SingleNestedTuple" ? tuple(items) : list(items);
    }
    case "Set":
      return d.kind === "none" ? setOf([], spec.origin) : setOf([...host.iterate(d, spec.origin)], spec.origin);
    case "Dict":
      return d.kind === "none" ? dict() : d;
    case "DatabaseURL":
    case "CacheURL":
    case "EmailURL":
    case "SearchURL":
      return d.kind === "none"
        ? dict()
        : toPython(host, spec, known(d).kind === "str" ? (known(d) as { value: string }).value : "", "", spec.origin);
    default:
      return d;
  }
}

function cannotInterpret(message: string, text: string, origin: Origin): never {
  return raise("ValueError", message.replace("{0!r}", reprString(text)), origin);
}

/** to_python() of each value class, for the text of an environment variable. */
function toPython(host: Host, spec: ValueSpec, text: string, name: string, origin: Origin): Value {
  switch (spec.kind) {
    case "Boolean": {
      const normalised = text.trim().toLowerCase();
      if (BOOLEAN_TRUE.includes(normalised)) return bool(true);
      if (BOOLEAN_FALSE.includes(normalised)) return bool(false);
      return raise("ValueError", `Cannot interpret boolean value ${reprString(text)}`, origin);
    }
    case "Integer":
    case "PositiveInteger": {
      let parsed: number;
      try {
        parsed = parseIntText(text, 10, origin);
      } catch {
        return cannotInterpret("Cannot interpret value {0!r}", text, origin);
      }
      if (spec.kind === "PositiveInteger" && parsed < 0) return cannotInterpret("Cannot interpret value {0!r}", text, origin);
      return int(parsed);
    }
    case "Float":
      try {
        return float(parseFloatText(text, origin));
      } catch {
        return cannotInterpret("Cannot interpret value {0!r}", text, origin);
      }
    case "Decimal":
      return unknown(`a Decimal read from the environment for ${name}`, origin);
    case "List":
    case "Tuple":
    case "Set":
    case "Backends": {
      const separator = optionalText(spec.kwargs.get("separator"), ",") ?? ",";
      const items = text
        .trim()
        .split(separator)
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .map((part) => convert(host, spec, str(part), origin));
      return spec.kind === "Tuple" ? tuple(items) : spec.kind === "Set" ? setOf(items, origin) : list(items);
    }
    case "SingleNestedList":
    case "SingleNestedTuple": {
      const separator = optionalText(spec.kwargs.get("separator"), ",") ?? ",";
      const outer = optionalText(spec.kwargs.get("seq_separator"), ";") ?? ";";
      const sequences = text
        .trim()
        .split(outer)
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .map((part) => {
          const items = part
            .trim()
            .split(separator)
            .map((p) => p.trim())
            .filter((p) => p !== "")
            .map((p) => convert(host, spec, str(p), origin));
          return spec.kind === "SingleNestedTuple" ? tuple(items) : list(items);
        });
      return spec.kind === "SingleNestedTuple" ? tuple(sequences) : list(sequences);
    }
    case "Dict": {
      if (text === "") return dict();
      const parsed = host.literalEval(text, origin);
      if (parsed.kind !== "dict") return cannotInterpret("Cannot interpret dict value {0!r}", text, origin);
      return parsed;
    }
    case "Path": {
      if (text.startsWith("~")) return unknown("a path in the home folder of whoever runs the app", origin);
      const absolute = osPathAbspath(text, host.cwd);
      if (flag(spec.kwargs.get("check_exists"), true)) {
        const exists = host.isFile(absolute) || host.isDirectory(absolute);
        if (exists === undefined) return unknown(`whether ${absolute} exists on the server`, origin);
        if (!exists) return raise("ValueError", `Path ${reprString(text)} does not exist.`, origin);
      }
      return str(absolute);
    }
    case "DatabaseURL": {
      const alias = optionalText(spec.kwargs.get("alias"), "default") ?? "default";
      const options = readOptions({ args: [], kwargs: spec.kwargs, origin }, 1);
      return dict([[str(alias), parseDatabaseUrl(text, options, origin)]]);
    }
    case "CacheURL":
    case "EmailURL":
    case "SearchURL":
      // django-cache-url, dj-email-url and dj-search-url are not modelled.
      return unknown(`${spec.kind}Value parsed by a package djship does not model`, origin);
    default:
      // Value, Secret and the validated values (Email, URL, IP, Regex) keep the text.
      return str(text);
  }
}

function convert(host: Host, spec: ValueSpec, item: Value, origin: Origin): Value {
  const converter = spec.kwargs.get("converter");
  if (!converter || converter.kind === "none") return item;
  try {
    return host.call(converter, [item], new Map(), origin);
  } catch {
    return raise("ValueError", `Cannot interpret item ${pyRepr(item) ?? "?"}`, origin);
  }
}

/** Value.setup(name): the environment variable DJANGO_<NAME> (or as configured), else the default. */
function setupValue(host: Host, spec: ValueSpec, name: string, origin: Origin): Value {
  if (!spec.environ) return secretCheck(spec, spec.default, name, origin);
  let variable = spec.environName ?? name.toUpperCase();
  if (spec.environPrefix) variable = `${spec.environPrefix}_${variable}`;
  const read = readEnv(host, variable, spec.default.kind === "str" ? spec.default.value : null, origin);
  if (read.state === "unknown") return read.value;
  if (read.state === "set") {
    const value = toPython(host, spec, read.value, name, origin);
    return secretCheck(spec, { ...value, deps: read.deps } as Value, name, origin);
  }
  if (spec.required) {
    return missingRequired(host, variable, origin, () =>
      raise(
        "ValueError",
        `Value ${reprString(name)} is required to be set as the environment variable ${reprString(variable)}`,
        origin,
        variable,
      ),
    );
  }
  return { ...spec.default, deps: envDeps(variable, spec.default.kind === "str" ? spec.default.value : null, true) } as Value;
}

function secretCheck(spec: ValueSpec, value: Value, name: string, origin: Origin): Value {
  if (spec.kind === "Secret" && value.kind === "str" && value.value === "") {
    raise("ValueError", `Secret value ${reprString(name)} is not set`, origin);
  }
  return value;
}

const VALUE_KINDS: ValueKind[] = [
  "Value",
  "Boolean",
  "Integer",
  "PositiveInteger",
  "Float",
  "Decimal",
  "List",
  "Tuple",
  "Set",
  "Dict",
  "SingleNestedList",
  "SingleNestedTuple",
  "Backends",
  "Secret",
  "Email",
  "URL",
  "IP",
  "Regex",
  "Path",
  "DatabaseURL",
  "CacheURL",
  "EmailURL",
  "SearchURL",
];

function valuesModule(host: Host): Value {
  const attributes: Record<string, Value> = {};
  for (const kind of VALUE_KINDS) {
    const name = kind === "Value" ? "Value" : `${kind}Value`;
    attributes[name] = native(`configurations.values.${name}`, (call) => makeValue(host, kind, call));
  }
  return moduleOf("configurations.values", attributes);
}

const configurationClasses = new WeakMap<Host, ClassValue>();

/** The Configuration base class: global_settings as its attributes, and its setup classmethods. */
function configurationClass(host: Host): ClassValue {
  const cached = configurationClasses.get(host);
  if (cached) return cached;
  const attributes = new Map<string, Value>();
  if (isDjangoSeries(host.djangoVersion)) {
    for (const [key, value] of globalDefaults(host.djangoVersion)) attributes.set(key, fromJson(value));
  }
  attributes.set("DOTENV_LOADED", NONE);
  const classmethod = (name: string, body: (cls: ClassValue, origin: Origin) => Value) =>
    descriptor(
      "classmethod",
      native(`Configuration.${name}`, ({ args, origin }) => {
        const cls = args[0];
        if (cls?.kind !== "class") return raise("TypeError", `${name}() needs the class`, origin);
        return body(cls, origin);
      }),
    );
  attributes.set(
    "pre_setup",
    classmethod("pre_setup", (cls, origin) => {
      const dotenv = lookupInClass(cls, "DOTENV")?.value;
      if (dotenv && dotenv.kind !== "none") {
        loadConfigurationDotenv(host, cls, dotenv, origin);
      }
      return NONE;
    }),
  );
  attributes.set(
    "setup",
    classmethod("setup", (cls, origin) => {
      for (const name of classAttributeNames(cls)) {
        if (!isUppercase(name)) continue;
        const value = lookupInClass(cls, name)?.value;
        if (value && isValueObject(value)) {
          const spec = value.native as ValueSpec;
          cls.attributes.set(name, setupValue(host, spec, name, origin));
          setUpOrigins(cls).set(name, spec.origin);
        }
      }
      return NONE;
    }),
  );
  attributes.set(
    "post_setup",
    classmethod("post_setup", () => NONE),
  );
  attributes.set(
    "load_dotenv",
    classmethod("load_dotenv", (cls, origin) => {
      const dotenv = lookupInClass(cls, "DOTENV")?.value;
      if (dotenv && dotenv.kind !== "none") loadConfigurationDotenv(host, cls, dotenv, origin);
      return NONE;
    }),
  );
  const made: ClassValue = { kind: "class", name: "Configuration", attributes };
  configurationClasses.set(host, made);
  return made;
}

/** Configuration.load_dotenv: KEY=value lines, quotes stripped, os.environ.setdefault. */
function loadConfigurationDotenv(host: Host, cls: ClassValue, dotenv: Value, origin: Origin): void {
  const path = known(dotenv);
  if (path.kind !== "str" && path.kind !== "path") return;
  const absolute = osPathAbspath(path.value, host.cwd);
  const text = host.readText(absolute);
  if (text === undefined) {
    if (host.isFile(absolute) === undefined) return;
    raise("ImproperlyConfigured", `Couldn't read .env file with the path ${path.value}.`, origin);
  }
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^([A-Za-z_0-9]+)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2] as string;
    const single = /^'(.*)'$/.exec(value);
    if (single) value = single[1] as string;
    const double = /^"(.*)"$/.exec(value);
    if (double) value = (double[1] as string).replace(/\\(.)/g, "$1");
    host.env.setDefault(match[1] as string, value);
  }
  cls.attributes.set("DOTENV_LOADED", dotenv);
}

function isUppercase(name: string): boolean {
  return name === name.toUpperCase() && !name.startsWith("_");
}

/** Whether a class is a Configuration subclass, so the configurations importer loads its module. */
function isConfiguration(host: Host, value: Value): value is ClassValue {
  return value.kind === "class" && mroOf(value).includes(configurationClass(host));
}

/**
 * ConfigurationLoader.exec_module: after the settings module ran, the class DJANGO_CONFIGURATION
 * names is set up and its upper-case attributes become the module's (methods called, properties
 * read). Attributes only inherited from Configuration itself are Django's defaults and stay so.
 */
function loadConfiguration(namespace: Namespace, moduleName: string, host: Host): void {
  const classes = [...namespace.values()].filter((b) => isConfiguration(host, b.value));
  if (classes.length === 0) return;
  const origin: Origin = classes[0]?.origin ?? { file: "", line: 0, column: 0 };
  // The entry point's os.environ.setdefault("DJANGO_CONFIGURATION", ...) is what production uses
  // unless the environment says otherwise.
  const lookup = host.env.lookup("DJANGO_CONFIGURATION");
  const name = lookup.state === "set" ? lookup.value : lookup.state === "unknown" ? lookup.fallback : undefined;
  if (lookup.state === "unknown" && name === undefined) {
    throw new CannotRead("which Configuration class DJANGO_CONFIGURATION names (it is not set, and no entry point sets a default)", origin);
  }
  if (!name) {
    raise(
      "ImproperlyConfigured",
      "Configuration cannot be imported, environment variable DJANGO_CONFIGURATION is undefined.",
      origin,
      "DJANGO_CONFIGURATION",
    );
  }
  const binding = namespace.get(name);
  const cls = binding?.value;
  if (cls?.kind !== "class") {
    raise("AttributeError", `Couldn't find configuration '${name}' in module '${moduleName}'`, binding?.origin ?? origin);
  }
  const classOrigin = binding?.origin ?? origin;
  try {
    setUpConfiguration(namespace, moduleName, host, cls, name, classOrigin);
  } catch (error) {
    // importer.py reraises whatever setting up raised with the class named first.
    if (!(error instanceof PyRaise)) throw error;
    const exception = error.exception;
    const message = `Couldn't setup configuration '${moduleName}.${name}': ${exception.message}`;
    throw new PyRaise({ ...exception, message }, error.origin, error.kindHint);
  }
}

function setUpConfiguration(
  namespace: Namespace,
  moduleName: string,
  host: Host,
  cls: ClassValue,
  name: string,
  classOrigin: Origin,
): void {
  const call = (method: string) => {
    const found = host.attribute(cls, method, classOrigin);
    host.call(found, [], new Map(), classOrigin);
  };
  call("pre_setup");
  call("setup");
  const instance = host.call(cls, [], new Map(), classOrigin);
  const base = configurationClass(host);
  for (const attribute of classAttributeNames(cls)) {
    if (!isUppercase(attribute)) continue;
    const found = lookupInClass(cls, attribute);
    if (!found || found.owner === base) continue;
    let value = host.attribute(instance, attribute, classOrigin);
    if (value.kind === "function" || value.kind === "native") {
      value = host.call(value, [], new Map(), classOrigin);
      if (isValueObject(value)) value = setupValue(host, value.native as ValueSpec, attribute, classOrigin);
    }
    namespace.set(attribute, { value, origin: definitionOrigin(found.owner, attribute, namespace) ?? classOrigin });
  }
  namespace.set("CONFIGURATION", { value: str(`${moduleName}.${name}`), origin: null });
  call("post_setup");
}

const setUpValueOrigins = new WeakMap<ClassValue, Map<string, Origin>>();

/** Where the values a class's setup() resolved were declared. */
function setUpOrigins(cls: ClassValue): Map<string, Origin> {
  let origins = setUpValueOrigins.get(cls);
  if (!origins) {
    origins = new Map();
    setUpValueOrigins.set(cls, origins);
  }
  return origins;
}

/** Where a class attribute was declared: the value setup() resolved, or the class body's assignment. */
function definitionOrigin(owner: ClassValue, name: string, _namespace: Namespace): Origin | null {
  return setUpValueOrigins.get(owner)?.get(name) ?? owner.attributeOrigins?.get(name) ?? null;
}

function configurationsModule(name: string, host: Host): Value | undefined {
  switch (name) {
    case "configurations":
      return moduleOf("configurations", { Configuration: configurationClass(host), values: valuesModule(host) });
    case "configurations.values":
      return valuesModule(host);
    case "configurations.base":
      return moduleOf(name, { Configuration: configurationClass(host) });
    case "configurations.importer":
      return moduleOf(name, { install: native("configurations.importer.install", () => NONE), installed: bool(true) });
    default:
      return undefined;
  }
}

/** django-configurations: `from configurations import Configuration, values`. */
export const configurationsLibrary: NativeLibrary = {
  roots: ["configurations"],
  module: configurationsModule,
  loadSettingsModule: loadConfiguration,
};
