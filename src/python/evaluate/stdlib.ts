import {
  bool,
  dict,
  FALSE,
  fromJson,
  int,
  type Json,
  list,
  type ModuleValue,
  type NativeCallArgs,
  NONE,
  type ObjectValue,
  type Origin,
  path,
  pyRepr,
  RANDOM_AT_START,
  str,
  truthy,
  tuple,
  unknown,
  type Value,
  withDeps,
} from "../value.js";
import { exceptionNative, registerObjectType } from "./builtins.js";
import { enumModuleMembers } from "./enums.js";
import { PyRaise, raise } from "./exceptions.js";
import { missingRequired, moduleOf, type NativeLibrary, readEnv } from "./library.js";
import { expectString, type Host, Indeterminate, known, native } from "./natives.js";
import {
  normpath,
  osPathAbspath,
  osPathBasename,
  osPathDirname,
  osPathJoin,
  osPathSplitext,
  purePath,
  relativePath,
  resolvePath,
} from "./paths.js";
import { NAMED_TUPLE, RECORD_KIND } from "./records.js";
import { urllib } from "./urllib-module.js";

function jsonOfDefault(value: Value | undefined): Json {
  if (!value) return null;
  switch (value.kind) {
    case "none":
      return null;
    case "str":
    case "path":
      return value.value;
    case "bool":
    case "int":
    case "float":
      return value.value;
    default:
      return pyRepr(value) ?? null;
  }
}

function environObject(_host: Host): ObjectValue {
  return { kind: "object", type: "os._Environ", attributes: new Map() };
}

registerObjectType("os._Environ", (_self, name, host) => {
  switch (name) {
    case "get":
      return native("os.environ.get", ({ args, kwargs, origin }) => getVariable(host, args[0], args[1] ?? kwargs.get("default"), origin));
    case "__getitem__":
      return native("os.environ[]", ({ args, origin }) => {
        const name = expectString(args[0], "key", origin);
        const read = readEnv(host, name, null, origin);
        if (read.state === "set") return str(read.value, read.deps);
        if (read.state === "unknown") return read.value;
        return missingRequired(host, name, origin, () => raise("KeyError", `'${name}'`, origin, name));
      });
    case "__contains__":
      return native("in os.environ", ({ args, origin }) => {
        const name = expectString(args[0], "key", origin);
        const read = readEnv(host, name, null, origin);
        if (read.state === "unknown") return unknown(`whether ${name} is set`, origin, read.deps);
        return bool(read.state === "set", read.deps);
      });
    case "setdefault":
      return native("os.environ.setdefault", ({ args, origin }) => {
        const name = expectString(args[0], "key", origin);
        const value = expectString(args[1], "value", origin);
        host.env.setDefault(name, value);
        return getVariable(host, args[0], args[1], origin);
      });
    case "__setitem__":
      return native("os.environ[]=", ({ args, origin }) => {
        host.env.set(expectString(args[0], "key", origin), expectString(args[1], "value", origin));
        return NONE;
      });
    case "pop":
      return native("os.environ.pop", ({ args, origin }) => {
        const result = getVariable(host, args[0], args[1], origin);
        host.env.delete(expectString(args[0], "key", origin));
        return result;
      });
    case "copy":
    case "items":
    case "keys":
    case "values":
      return native(`os.environ.${name}`, ({ origin }) => {
        const all = host.env.knownVariables();
        if (!all) return unknown("the whole environment", origin);
        const pairs = [...all].map(([k, v]) => [str(k), str(v)] as const);
        if (name === "copy") return fromJson(Object.fromEntries(all));
        if (name === "keys") return list(pairs.map(([k]) => k));
        if (name === "values") return list(pairs.map(([, v]) => v));
        return list(pairs.map(([k, v]) => tuple([k, v])));
      });
    case "update":
      return native("os.environ.update", ({ args, kwargs, origin }) => {
        const source = args[0] ? known(args[0]) : undefined;
        if (source?.kind === "dict") {
          for (const entry of source.entries.values()) {
            host.env.set(expectString(entry.key, "key", origin), expectString(entry.value, "value", origin));
          }
        }
        for (const [key, value] of kwargs) host.env.set(key, expectString(value, "value", origin));
        return NONE;
      });
    default:
      return undefined;
  }
});

