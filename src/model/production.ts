/**
 * Questions rules of several areas ask of the settings and the deployment together: the databases,
 * caches and storages Django will use, whether a host is allowed, where a settings path lives in the
 * repository. One home for each, so rules do not re-derive them. Unknown values answer undefined.
 */
import { posix } from "node:path";
import type { FileKind } from "../discover/classify.js";
import { atLeast } from "../django/versions.js";
import { hashKey, pyEquals, str, type Value } from "../python/value.js";
import type { Setting, SettingsView } from "./settings-view.js";

/** A value when it is fully known (no unknown, no alternatives, not from a package djship does not read). */
export function known(value: Value | undefined): Value | undefined {
  if (!value) return undefined;
  return value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external" || value.kind === "unbound"
    ? undefined
    : value;
}

/** `value[key]` for a dict with a string key; undefined when absent or not a dict. */
export function dictGet(value: Value | undefined, key: string): Value | undefined {
  const dict = known(value);
  if (dict?.kind !== "dict") return undefined;
  const hash = hashKey(str(key));
  return hash ? dict.entries.get(hash)?.value : undefined;
}

/** Whether a dict certainly has no such key (false when it has it, undefined when unknown). */
export function dictLacks(value: Value | undefined, key: string): boolean | undefined {
  const dict = known(value);
  if (dict?.kind !== "dict") return undefined;
  const hash = hashKey(str(key));
  if (hash && dict.entries.has(hash)) return false;
  return [...dict.entries.values()].every((e) => e.key.kind === "str") ? true : undefined;
}

export function asString(value: Value | undefined): string | undefined {
  const v = known(value);
  return v && (v.kind === "str" || v.kind === "path") ? v.value : undefined;
}

/** A str or pathlib value as the path string Python would use. */
export function pathText(value: Value | undefined): string | undefined {
  return value?.kind === "str" || value?.kind === "path" ? value.value : undefined;
}

