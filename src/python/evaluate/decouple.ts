/**
 * python-decouple, modelled on its source (decouple.py, 3.6 to 3.8): `config` is an AutoConfig that
 * looks for settings.ini or .env from the caller's folder upwards, the environment wins over the
 * file, and `cast` applies to defaults too. djship stops the upward search at the project root.
 * https://github.com/HBNetwork/python-decouple/blob/master/decouple.py
 */
import {
  bool,
  list,
  type NativeCallArgs,
  NONE,
  type ObjectValue,
  type Origin,
  pyStr,
  str,
  truthy,
  tuple,
  type Value,
  withDeps,
} from "../value.js";
import { exceptionNative, registerObjectType } from "./builtins.js";
import { raise } from "./exceptions.js";
import { missingRequired, moduleOf, type NativeLibrary, readEnv } from "./library.js";
import { argument, expectString, type Host, known, native } from "./natives.js";
import { osPathAbspath, osPathDirname } from "./paths.js";

const TRUE_VALUES = ["y", "yes", "t", "true", "on", "1"];
const FALSE_VALUES = ["n", "no", "f", "false", "off", "0"];

interface Repository {
  readonly data: ReadonlyMap<string, string>;
  /** ConfigParser option names are case-insensitive. */
  readonly caseInsensitive: boolean;
}

const EMPTY_REPOSITORY: Repository = { data: new Map(), caseInsensitive: false };

function strtobool(value: string, origin: Origin): boolean {
  const lower = value.toLowerCase();
  if (TRUE_VALUES.includes(lower)) return true;
  if (FALSE_VALUES.includes(lower)) return false;
  return raise("ValueError", `Invalid truth value: ${lower}`, origin);
}

/** RepositoryEnv: KEY=value lines, stripped, matching quotes removed. */
export function parseDecoupleEnv(content: string): Map<string, string> {
  const data = new Map<string, string>();
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || !line.includes("=")) continue;
    const at = line.indexOf("=");
    const key = line.slice(0, at).trim();
    let value = line.slice(at + 1).trim();
    if (value.length >= 2 && ((value[0] === "'" && value.endsWith("'")) || (value[0] === '"' && value.endsWith('"')))) {
      value = value.slice(1, -1);
    }
    data.set(key, value);
  }
  return data;
}

/** RepositoryIni: the [settings] section of a ConfigParser file, with %(name)s interpolation. */
export function parseDecoupleIni(content: string): Map<string, string> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") {
      lastKey = undefined;
      continue;
    }
    const section = /^\[([^\]]+)\]/.exec(raw);
    if (section) {
      const name = section[1] as string;
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current.set(lastKey, `${current.get(lastKey) ?? ""}\n${raw.trim()}`);
      continue;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (option && current) {
      lastKey = (option[1] as string).trim().toLowerCase();
      current.set(lastKey, (option[2] as string).trim());
    }
  }
  const settings = sections.get("settings") ?? new Map<string, string>();
  const defaults = sections.get("DEFAULT") ?? new Map<string, string>();
  const merged = new Map([...defaults, ...settings]);
  const interpolate = (value: string, depth: number): string =>
    depth > 10
      ? value
      : value.replace(/%\(([^)]+)\)s|%%/g, (match, name: string | undefined) =>
          name === undefined ? "%" : interpolate(merged.get(name.toLowerCase()) ?? match, depth + 1),
        );
  return new Map([...merged].map(([key, value]) => [key, interpolate(value, 0)]));
}

function loadRepository(host: Host, file: string): Repository {
  const content = host.readText(file);
  if (content === undefined) return EMPTY_REPOSITORY;
  return file.endsWith(".ini")
    ? { data: parseDecoupleIni(content), caseInsensitive: true }
    : { data: parseDecoupleEnv(content), caseInsensitive: false };
}

/** AutoConfig._find_file: settings.ini before .env, folder by folder up to the project root. */
function findRepository(host: Host, start: string): Repository {
  const root = host.cwd;
  let folder = start;
  for (let i = 0; i < 64; i++) {
    for (const name of ["settings.ini", ".env"]) {
      const candidate = `${folder}/${name}`;
      if (host.isFile(candidate)) return loadRepository(host, candidate);
    }
    if (folder === root || !folder.startsWith(`${root}/`)) break;
    folder = osPathDirname(folder);
  }
  return EMPTY_REPOSITORY;
}

function repositoryGet(repository: Repository, key: string): string | undefined {
  return repository.data.get(repository.caseInsensitive ? key.toLowerCase() : key);
}

