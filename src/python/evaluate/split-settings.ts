/**
 * django-split-settings 1.x: `include(*patterns, scope=None)` runs each matching file, in order,
 * in the including module's globals (or `scope`); `optional(path)` marks a pattern that may match
 * nothing. Patterns are globs relative to the including file (`__included_file__` while nested).
 * https://github.com/wemake-services/django-split-settings/blob/master/split_settings/tools.py
 */
import { list, type Namespace, NONE, str, type Value } from "../value.js";
import { CannotRead, raise } from "./exceptions.js";
import { moduleOf, type NativeLibrary } from "./library.js";
import { expectString, type Host, known, native } from "./natives.js";
import { osPathAbspath, osPathDirname, osPathJoin } from "./paths.js";

const INCLUDED_FILE = "__included_file__";
const INCLUDED_FILES = "__included_files__";

function isOptional(value: Value): boolean {
  return value.kind === "object" && value.type === "split_settings._Optional";
}

function patternText(value: Value, origin: Parameters<typeof expectString>[2]): string {
  const v = known(value);
  if (isOptional(v)) return (v as { native?: unknown }).native as string;
  return expectString(v, "path", origin);
}

function include(
  host: Host,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
  origin: Parameters<typeof expectString>[2],
): Value {
  const scopeArgument = kwargs.get("scope");
  const given = scopeArgument ? known(scopeArgument) : NONE;
  const scope: Namespace =
    given.kind === "object" && given.type === "python.namespace" ? (given.native as Namespace) : host.callerGlobals();
  if (!scope.has(INCLUDED_FILES)) scope.set(INCLUDED_FILES, { value: list([]), origin: null });
  const includedList = known(scope.get(INCLUDED_FILES)?.value ?? list([]));
  const included = includedList.kind === "list" ? includedList : list([]);
  const includingValue = scope.get(INCLUDED_FILE)?.value ?? scope.get("__file__")?.value;
  const including = includingValue ? expectString(includingValue, "__file__", origin) : host.absoluteFile(origin);
  const folder = osPathDirname(including);
  for (const argument of args) {
    const optional = isOptional(known(argument));
    const pattern = patternText(argument, origin);
    if (optional && pattern === "") continue;
    const saved = scope.get(INCLUDED_FILE);
    const absolutePattern = osPathJoin(folder, pattern);
    const literalPrefix = osPathAbspath(absolutePattern, host.cwd).split(/[*?[]/)[0] as string;
    // Python reads files anywhere; djship reads only the project's.
    if (host.isFile(literalPrefix) === undefined && host.isDirectory(osPathDirname(literalPrefix)) === undefined) {
      throw new CannotRead(`${absolutePattern}, a settings file outside the project, included`, origin);
    }
    const files = host.glob(osPathAbspath(absolutePattern, host.cwd));
    if (files.length === 0 && !optional) raise("OSError", `No such file: ${absolutePattern}`, origin);
    for (const file of files) {
      if (included.items.some((item) => item.kind === "str" && item.value === file)) continue;
      included.items.push(str(file));
      scope.set(INCLUDED_FILE, { value: str(file), origin: null });
      host.execFile(file, scope, origin);
    }
    if (saved && saved.value.kind === "str" && saved.value.value) scope.set(INCLUDED_FILE, saved);
    else scope.delete(INCLUDED_FILE);
  }
  return NONE;
}

function tools(host: Host): Value {
  return moduleOf("split_settings.tools", {
    include: native("split_settings.include", ({ args, kwargs, origin }) => include(host, args, kwargs, origin)),
    optional: native("split_settings.optional", ({ args, origin }) => {
      const v = args[0] ? known(args[0]) : NONE;
      const text = v.kind === "none" ? "" : expectString(v, "filename", origin);
      return { kind: "object", type: "split_settings._Optional", attributes: new Map(), native: text };
    }),
  });
}

/** django-split-settings: `from split_settings.tools import include, optional`. */
export const splitSettingsLibrary: NativeLibrary = {
  roots: ["split_settings"],
  module: (name, host) => {
    if (name === "split_settings.tools") return tools(host);
    if (name === "split_settings") return moduleOf("split_settings", { tools: tools(host) });
    return undefined;
  },
};
