import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import { DJANGO_SERIES, isDjangoSeries } from "../django/versions.js";
import { InputError } from "../util/errors.js";
import { readText, type TextRead } from "../util/fs.js";
import { closest, didYouMean } from "../util/suggest.js";
import type { Finding } from "./finding.js";
import { SEVERITY_RANK, type Severity } from "./vocabulary.js";

export { globToRegExp } from "../util/glob.js";

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
  /** Globs of files that are production whatever their names or headers say (see discover/file-roles.ts). */
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
export function loadConfig(root: string, read: (path: string) => TextRead = (path) => readText(path, 1024 * 1024)): DjshipConfig {
  for (const [file, pick] of [
    ["djship.toml", (data: Record<string, unknown>) => data],
    [
      "pyproject.toml",
      (data: Record<string, unknown>) => (data.tool as Record<string, unknown> | undefined)?.djship as Record<string, unknown> | undefined,
    ],
  ] as const) {
    const path = posix.join(root, file);
    const text = read(path);
    if (!text.ok) {
      if (text.problem === "missing") continue;
      throw new InputError(`${file}: ${text.message}`);
    }
    let data: Record<string, unknown>;
    try {
      data = parseToml(text.text) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`${file}: invalid TOML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"})`);
    }
    const section = pick(data);
    if (!section) continue;
    return configFrom(section, file === "djship.toml" ? file : "pyproject.toml [tool.djship]");
  }
  return DEFAULT_CONFIG;
}

/** The configuration of a project held in memory (relative path → text, as `audit({ files })` takes it): read like one on disk. */
export function loadConfigFromFiles(files: Readonly<Record<string, string>>): DjshipConfig {
  return loadConfig(".", (path) => {
    const text = files[posix.normalize(path)];
    return text === undefined ? { ok: false, problem: "missing", message: "file not found" } : { ok: true, text };
  });
}