/** Config.get. */
function configGet(host: Host, repository: Repository, call: NativeCallArgs): Value {
  const { origin } = call;
  const option = expectString(argument(call, 0, "option"), "option", origin);
  const fallback = argument(call, 1, "default");
  const cast = argument(call, 2, "cast");
  const fromFile = repositoryGet(repository, option);
  const defaultJson =
    fromFile ??
    (fallback
      ? fallback.kind === "str" || fallback.kind === "bool" || fallback.kind === "int"
        ? fallback.value
        : fallback.kind === "none"
          ? null
          : (pyStr(fallback) ?? null)
      : null);
  const read = readEnv(host, option, defaultJson, origin);
  if (read.state === "unknown") return read.value;
  let value: Value;
  if (read.state === "set") value = str(read.value);
  else if (fromFile !== undefined) value = str(fromFile);
  else if (fallback && !(fallback.kind === "external" && fallback.name === "decouple.undefined")) value = fallback;
  else {
    return missingRequired(host, option, origin, () =>
      raise("UndefinedValueError", `${option} not found. Declare it as envvar or define a default value.`, origin, option),
    );
  }
  if (!cast || (cast.kind === "external" && cast.name === "decouple.undefined")) return withDeps(value, read.deps);
  if (cast === host.builtins.get("bool")) {
    const text = pyStr(known(value));
    if (text === undefined) return raise("TypeError", "cannot cast to bool", origin);
    return bool(text === "" ? false : strtobool(text, origin), read.deps);
  }
  return withDeps(host.call(cast, [value], new Map(), origin), read.deps);
}

/** shlex.shlex(value, posix=True) with whitespace=delimiter and whitespace_split=True, as Csv uses it. */
export function shlexSplit(value: string, delimiters: string, origin: Origin): string[] {
  const tokens: string[] = [];
  let token = "";
  let quoted = false;
  let state: "ws" | "word" | "quote" | "escape" = "ws";
  let quoteChar = "";
  let escapedState: "word" | "quote" = "word";
  const emit = () => {
    if (token || quoted) tokens.push(token);
    token = "";
    quoted = false;
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (state === "escape") {
      if (escapedState === "quote" && ch !== quoteChar && ch !== "\\") token += "\\";
      token += ch;
      state = escapedState;
      continue;
    }
    if (state === "quote") {
      quoted = true;
      if (ch === quoteChar) state = "word";
      else if (ch === "\\" && quoteChar === '"') {
        escapedState = "quote";
        state = "escape";
      } else token += ch;
      continue;
    }
    if (delimiters.includes(ch)) {
      if (state === "word") emit();
      else if (token || quoted) emit();
      state = "ws";
      continue;
    }
    if (ch === "#") {
      // shlex treats '#' as the start of a comment that runs to the end of the line.
      const end = value.indexOf("\n", i);
      i = end < 0 ? value.length : end;
      if (state === "word") {
        emit();
        state = "ws";
      }
      continue;
    }
    if (ch === "'" || ch === '"') {
      quoteChar = ch;
      state = "quote";
      quoted = true;
      continue;
    }
    if (ch === "\\") {
      escapedState = "word";
      state = "escape";
      continue;
    }
    token += ch;
    state = "word";
  }
  if (state === "quote") raise("ValueError", "No closing quotation", origin);
  if (state === "escape") raise("ValueError", "No escaped character", origin);
  if (token || quoted) tokens.push(token);
  return tokens;
}

registerObjectType("decouple.AutoConfig", (self, name, host) => {
  if (name !== "__call__" && name !== "get") return undefined;
  return native("decouple.config", (call) => {
    let repository = self.native as { repository?: Repository; searchPath?: string } | undefined;
    const state = repository ?? {};
    if (!state.repository) {
      const start = state.searchPath ?? osPathDirname(host.absoluteFile(call.origin));
      state.repository = findRepository(host, start);
      repository = state;
      (self as { native?: unknown }).native = state;
    }
    return configGet(host, state.repository as Repository, call);
  });
});

registerObjectType("decouple.Config", (self, name, host) => {
  if (name !== "__call__" && name !== "get") return undefined;
  return native("decouple.Config.get", (call) => configGet(host, (self.native as Repository | undefined) ?? EMPTY_REPOSITORY, call));
});

registerObjectType("decouple.Repository", () => undefined);

registerObjectType("decouple.Csv", (self, name, host) => {
  if (name !== "__call__") return undefined;
  const options = self.native as { cast?: Value; delimiter: string; strip: string; postProcess?: Value };
  return native(
    "decouple.Csv()",
    ({ args, origin }) => {
      const text = expectString(args[0], "value", origin);
      const items = shlexSplit(text, options.delimiter, origin).map((part) => {
        const stripped = stripAll(part, options.strip);
        return options.cast ? host.call(options.cast, [str(stripped)], new Map(), origin) : str(stripped);
      });
      const result = list(items);
      return options.postProcess ? host.call(options.postProcess, [result], new Map(), origin) : result;
    },
    { pure: true },
  );
});