export function asNumber(value: Value | undefined): number | undefined {
  const v = known(value);
  if (!v) return undefined;
  if (v.kind === "int" || v.kind === "float") return v.value;
  if (v.kind === "bool") return v.value ? 1 : 0;
  if (v.kind === "str" && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

/** A list, tuple or set whose items are all known strings. */
export function asStrings(value: Value | undefined): string[] | undefined {
  const v = known(value);
  if (!v) return undefined;
  if (v.kind === "str") return [v.value];
  if (v.kind !== "list" && v.kind !== "tuple" && v.kind !== "set") return undefined;
  const out: string[] = [];
  for (const item of v.items) {
    const s = asString(item);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** Python truthiness of a known value. */
export function isTrue(value: Value | undefined): boolean | undefined {
  const v = known(value);
  if (!v) return undefined;
  return pyEquals(v, { kind: "bool", value: true }) === true || (v.kind === "int" && v.value !== 0) || (v.kind === "str" && v.value !== "");
}

export interface DatabaseConfig {
  readonly alias: string;
  readonly engine: string | undefined;
  readonly host: string | undefined;
  readonly name: string | undefined;
  /** CONN_MAX_AGE: a number, null for unlimited, undefined when unknown. Django's default is 0. */
  readonly connMaxAge: number | null | undefined;
  readonly disableServerSideCursors: boolean | undefined;
  /** OPTIONS["pool"] (Django 5.1+ psycopg pool): true when set and truthy. */
  readonly pool: boolean | undefined;
  readonly setting: Setting;
}

/** The DATABASES entries with their engine, host and pooling, as Django fills in defaults. */
export function databases(view: SettingsView | undefined): DatabaseConfig[] | undefined {
  const setting = view?.get("DATABASES");
  const value = known(setting?.value);
  if (!setting || !value || value.kind !== "dict") return undefined;
  const out: DatabaseConfig[] = [];
  for (const entry of value.entries.values()) {
    const alias = asString(entry.key);
    if (alias === undefined) continue;
    const config = entry.value;
    const age = dictGet(config, "CONN_MAX_AGE");
    const lacksAge = dictLacks(config, "CONN_MAX_AGE");
    const cursors = dictGet(config, "DISABLE_SERVER_SIDE_CURSORS");
    const options = dictGet(config, "OPTIONS");
    const pool = dictGet(options, "pool");
    out.push({
      alias,
      engine: asString(dictGet(config, "ENGINE")),
      host: dictLacks(config, "HOST") ? "" : asString(dictGet(config, "HOST")),
      name: asString(dictGet(config, "NAME")),
      connMaxAge: lacksAge ? 0 : age && known(age)?.kind === "none" ? null : asNumber(age),
      disableServerSideCursors: dictLacks(config, "DISABLE_SERVER_SIDE_CURSORS") ? false : cursors ? isTrue(cursors) : undefined,
      pool: dictLacks(options, "pool") || dictLacks(config, "OPTIONS") ? false : pool ? isTrue(pool) : undefined,
      setting,
    });
  }
  return out;
}

export interface CacheConfig {
  readonly alias: string;
  readonly backend: string | undefined;
  readonly locations: string[] | undefined;
  readonly setting: Setting;
}

export function caches(view: SettingsView | undefined): CacheConfig[] | undefined {
  const setting = view?.get("CACHES");
  const value = known(setting?.value);
  if (!setting || !value || value.kind !== "dict") return undefined;
  const out: CacheConfig[] = [];
  for (const entry of value.entries.values()) {
    const alias = asString(entry.key);
    if (alias === undefined) continue;
    const location = dictGet(entry.value, "LOCATION");
    out.push({
      alias,
      backend: asString(dictGet(entry.value, "BACKEND")),
      locations: dictLacks(entry.value, "LOCATION") ? [] : asStrings(location),
      setting,
    });
  }
  return out;
}

/** Whether a dotted name is in a list setting (INSTALLED_APPS, MIDDLEWARE); undefined when unknown. */
export function listHas(view: SettingsView | undefined, name: string, item: string | RegExp): boolean | undefined {
  const items = asStrings(view?.get(name)?.value);
  if (!items) return undefined;
  return items.some((i) => (typeof item === "string" ? i === item : item.test(i)));
}

/**
 * The storage backend of an alias ("default" or "staticfiles"): STORAGES from Django 4.2, else the
 * legacy DEFAULT_FILE_STORAGE / STATICFILES_STORAGE (which 4.2 and 5.0 still honour when set).
 */
export function storageBackend(
  view: SettingsView | undefined,
  alias: "default" | "staticfiles",
  series: string,
): { backend: string; setting: Setting } | undefined {
  if (!view) return undefined;
  const legacy = view.get(alias === "default" ? "DEFAULT_FILE_STORAGE" : "STATICFILES_STORAGE");
  const storages = view.get("STORAGES");
  if (atLeast(series, "4.2") && storages && (!storages.isDefault || !legacy || legacy.isDefault || atLeast(series, "5.1"))) {
    const backend = asString(dictGet(dictGet(storages.value, alias), "BACKEND"));
    return backend === undefined ? undefined : { backend, setting: storages };
  }
  if (!legacy) return undefined;
  const backend = asString(legacy.value);
  return backend === undefined ? undefined : { backend, setting: legacy };
}

/** Storage backends that keep files off the local disk (django-storages and friends). */
export const REMOTE_STORAGE = /^storages\.|cloudinary|gcloud|google\.cloud|azure|s3|minio|b2|dropbox|queued_storage/i;

/**
 * Django's host validation (django.http.request.validate_host): "*" matches anything, ".example.com"
 * matches the domain and its subdomains, otherwise an exact, case-insensitive match; a port is ignored.
 */
export function hostAllowed(patterns: readonly string[], host: string): boolean {
  const name = host.replace(/:\d+$/, "").replace(/\.$/, "").toLowerCase();
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase();
    if (pattern === "*") return true;
    if (pattern.startsWith(".")) return name === pattern.slice(1) || name.endsWith(pattern);
    return name === pattern;
  });
}

/** The host part of a URL or `host:port`, lower case; undefined when there is none. */
export function hostOfUrl(text: string): string | undefined {
  const match = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#,]+)/i.exec(text.trim());
  if (match) return match[1]?.toLowerCase();
  const bare = /^([\w.-]+)(:\d+)?$/.exec(text.trim());
  return bare?.[1]?.toLowerCase();
}

/** Whether a host is a name that only resolves inside a compose network or cluster (no dots, not localhost). */
export function isServiceName(host: string): boolean {
  return /^[a-z][a-z0-9_-]*$/i.test(host) && host !== "localhost";
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]" || host === "0.0.0.0";
}

/** A settings path as the repository holds it: relative to the root when it lies inside, else absolute as written. */
export function repositoryPath(root: string, path: string): { relative: string } | { absolute: string } {
  const normalized = posix.normalize(path);
  if (normalized === root) return { relative: "." };
  if (normalized.startsWith(`${root}/`)) return { relative: normalized.slice(root.length + 1) };
  return { absolute: normalized };
}

/** Where a finding about a setting points, for `related` lists. */
export function placeOf(setting: Setting): { file: string; line: number } | undefined {
  return setting.file ? { file: setting.file, line: setting.line ?? 1 } : undefined;
}

/** Files where deployment steps are written outside the process model: scripts, CI, Makefiles, cron. */
const DEPLOY_SCRIPT_NAMES =
  /^(Makefile|makefile|GNUmakefile|justfile|Justfile|crontab|.*\.cron|fabfile\.py|tasks\.py|Taskfile\.ya?ml|app\.json|heroku\.yml|fly\.toml|render\.yaml|railway\.(json|toml)|Procfile.*)$/;

/**
 * Lines in the repository's deploy path that match a pattern: shell scripts, CI pipelines, YAML
 * (Ansible, Helm hooks, platform files), Makefiles, crontabs and platform manifests. Used for
 * "is this step run anywhere" questions where a full parse of every tool is not needed.
 */
export function deployPathMentions(
  artifacts: {
    texts(...kinds: FileKind[]): { path: string; text: string }[];
    namedTexts(pattern: RegExp): { path: string; text: string }[];
  },
  pattern: RegExp,
): { file: string; line: number; text: string }[] {
  const files = [
    ...artifacts.texts(
      "shell",
      "github-actions",
      "gitlab-ci",
      "jenkinsfile",
      "ci-other",
      "yaml",
      "helm-values",
      "systemd",
      "supervisor",
      "procfile",
    ),
    ...artifacts.namedTexts(DEPLOY_SCRIPT_NAMES),
  ];
  const out: { file: string; line: number; text: string }[] = [];
  const seen = new Set<string>();
  for (const { path, text } of files) {
    if (seen.has(path)) continue;
    seen.add(path);
    text.split(/\r\n|\r|\n/).forEach((line, index) => {
      if (!/^\s*#/.test(line) && pattern.test(line)) out.push({ file: path, line: index + 1, text: line.trim() });
    });
  }
  return out;
}