function getVariable(host: Host, nameValue: Value | undefined, fallback: Value | undefined, origin: Origin): Value {
  const name = expectString(nameValue, "key", origin);
  const read = readEnv(host, name, jsonOfDefault(fallback), origin);
  if (read.state === "set") return str(read.value, read.deps);
  if (read.state === "unknown") return read.value;
  return withDeps(fallback ?? NONE, read.deps);
}

function osPathModule(host: Host): ModuleValue {
  const s = (value: Value | undefined, origin: Origin) => expectString(value, "path", origin);
  const pure = { pure: true };
  const exists = (kind: "any" | "file" | "dir") =>
    native(`os.path.${kind}`, ({ args, origin }) => {
      const absolute = resolvePath(s(args[0], origin), host.cwd);
      const answer =
        kind === "file"
          ? host.isFile(absolute)
          : kind === "dir"
            ? host.isDirectory(absolute)
            : host.isFile(absolute) || host.isDirectory(absolute);
      if (answer === undefined) return unknown(`whether ${absolute} exists on the server`, origin);
      return bool(answer);
    });
  return moduleOf("os.path", {
    join: native(
      "os.path.join",
      ({ args, origin }) => {
        if (args.length === 0) return raise("TypeError", "join() missing 1 required positional argument: 'a'", origin);
        const parts = args.map((a) => s(a, origin));
        return str(osPathJoin(parts[0] as string, ...parts.slice(1)));
      },
      pure,
    ),
    dirname: native("os.path.dirname", ({ args, origin }) => str(osPathDirname(s(args[0], origin))), pure),
    basename: native("os.path.basename", ({ args, origin }) => str(osPathBasename(s(args[0], origin))), pure),
    abspath: native("os.path.abspath", ({ args, origin }) => str(osPathAbspath(s(args[0], origin), host.cwd)), pure),
    realpath: native("os.path.realpath", ({ args, origin }) => str(resolvePath(s(args[0], origin), host.cwd)), pure),
    normpath: native("os.path.normpath", ({ args, origin }) => str(normpath(s(args[0], origin))), pure),
    isabs: native("os.path.isabs", ({ args, origin }) => bool(s(args[0], origin).startsWith("/")), pure),
    split: native(
      "os.path.split",
      ({ args, origin }) => {
        const p = s(args[0], origin);
        return tuple([str(osPathDirname(p)), str(osPathBasename(p))]);
      },
      pure,
    ),
    splitext: native(
      "os.path.splitext",
      ({ args, origin }) => {
        const [root, ext] = osPathSplitext(s(args[0], origin));
        return tuple([str(root), str(ext)]);
      },
      pure,
    ),
    relpath: native(
      "os.path.relpath",
      ({ args, origin }) =>
        str(relativePath(osPathAbspath(s(args[0], origin), host.cwd), osPathAbspath(args[1] ? s(args[1], origin) : host.cwd, host.cwd))),
      pure,
    ),
    expanduser: native(
      "os.path.expanduser",
      ({ args, origin }) => {
        const p = s(args[0], origin);
        return p.startsWith("~") ? unknown("a path in the home folder of whoever runs the app", origin) : str(p);
      },
      pure,
    ),
    exists: exists("any"),
    isfile: exists("file"),
    isdir: exists("dir"),
    sep: str("/"),
  });
}

function osModule(host: Host, pathModule: ModuleValue): ModuleValue {
  const runtime = (name: string) => native(`os.${name}`, ({ origin }) => unknown(`os.${name}() depends on the machine`, origin));
  return moduleOf("os", {
    environ: environObject(host),
    getenv: native("os.getenv", ({ args, kwargs, origin }) => getVariable(host, args[0], args[1] ?? kwargs.get("default"), origin)),
    putenv: native("os.putenv", () => NONE),
    path: pathModule,
    getcwd: native("os.getcwd", () => str(host.cwd)),
    sep: str("/"),
    linesep: str("\n"),
    pathsep: str(":"),
    name: str("posix"),
    curdir: str("."),
    pardir: str(".."),
    devnull: str("/dev/null"),
    cpu_count: runtime("cpu_count"),
    urandom: runtime("urandom"),
    getpid: runtime("getpid"),
    listdir: runtime("listdir"),
    uname: runtime("uname"),
    makedirs: native("os.makedirs", () => NONE),
    mkdir: native("os.mkdir", () => NONE),
  });
}

