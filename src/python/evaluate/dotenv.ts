/**
 * python-dotenv 1.x: load_dotenv() (the file found by walking up from the calling file, or the
 * path given; `override=True` lets the file beat the environment), dotenv_values(), find_dotenv(),
 * with its parser (quotes, escapes, `export`, comments) and ${VAR:-default} interpolation; and
 * django-dotenv's read_dotenv(), which shares the import name.
 * https://github.com/theskumar/python-dotenv/blob/main/src/dotenv/main.py
 */

import { SIMPLE_ESCAPES } from "../string-literals.js";
import { bool, dict, type NativeCallArgs, NONE, type Origin, str, type Value } from "../value.js";
import { moduleOf, type NativeLibrary } from "./library.js";
import { argument, expectString, type Host, known, native } from "./natives.js";
import { osPathAbspath, osPathDirname, osPathJoin } from "./paths.js";

/** Key and value (null for a key without `=`) of each binding, as dotenv.parser.parse_stream gives them. */
export function parseDotenvText(text: string): [string, string | null][] {
  const bindings: [string, string | null][] = [];
  let at = 0;
  const read = (regex: RegExp): RegExpExecArray | null => {
    regex.lastIndex = at;
    const match = regex.exec(text);
    if (match) at = regex.lastIndex;
    return match;
  };
  while (at < text.length) {
    const start = at;
    read(/\s*/y);
    if (at >= text.length) break;
    read(/(?:export[^\S\r\n]+)?/y);
    let key: string | null = null;
    let ok = true;
    if (text[at] !== "#") {
      const keyMatch = text[at] === "'" ? read(/'([^']+)'/y) : read(/([^=#\s]+)/y);
      if (keyMatch) key = keyMatch[1] as string;
      else ok = false;
    }
    let value: string | null = null;
    if (ok) {
      read(/[^\S\r\n]*/y);
      if (text[at] === "=") {
        read(/=[^\S\r\n]*/y);
        const char = text[at];
        if (char === "'") {
          const m = read(/'((?:\\'|[^'])*)'/y);
          if (m) value = (m[1] as string).replace(/\\([\\'])/g, "$1");
          else ok = false;
        } else if (char === '"') {
          const m = read(/"((?:\\"|[^"])*)"/y);
          if (m) value = decodeDoubleQuoted(m[1] as string);
          else ok = false;
        } else if (char === undefined || char === "\n" || char === "\r") value = "";
        else {
          const m = read(/([^\r\n]*)/y);
          value = (m?.[1] ?? "").replace(/\s+#.*/, "").trimEnd();
        }
      }
    }
    if (ok) {
      read(/(?:[^\S\r\n]*#[^\r\n]*)?/y);
      if (!read(/[^\S\r\n]*(?:\r\n|\n|\r|$)/y)) ok = false;
    }
    if (!ok) {
      // An invalid line is skipped (python-dotenv warns and goes on).
      at = start;
      read(/[^\r\n]*(?:\r\n|\n|\r)?/y);
      continue;
    }
    if (key !== null) bindings.push([key, value]);
  }
  return bindings;
}

// python-dotenv decodes only these escapes in a double-quoted value (its _decode_escapes regex).
function decodeDoubleQuoted(text: string): string {
  return text.replace(/\\([\\'"abfnrtv])/g, (_m, ch: string) => SIMPLE_ESCAPES[ch] ?? ch);
}

/** resolve_variables(): ${NAME} and ${NAME:-default}; undefined when a variable's value is unknown. */
function interpolate(host: Host, value: string, values: Map<string, string | null>, override: boolean): string | undefined {
  let unknownPart = false;
  const result = value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
    const fromFile = values.get(name);
    const fromEnv = host.env.lookup(name);
    if (fromEnv.state === "unknown" && !(override && fromFile !== undefined)) unknownPart = true;
    const environment = fromEnv.state === "set" ? fromEnv.value : undefined;
    const found = override ? (fromFile ?? environment) : (environment ?? fromFile);
    return found ?? fallback ?? "";
  });
  return unknownPart ? undefined : result;
}

function resolveValues(host: Host, path: string, interpolating: boolean, override: boolean): Map<string, string | null> | undefined {
  const text = host.readText(path);
  if (text === undefined) return undefined;
  const values = new Map<string, string | null>();
  for (const [key, raw] of parseDotenvText(text)) {
    if (raw === null || !interpolating) {
      values.set(key, raw);
      continue;
    }
    const resolved = interpolate(host, raw, values, override);
    if (resolved !== undefined) values.set(key, resolved);
  }
  return values;
}

/** find_dotenv(): the first `filename` from the calling file's folder up, inside the project. */
function findDotenv(host: Host, filename: string, origin: Origin, useCwd: boolean): string {
  let folder = useCwd ? host.cwd : osPathDirname(host.absoluteFile(origin));
  for (;;) {
    const candidate = osPathJoin(folder, filename);
    const isFile = host.isFile(candidate);
    if (isFile) return candidate;
    // Above the project djship reads nothing: a .env there is the machine's, not the repository's.
    if (isFile === undefined || folder === "/") return "";
    folder = osPathDirname(folder);
  }
}

function truthyFlag(call: NativeCallArgs, index: number, name: string, fallback: boolean): boolean {
  const value = argument(call, index, name);
  if (!value) return fallback;
  const v = known(value);
  return v.kind === "bool" || v.kind === "int" ? Boolean(v.value) : v.kind !== "none";
}

function pathArgument(host: Host, call: NativeCallArgs, index: number, name: string): string | undefined {
  const value = argument(call, index, name);
  if (!value || known(value).kind === "none") return undefined;
  const text = expectString(value, name, call.origin);
  return text === "" ? "" : osPathAbspath(text, host.cwd);
}

function isDisabled(host: Host): boolean {
  const flag = host.env.lookup("PYTHON_DOTENV_DISABLED");
  return flag.state === "set" && ["1", "true", "t", "yes", "y"].includes(flag.value.toLowerCase());
}

function loadDotenv(host: Host, call: NativeCallArgs): Value {
  if (isDisabled(host)) return bool(false);
  const stream = argument(call, 1, "stream");
  const path = pathArgument(host, call, 0, "dotenv_path") ?? (stream ? undefined : findDotenv(host, ".env", call.origin, false));
  if (!path) return bool(false);
  const override = truthyFlag(call, 3, "override", false);
  const values = resolveValues(host, path, truthyFlag(call, 4, "interpolate", true), override);
  if (!values || values.size === 0) return bool(false);
  for (const [key, value] of values) {
    if (value === null) continue;
    if (override) host.env.set(key, value);
    else host.env.setDefault(key, value);
  }
  return bool(true);
}

function dotenvModule(host: Host): Value {
  return moduleOf("dotenv", {
    load_dotenv: native("dotenv.load_dotenv", (call) => loadDotenv(host, call)),
    find_dotenv: native("dotenv.find_dotenv", (call) => {
      const filename = argument(call, 0, "filename");
      return str(
        findDotenv(
          host,
          filename ? expectString(filename, "filename", call.origin) : ".env",
          call.origin,
          truthyFlag(call, 2, "usecwd", false),
        ),
      );
    }),
    dotenv_values: native("dotenv.dotenv_values", (call) => {
      const path = pathArgument(host, call, 0, "dotenv_path") ?? findDotenv(host, ".env", call.origin, false);
      const values = path ? resolveValues(host, path, truthyFlag(call, 4, "interpolate", true), true) : undefined;
      return dict([...(values ?? [])].map(([k, v]) => [str(k), v === null ? NONE : str(v)] as const));
    }),
    // django-dotenv: read_dotenv(dotenv=None, override=False), the .env beside the calling file.
    read_dotenv: native("dotenv.read_dotenv", (call) => {
      const path = pathArgument(host, call, 0, "dotenv") ?? osPathJoin(osPathDirname(host.absoluteFile(call.origin)), ".env");
      const override = truthyFlag(call, 1, "override", false);
      const values = resolveValues(host, path, false, override);
      for (const [key, value] of values ?? []) {
        if (value === null) continue;
        if (override) host.env.set(key, value);
        else host.env.setDefault(key, value);
      }
      return NONE;
    }),
  });
}

/** python-dotenv (and django-dotenv): `from dotenv import load_dotenv`. */
export const dotenvLibrary: NativeLibrary = {
  roots: ["dotenv"],
  module: (name, host) => (name === "dotenv" || name === "dotenv.main" ? dotenvModule(host) : undefined),
};