export function configFrom(section: Record<string, unknown>, source: string): DjshipConfig {
  for (const key of Object.keys(section)) {
    if (!KNOWN_KEYS.has(key))
      throw new InputError(`${source}: unknown key "${key}"${didYouMean(key, KNOWN_KEYS)} (known: ${[...KNOWN_KEYS].join(", ")})`);
  }
  const failOn = section["fail-on"] ?? "warning";
  const failOnError = checkFailOn(failOn);
  if (failOnError) throw new InputError(`${source}: fail-on ${failOnError}`);
  if (section.preview !== undefined && typeof section.preview !== "boolean")
    throw new InputError(`${source}: preview must be true or false, not ${JSON.stringify(section.preview)}`);
  const djangoVersion = section["django-version"];
  if (typeof djangoVersion === "string") {
    const versionError = checkDjangoVersion(djangoVersion);
    if (versionError) throw new InputError(`${source}: django-version ${versionError}`);
  }
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

/**
 * Whether findings reach the fail-on level (exit code 1): suppressed findings and those already
 * in the baseline never count.
 */
export function failsAt(findings: readonly Pick<Finding, "severity" | "suppressed" | "baseline">[], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return findings.some((f) => !f.suppressed && f.baseline !== "unchanged" && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

export const FAIL_ON_LEVELS: readonly FailOn[] = ["error", "warning", "info", "never"];

/** Why a fail-on value is wrong (to follow "--fail-on" or "fail-on"), or undefined when it is right. */
export function checkFailOn(value: unknown): string | undefined {
  if (typeof value === "string" && (FAIL_ON_LEVELS as readonly string[]).includes(value)) return undefined;
  const shown = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return `takes error, warning, info or never, not ${shown}${typeof value === "string" ? didYouMean(value, FAIL_ON_LEVELS) : ""}`;
}

/**
 * Why a Django version is not one djship can read a project with (to follow "--django-version" or
 * "django-version"), or undefined: a series djship knows, as X.Y or a release X.Y.Z of it.
 */
export function checkDjangoVersion(text: string): string | undefined {
  const known = `djship knows ${DJANGO_SERIES[0]} to ${DJANGO_SERIES[DJANGO_SERIES.length - 1]}`;
  const match = /^(\d+)(?:\.(\d+))?(?:\.\d+)?(?:(?:a|b|rc)\d+)?$/.exec(text.trim());
  if (!match) return `"${text}" is not a Django version: give its series, such as 5.2 (${known})`;
  const [, major, minor] = match;
  if (minor === undefined) {
    const inMajor = DJANGO_SERIES.filter((s) => s.startsWith(`${major}.`));
    const suggestion = inMajor.length ? `; did you mean ${inMajor[inMajor.length - 1]}?` : "";
    return `${text} names no series${suggestion} (${known})`;
  }
  const series = `${major}.${minor}`;
  if (isDjangoSeries(series)) return undefined;
  const oldest = DJANGO_SERIES[0];
  const newest = DJANGO_SERIES[DJANGO_SERIES.length - 1] as string;
  const [m, n] = [Number(major), Number(minor)];
  const [om, on] = oldest.split(".").map(Number) as [number, number];
  const [nm, nn] = newest.split(".").map(Number) as [number, number];
  if (m < om || (m === om && n < on)) return `${text} is older than any series djship supports (${known}); did you mean ${oldest}?`;
  if (m > nm || (m === nm && n > nn)) return `${text} is newer than any series djship knows (${known}); did you mean ${newest}?`;
  const sameMajor = DJANGO_SERIES.filter((s) => s.startsWith(`${major}.`));
  const nearest = [...sameMajor].sort((a, b) => Math.abs(Number(a.split(".")[1]) - n) - Math.abs(Number(b.split(".")[1]) - n))[0];
  return `${text} is not a Django release series${nearest ? `; did you mean ${nearest}?` : ""} (${known}: ${DJANGO_SERIES.join(", ")})`;
}

/** What a selector is checked against: every rule's code and slug. */
export interface KnownRule {
  readonly code: string;
  readonly slug: string;
}

/**
 * Why a rule selector (`--select`, `ignore`, a per-file-ignores entry) selects nothing, or
 * undefined: "ALL", a code, or a prefix of at least one code ("SEC", "SEC00").
 */
export function checkSelector(selector: string, rules: readonly KnownRule[]): string | undefined {
  const upper = selector.trim().toUpperCase();
  if (upper === "ALL" || rules.some((rule) => rule.code.startsWith(upper))) return undefined;
  const bySlug = rules.find((rule) => rule.slug === selector.trim().toLowerCase());
  if (bySlug) return `"${selector}" is a rule name, not a code; did you mean ${bySlug.code}?`;
  const code = closest(
    upper,
    rules.map((rule) => rule.code),
  );
  const prefixes = [...new Set(rules.map((rule) => /^[A-Z]+/.exec(rule.code)?.[0] ?? ""))].filter(Boolean);
  const prefix = code ? undefined : closest(upper.replace(/\d+$/, ""), prefixes);
  const suggestion = code ?? prefix;
  return `no rule code ${JSON.stringify(selector)}${suggestion ? `; did you mean ${suggestion}?` : ""} (djship rules lists them)`;
}

/** The first selector of a configuration that selects nothing, with where it is and why. */
export function checkSelectors(config: Pick<DjshipConfig, "select" | "ignore" | "perFileIgnores">, rules: readonly KnownRule[]) {
  const lists: [string, readonly string[]][] = [
    ["select", config.select],
    ["ignore", config.ignore],
    ...Object.entries(config.perFileIgnores).map(([glob, codes]): [string, readonly string[]] => [`per-file-ignores."${glob}"`, codes]),
  ];
  for (const [key, selectors] of lists) {
    for (const selector of selectors) {
      const problem = checkSelector(selector, rules);
      if (problem) return `${key}: ${problem}`;
    }
  }
  return undefined;
}