function pathClass(host: Host, name: string): Value {
  const build = (call: NativeCallArgs): Value => path(purePath(...call.args.map((a) => expectString(a, "argument", call.origin))));
  return native(`pathlib.${name}`, build, {
    pure: true,
    attributes: new Map<string, Value>([
      ["cwd", native("Path.cwd", () => path(host.cwd))],
      ["home", native("Path.home", ({ origin }) => unknown("the home folder of whoever runs the app", origin))],
    ]),
  });
}

function timedelta(call: NativeCallArgs): Value {
  const units: Record<string, number> = {
    weeks: 604800,
    days: 86400,
    hours: 3600,
    minutes: 60,
    seconds: 1,
    milliseconds: 0.001,
    microseconds: 0.000001,
  };
  const order = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
  let seconds = 0;
  call.args.forEach((arg, i) => {
    const v = known(arg);
    if (v.kind === "int" || v.kind === "float") seconds += v.value * (units[order[i] as string] ?? 0);
  });
  for (const [key, arg] of call.kwargs) {
    const v = known(arg);
    if ((v.kind === "int" || v.kind === "float") && key in units) seconds += v.value * (units[key] ?? 0);
  }
  return { kind: "object", type: "datetime.timedelta", attributes: new Map([["_seconds", { kind: "float", value: seconds }]]) };
}

registerObjectType("datetime.timedelta", (self, name) => {
  const seconds = self.attributes.get("_seconds");
  const total = seconds?.kind === "float" ? seconds.value : 0;
  if (name === "total_seconds") return native("timedelta.total_seconds", () => ({ kind: "float", value: total }));
  if (name === "days") return int(Math.floor(total / 86400));
  if (name === "seconds") return int(Math.floor(total % 86400));
  return undefined;
});

registerObjectType("contextlib.suppress", () => undefined);

registerObjectType("sys.modules", (_self, name, host) => {
  if (name !== "__getitem__" && name !== "get") return undefined;
  return native("sys.modules[]", ({ args, origin }) => {
    const key = known(args[0] ?? NONE);
    if (key.kind !== "str") return unknown("a module djship cannot name", origin);
    return host.moduleNamed(key.value) ?? (name === "get" ? (args[1] ?? NONE) : unknown(`sys.modules['${key.value}']`, origin));
  });
});

/**
 * The modules djship models natively. Returns undefined for a module it leaves to the generic
 * external handling (its values become unknown, its calls are recorded).
 */