registerObjectType("decouple.Choices", (self, name, host) => {
  if (name !== "__call__") return undefined;
  const options = self.native as { cast?: Value; valid: Value[] };
  return native(
    "decouple.Choices()",
    ({ args, origin }) => {
      const value = args[0] ?? NONE;
      const transformed = options.cast ? host.call(options.cast, [value], new Map(), origin) : value;
      const t = known(transformed);
      const ok = options.valid.some((candidate) => pyStr(candidate) === pyStr(t) && candidate.kind === t.kind);
      if (!ok) return raise("ValueError", `Value not in list: ${pyStr(value) ?? "?"}`, origin);
      return transformed;
    },
    { pure: true },
  );
});

function stripAll(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] as string)) start++;
  while (end > start && chars.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

function repository(host: Host, kind: "env" | "ini" | "empty", call: NativeCallArgs): ObjectValue {
  let data: Repository = EMPTY_REPOSITORY;
  if (kind !== "empty") {
    const source = argument(call, 0, "source");
    if (source) {
      const file = osPathAbspath(expectString(source, "source", call.origin), host.cwd);
      const content = host.readText(file);
      if (content === undefined) raise("FileNotFoundError", `[Errno 2] No such file or directory: '${file}'`, call.origin);
      data =
        kind === "ini"
          ? { data: parseDecoupleIni(content), caseInsensitive: true }
          : { data: parseDecoupleEnv(content), caseInsensitive: false };
    }
  }
  return { kind: "object", type: "decouple.Repository", attributes: new Map(), native: data };
}

function decoupleModule(host: Host): Value {
  const undefinedValue: Value = { kind: "external", name: "decouple.undefined" };
  const whitespace = " \t\n\r\x0b\x0c";
  return moduleOf("decouple", {
    config: { kind: "object", type: "decouple.AutoConfig", attributes: new Map() },
    AutoConfig: native("decouple.AutoConfig", (call) => {
      const searchPath = argument(call, 0, "search_path");
      return {
        kind: "object",
        type: "decouple.AutoConfig",
        attributes: new Map(),
        native:
          searchPath && searchPath.kind !== "none"
            ? { searchPath: osPathAbspath(expectString(searchPath, "search_path", call.origin), host.cwd) }
            : {},
      };
    }),
    Config: native("decouple.Config", (call) => {
      const repo = argument(call, 0, "repository");
      const data = repo && repo.kind === "object" ? (repo.native as Repository) : EMPTY_REPOSITORY;
      return { kind: "object", type: "decouple.Config", attributes: new Map(), native: data };
    }),
    RepositoryEnv: native("decouple.RepositoryEnv", (call) => repository(host, "env", call)),
    RepositoryIni: native("decouple.RepositoryIni", (call) => repository(host, "ini", call)),
    RepositoryEmpty: native("decouple.RepositoryEmpty", (call) => repository(host, "empty", call)),
    Csv: native("decouple.Csv", (call) => {
      const cast = argument(call, 0, "cast");
      const delimiter = argument(call, 1, "delimiter");
      const strip = argument(call, 2, "strip");
      const postProcess = argument(call, 3, "post_process");
      return {
        kind: "object",
        type: "decouple.Csv",
        attributes: new Map(),
        native: {
          cast: cast && cast !== host.builtins.get("str") ? cast : undefined,
          delimiter: delimiter ? expectString(delimiter, "delimiter", call.origin) : ",",
          strip: strip ? expectString(strip, "strip", call.origin) : whitespace,
          postProcess: postProcess && postProcess !== host.builtins.get("list") ? postProcess : undefined,
        },
      };
    }),
    Choices: native("decouple.Choices", (call) => {
      const flat = argument(call, 0, "flat");
      const cast = argument(call, 1, "cast");
      const choices = argument(call, 2, "choices");
      const valid: Value[] = [];
      if (flat && flat.kind !== "none") valid.push(...host.iterate(flat, call.origin));
      if (choices && choices.kind !== "none") {
        for (const pair of host.iterate(choices, call.origin)) valid.push(host.iterate(pair, call.origin)[0] ?? NONE);
      }
      return {
        kind: "object",
        type: "decouple.Choices",
        attributes: new Map(),
        native: { cast: cast && cast !== host.builtins.get("str") ? cast : undefined, valid },
      };
    }),
    UndefinedValueError: exceptionNative("UndefinedValueError"),
    undefined: undefinedValue,
    strtobool: native("decouple.strtobool", ({ args, origin }) => bool(strtobool(expectString(args[0], "value", origin), origin)), {
      pure: true,
    }),
    TRUE_VALUES: tuple(TRUE_VALUES.map((v) => str(v))),
    FALSE_VALUES: tuple(FALSE_VALUES.map((v) => str(v))),
    truthy: native("truthy", ({ args }) => bool(truthy(args[0] ?? NONE) === true)),
  });
}

/** python-decouple: `from decouple import config`. */
export const decoupleLibrary: NativeLibrary = {
  roots: ["decouple"],
  module: (name, host) => (name === "decouple" ? decoupleModule(host) : undefined),
};
