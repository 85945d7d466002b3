import type { ProjectModel } from "../model/project.js";
import { isSecretName, redactJson } from "../model/secrets.js";
import type { ResolvedSetting } from "../model/settings.js";
import {
  type Alternative,
  collectDeps,
  containsUnknown,
  firstUnknown,
  type Json,
  type Origin,
  pyStr,
  toJson,
  type Value,
} from "../python/value.js";

/** Bumped when the shape of `djship settings --format json` changes incompatibly. */
export const SETTINGS_SCHEMA_VERSION = 1;

/**
 * The settings that `djship settings` always reports (with every setting of Django's defaults and
 * every upper-case name the module defines).
 */
export type SettingEntry = {
  value?: Json;
  known: boolean;
  file: string | null;
  line: number | null;
  env: string[];
  envDefaults: Record<string, Json>;
  reason?: string;
  alternatives?: SettingEntry[];
  /** For a container that is only partly known: the known parts, unknown leaves as {"$unknown": reason}. */
  partial?: Json;
};

export interface SettingsDocument {
  schemaVersion: number;
  root: string;
  settingsModule: string | null;
  settingsModuleSource: { source: string; file: string | null; line: number | null } | null;
  /** Whether these are production's settings, and why (discover/projects.ts). */
  settingsModuleRole: { role: string; evidence: string } | null;
  djangoVersion: string;
  djangoVersionSource: string;
  environment: "exact" | "any";
  loadError: {
    kind: string;
    variable: string | null;
    message: string;
    file: string | null;
    line: number | null;
  } | null;
  values: Record<string, SettingEntry>;
  /** The project's deployment files and the settings modules read, each with its role and why (discover/file-roles.ts). */
  files: { path: string; kind: string; role: string; evidence: string }[];
}

function depsOf(value: Value, name: string): { env: string[]; envDefaults: Record<string, Json> } {
  const deps = collectDeps(value);
  const env = deps ? [...deps.env.keys()].sort() : [];
  const envDefaults: Record<string, Json> = {};
  for (const variable of env) {
    const fallback = deps?.env.get(variable) ?? null;
    // A default is as secret as the setting or the variable it stands in for; any other default
    // still loses the password of a URL in it (DATABASE_URL's "postgres://app:pw@db/app").
    envDefaults[variable] =
      typeof fallback === "string" && (isSecretName(name) || isSecretName(variable))
        ? (redactJson(fallback, name === "SECRET_KEY" ? name : "PASSWORD") as Json)
        : redactJson(fallback, null);
  }
  return { env, envDefaults };
}

/** A value with unknown leaves spelled {"$unknown": reason}, for partly known containers. */
function partialJson(value: Value, depth = 0): Json {
  if (depth > 50) return { $unknown: "too deep" };
  switch (value.kind) {
    case "list":
    case "tuple":
      return value.items.map((item) => partialJson(item, depth + 1));
    case "dict": {
      const out: Record<string, Json> = {};
      for (const entry of value.entries.values()) {
        const key = pyStr(entry.key);
        if (key !== undefined) out[key] = partialJson(entry.value, depth + 1);
      }
      return out;
    }
    default: {
      const json = toJson(value);
      if (json !== undefined) return json;
      const unknownPart = firstUnknown(value);
      return { $unknown: unknownPart?.kind === "unknown" ? unknownPart.reason : "one of several values" };
    }
  }
}

function entryFor(name: string, value: Value, origin: Origin | null): SettingEntry {
  const { env, envDefaults } = depsOf(value, name);
  const base = { file: origin?.file ?? null, line: origin?.line ?? null, env, envDefaults };
  if (value.kind === "alternatives") {
    return {
      known: false,
      ...base,
      reason: "depends on a condition djship cannot decide",
      alternatives: value.options.map((option: Alternative) => entryFor(name, option.value, option.origin ?? origin)),
    };
  }
  if (!containsUnknown(value)) {
    const json = toJson(value);
    if (json !== undefined) return { value: redactJson(json, name) as Json, known: true, ...base };
  }
  const unknownPart = firstUnknown(value);
  const reason =
    unknownPart?.kind === "unknown"
      ? unknownPart.reason
      : unknownPart?.kind === "alternatives"
        ? "part of it depends on a condition djship cannot decide"
        : "a value djship cannot represent";
  const entry: SettingEntry = { known: false, ...base, reason };
  if (value.kind === "list" || value.kind === "tuple" || value.kind === "dict")
    entry.partial = redactJson(partialJson(value), name) as Json;
  return entry;
}

export function settingEntry(setting: ResolvedSetting): SettingEntry {
  return entryFor(setting.name, setting.value, setting.origin);
}

/** The JSON document of `djship settings` for one project. */
export function settingsDocument(model: ProjectModel): SettingsDocument {
  const evaluation = model.settings;
  const values: Record<string, SettingEntry> = {};
  for (const setting of evaluation?.settings.values() ?? []) values[setting.name] = settingEntry(setting);
  const choice = model.project.settings;
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    root: model.project.root,
    settingsModule: choice?.module ?? null,
    settingsModuleSource: choice ? { source: choice.source, file: choice.file, line: choice.line } : null,
    settingsModuleRole: model.project.settingsRole,
    djangoVersion: model.djangoVersion.series,
    djangoVersionSource: model.djangoVersion.source,
    environment: model.environment.kind === "exact" ? "exact" : "any",
    loadError:
      evaluation?.loadError ??
      (choice ? null : { kind: "import", variable: null, message: "no settings module found: pass --settings", file: null, line: null }),
    values,
    files: projectFiles(model),
  };
}

/** The deployment files that belong to this project, and the Python files its settings were read from. */
function projectFiles(model: ProjectModel): SettingsDocument["files"] {
  const { workspace, project } = model;
  const python = new Set([
    ...(model.settings?.files ?? []),
    ...(project.managePy ? [project.managePy] : []),
    ...project.wsgi,
    ...project.asgi,
  ]);
  return workspace.roles
    .listing([...python])
    .filter((entry) => workspace.belongsTo(entry.path, project.root))
    .map((entry) => ({ path: entry.path, kind: entry.kind, role: entry.role, evidence: entry.evidence }));
}