function nativeModule(name: string, host: Host, origin: Origin): Value | undefined {
  switch (name) {
    case "os": {
      return osModule(host, osPathModule(host));
    }
    case "os.path":
    case "posixpath": {
      const os = host.attribute(nativeModuleCache(host, "os", origin), "path", origin);
      return os;
    }
    case "sys":
      return moduleOf("sys", {
        argv: unknown("the command line the app is started with"),
        platform: str("linux"),
        version_info: unknown("the Python version on the server"),
        version: unknown("the Python version on the server"),
        path: unknown("sys.path at run time"),
        modules: { kind: "object", type: "sys.modules", attributes: new Map() },
        executable: unknown("the Python executable on the server"),
        exit: native("sys.exit", ({ args, origin }) => raise("SystemExit", args[0] ? (pyRepr(args[0]) ?? "") : "", origin)),
        stdout: { kind: "external", name: "sys.stdout" },
        stderr: { kind: "external", name: "sys.stderr" },
      });
    case "pathlib":
      return moduleOf("pathlib", {
        Path: pathClass(host, "Path"),
        PurePath: pathClass(host, "PurePath"),
        PosixPath: pathClass(host, "PosixPath"),
        PurePosixPath: pathClass(host, "PurePosixPath"),
      });
    case "json":
      return moduleOf("json", {
        loads: native(
          "json.loads",
          ({ args, origin }) => {
            const text = expectString(args[0], "s", origin);
            try {
              return fromJson(JSON.parse(text) as Json);
            } catch {
              return raise("JSONDecodeError", "Expecting value", origin);
            }
          },
          { pure: true },
        ),
        JSONDecodeError: exceptionNative("JSONDecodeError"),
      });
    case "urllib":
      return moduleOf("urllib", { parse: urllib() });
    case "urllib.parse":
      return urllib();
    case "socket":
      return moduleOf("socket", {
        gethostname: native("socket.gethostname", ({ origin }) => unknown("the host name of the server", origin)),
        gethostbyname: native("socket.gethostbyname", ({ origin }) => unknown("a DNS lookup at run time", origin)),
        getfqdn: native("socket.getfqdn", ({ origin }) => unknown("the host name of the server", origin)),
        gethostbyname_ex: native("socket.gethostbyname_ex", ({ origin }) => unknown("a DNS lookup at run time", origin)),
      });
    case "platform":
      return moduleOf("platform", {
        system: native("platform.system", () => str("Linux")),
        node: native("platform.node", ({ origin }) => unknown("the host name of the server", origin)),
        python_version: native("platform.python_version", ({ origin }) => unknown("the Python version on the server", origin)),
      });
    case "datetime":
      return moduleOf("datetime", {
        timedelta: native("datetime.timedelta", timedelta, { pure: true }),
        datetime: { kind: "external", name: "datetime.datetime" },
        date: { kind: "external", name: "datetime.date" },
        timezone: { kind: "external", name: "datetime.timezone" },
      });
    case "contextlib":
      return moduleOf("contextlib", {
        suppress: native("contextlib.suppress", ({ args }) => ({
          kind: "object",
          type: "contextlib.suppress",
          attributes: new Map(),
          native: args.flatMap((a) =>
            a.kind === "native" && a.exceptionClass
              ? [a.exceptionClass.name]
              : a.kind === "class" && a.exceptionClass
                ? [a.exceptionClass.name]
                : [],
          ),
        })),
      });
    case "ast":
      return moduleOf("ast", {
        literal_eval: native(
          "ast.literal_eval",
          ({ args, origin }) => {
            const v = known(args[0] ?? NONE);
            if (v.kind !== "str") return v;
            return host.literalEval(v.value, origin);
          },
          { pure: true },
        ),
      });
    case "string":
      return moduleOf("string", {
        ascii_letters: str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        ascii_lowercase: str("abcdefghijklmnopqrstuvwxyz"),
        ascii_uppercase: str("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        digits: str("0123456789"),
        hexdigits: str("0123456789abcdefABCDEF"),
        punctuation: str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
        whitespace: str(" \t\n\r\x0b\x0c"),
      });
    case "secrets":
    case "random": {
      const randomFn = (fn: string) => native(`${name}.${fn}`, ({ origin }) => unknown(RANDOM_AT_START, origin));
      return moduleOf(
        name,
        Object.fromEntries(
          ["token_urlsafe", "token_hex", "token_bytes", "choice", "randint", "random", "sample", "SystemRandom", "shuffle"].map((fn) => [
            fn,
            randomFn(fn),
          ]),
        ),
      );
    }
    case "importlib":
      return moduleOf("importlib", {
        import_module: native("importlib.import_module", ({ args, kwargs, origin }) => {
          const name = expectString(args[0], "name", origin);
          const packageValue = args[1] ?? kwargs.get("package");
          return host.importByName(resolveImportName(name, packageValue ? known(packageValue) : NONE, origin), origin);
        }),
      });
    case "pkgutil":
      return moduleOf("pkgutil", {
        // extend_path(__path__, __name__): every folder on sys.path that holds the same package.
        extend_path: native("pkgutil.extend_path", ({ args, origin }) => {
          const current = known(args[0] ?? NONE);
          if (current.kind !== "list") return current;
          const name = expectString(args[1], "name", origin);
          const items = [...current.items];
          for (const root of host.importRoots) {
            const folder = `${root}/${name.split(".").join("/")}`;
            if (host.isDirectory(folder) && !items.some((item) => item.kind === "str" && item.value === folder)) items.push(str(folder));
          }
          return list(items);
        }),
      });
    case "inspect":
      return moduleOf("inspect", {
        // getmembers(object[, predicate]): (name, getattr(object, name)) for every name dir() lists,
        // sorted; a name whose lookup raises AttributeError is left out, as inspect does.
        getmembers: native("inspect.getmembers", ({ args, kwargs, origin }) => {
          const target = args[0] ?? NONE;
          const predicate = args[1] ?? kwargs.get("predicate");
          const dir = host.builtins.get("dir") as Value;
          const members: Value[] = [];
          for (const name of host.iterate(host.call(dir, [target], new Map(), origin), origin)) {
            const key = expectString(name, "name", origin);
            let value: Value;
            try {
              value = host.attribute(target, key, origin);
            } catch (error) {
              if (error instanceof PyRaise && error.isInstance("AttributeError")) continue;
              throw error;
            }
            if (predicate && predicate.kind !== "none") {
              const keep = truthy(known(host.call(predicate, [value], new Map(), origin)));
              if (keep === undefined)
                throw new Indeterminate(unknown("inspect.getmembers() with a predicate djship cannot decide", origin));
              if (!keep) continue;
            }
            members.push(tuple([str(key), value]));
          }
          return list(members);
        }),
      });
    case "enum":
      return moduleOf("enum", enumModuleMembers());
    case "typing":
      return moduleOf("typing", { NamedTuple: NAMED_TUPLE, TYPE_CHECKING: FALSE });
    case "collections":
      return moduleOf("collections", {
        namedtuple: native("collections.namedtuple", ({ args, kwargs, origin }) => {
          const typename = expectString(args[0], "typename", origin);
          const spec = known(args[1] ?? kwargs.get("field_names") ?? NONE);
          const fields =
            spec.kind === "str"
              ? spec.value.replace(/,/g, " ").split(/\s+/).filter(Boolean)
              : host.iterate(spec, origin).map((item) => expectString(item, "field name", origin));
          const defaults = kwargs.get("defaults");
          const defaultValues = defaults && known(defaults).kind !== "none" ? host.iterate(defaults, origin) : [];
          const attributes = new Map<string, Value>([
            ["__annotations__", dict(fields.map((field) => [str(field), NONE] as const))],
            ["_fields", tuple(fields.map((field) => str(field)))],
          ]);
          // Defaults apply to the rightmost fields.
          defaultValues.forEach((value, index) => {
            const field = fields[fields.length - defaultValues.length + index];
            if (field) attributes.set(field, value);
          });
          return { kind: "class", name: typename, attributes, bases: [NAMED_TUPLE] };
        }),
      });
    case "dataclasses":
      return moduleOf("dataclasses", {
        // @dataclass and @dataclass(frozen=True, ...): the class gets the generated __init__.
        dataclass: native("dataclasses.dataclass", ({ args }) => {
          const mark = (cls: Value): Value => {
            if (cls.kind === "class") cls.attributes.set(RECORD_KIND, str("dataclass"));
            return cls;
          };
          return args[0] ? mark(args[0]) : native("dataclasses.dataclass()", (inner) => mark(inner.args[0] ?? NONE));
        }),
      });
    case "warnings":
      return moduleOf("warnings", {
        warn: native("warnings.warn", () => NONE),
        filterwarnings: native("warnings.filterwarnings", () => NONE),
        simplefilter: native("warnings.simplefilter", () => NONE),
      });
    default:
      return undefined;
  }
}

const osCache = new WeakMap<Host, Value>();

function nativeModuleCache(host: Host, name: "os", origin: Origin): Value {
  let cached = osCache.get(host);
  if (!cached) {
    cached = nativeModule(name, host, origin) ?? NONE;
    osCache.set(host, cached);
  }
  return cached;
}

/**
 * The standard library as far as settings use it. Modules listed without a model of their own
 * (logging, typing, re...) are still never read from disk: their values stay external.
 */
export const standardLibrary: NativeLibrary = {
  roots: [
    "os",
    "sys",
    "pathlib",
    "posixpath",
    "json",
    "urllib",
    "socket",
    "platform",
    "datetime",
    "contextlib",
    "ast",
    "string",
    "secrets",
    "random",
    "warnings",
    "logging",
    "typing",
    "re",
    "importlib",
    "builtins",
    "enum",
    "pkgutil",
    "collections",
    "dataclasses",
    "inspect",
  ],
  module: nativeModule,
};

/** importlib's resolution of a relative name (`.base`) against a package, as importlib._bootstrap._resolve_name does. */
function resolveImportName(name: string, packageValue: Value, origin: Origin): string {
  if (!name.startsWith(".")) return name;
  if (packageValue.kind !== "str" || packageValue.value === "") {
    return raise("TypeError", `the 'package' argument is required to perform a relative import for '${name}'`, origin);
  }
  const dots = name.length - name.replace(/^\.+/, "").length;
  const parts = packageValue.value.split(".");
  if (dots - 1 >= parts.length) return raise("ImportError", "attempted relative import beyond top-level package", origin);
  const base = parts.slice(0, parts.length - (dots - 1)).join(".");
  const rest = name.slice(dots);
  return rest ? `${base}.${rest}` : base;
}
