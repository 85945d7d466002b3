import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import { InputError } from "../util/errors.js";
import { readText } from "../util/fs.js";
import type { Finding } from "./finding.js";
import { SEVERITY_RANK, type Severity } from "./vocabulary.js";

export type FailOn = Severity | "never";

/** `[tool.djship]` in pyproject.toml, or djship.toml at the project root. */
export interface DjshipConfig {
  /** Rule codes or prefixes to run ("ALL" for every rule). */
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  /** Glob → codes or prefixes ignored in matching files. */
  readonly perFileIgnores: Readonly<Record<string, readonly string[]>>;
  readonly envFile: string | undefined;
  readonly djangoVersion: string | undefined;
  readonly settings: string | undefined;
  readonly failOn: FailOn;
  /** Run rules marked preview too. */
  readonly preview: boolean;
  /** Globs of files that are production whatever their names or headers say (see model/roles.ts). */
  readonly production: readonly string[];
  /** Globs of files djship does not read at all. */
  readonly ignoreFiles: readonly string[];
  /** Where the configuration came from, for messages. */
  readonly source: string | null;
}

export const DEFAULT_CONFIG: DjshipConfig = {
  select: ["ALL"],
  ignore: [],
  perFileIgnores: {},
  envFile: undefined,
  djangoVersion: undefined,
  settings: undefined,
  failOn: "warning",
  preview: false,
  production: [],
  ignoreFiles: [],
  source: null,
};

const KNOWN_KEYS = new Set([
  "select",
  "ignore",
  "extend-select",
  "per-file-ignores",
  "env-file",
  "django-version",
  "settings",
  "fail-on",
  "preview",
  "production",
  "ignore-files",
]);

function strings(value: unknown, key: string, source: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw new InputError(`${source}: ${key} must be a list of strings`);
  return value;
}

/** Reads the configuration of the project at `root`, or the defaults when it has none. */
export function loadConfig(root: string): DjshipConfig {
  for (const [file, pick] of [
    ["djship.toml", (data: Record<string, unknown>) => data],
    [
      "pyproject.toml",
      (data: Record<string, unknown>) => (data.tool as Record<string, unknown> | undefined)?.djship as Record<string, unknown> | undefined,
    ],
  ] as const) {
    const path = posix.join(root, file);
    const read = readText(path, 1024 * 1024);
    if (!read.ok) {
      if (read.problem === "missing") continue;
      throw new InputError(`${file}: ${read.message}`);
    }
    let data: Record<string, unknown>;
    try {
      data = parseToml(read.text) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`${file}: invalid TOML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"})`);
    }
    const section = pick(data);
    if (!section) continue;
    return configFrom(section, file === "djship.toml" ? file : "pyproject.toml [tool.djship]");
  }
  return DEFAULT_CONFIG;
}

export function configFrom(section: Record<string, unknown>, source: string): DjshipConfig {
  for (const key of Object.keys(section)) {
    if (!KNOWN_KEYS.has(key)) throw new InputError(`${source}: unknown key "${key}" (known: ${[...KNOWN_KEYS].join(", ")})`);
  }
  const failOn = section["fail-on"] ?? "warning";
  if (!["error", "warning", "info", "never"].includes(String(failOn)))
    throw new InputError(`${source}: fail-on must be error, warning, info or never`);
  const perFile = section["per-file-ignores"] ?? {};
  if (typeof perFile !== "object" || perFile === null || Array.isArray(perFile))
    throw new InputError(`${source}: per-file-ignores must be a table`);
  const perFileIgnores: Record<string, string[]> = {};
  for (const [glob, codes] of Object.entries(perFile)) perFileIgnores[glob] = strings(codes, `per-file-ignores."${glob}"`, source);
  const text = (key: string) => {
    const value = section[key];
    if (value !== undefined && typeof value !== "string") throw new InputError(`${source}: ${key} must be a string`);
    return value as string | undefined;
  };
  return {
    select: [
      ...(section.select === undefined ? ["ALL"] : strings(section.select, "select", source)),
      ...strings(section["extend-select"], "extend-select", source),
    ],
    ignore: strings(section.ignore, "ignore", source),
    perFileIgnores,
    envFile: text("env-file"),
    djangoVersion: text("django-version"),
    settings: text("settings"),
    failOn: failOn as FailOn,
    preview: section.preview === true,
    production: strings(section.production, "production", source),
    ignoreFiles: strings(section["ignore-files"], "ignore-files", source),
    source,
  };
}

/** The length of the longest selector matching a code: "ALL" matches with length 0. */
function specificity(code: string, selectors: readonly string[]): number {
  let best = -1;
  for (const selector of selectors) {
    if (selector === "ALL") best = Math.max(best, 0);
    else if (code.startsWith(selector.toUpperCase())) best = Math.max(best, selector.length);
  }
  return best;
}

/** Whether a rule runs: the more specific of select and ignore wins, as in ruff; a tie ignores. */
export function isSelected(code: string, select: readonly string[], ignore: readonly string[]): boolean {
  const selected = specificity(code, select);
  const ignored = specificity(code, ignore);
  return selected >= 0 && selected > ignored;
}

/** A glob (`**`, `*`, `?`) as a regular expression over POSIX paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*" && glob[i + 1] === "*") {
      pattern += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") pattern += "[^/]*";
    else if (ch === "?") pattern += "[^/]";
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // A pattern without a slash matches the file name anywhere, as in ruff and .gitignore.
  return new RegExp(glob.includes("/") ? `^${pattern}$` : `(^|/)${pattern}$`);
}

/**
 * Whether findings reach the fail-on level (exit code 1): suppressed findings and those already
 * in the baseline never count.
 */
export function failsAt(findings: readonly Pick<Finding, "severity" | "suppressed" | "baseline">[], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return findings.some((f) => !f.suppressed && f.baseline !== "unchanged" && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
