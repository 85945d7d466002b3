import { posix } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import type { Workspace } from "../model/workspace.js";
import { parsePython } from "../python/parse.js";
import { settingsModuleDefault } from "../python/queries.js";
import { findDeploySettings } from "./deploy-env.js";

export type SettingsSource =
  | "flag"
  | "environment"
  | "dockerfile"
  | "compose"
  | "kubernetes"
  | "procfile"
  | "systemd"
  | "supervisor"
  | "wsgi"
  | "asgi"
  | "manage.py";

export interface SettingsModuleChoice {
  readonly module: string;
  readonly source: SettingsSource;
  readonly file: string | null;
  readonly line: number | null;
}

export interface DjangoProject {
  /** The folder on sys.path (where manage.py lives), relative to the workspace root; "." for the root. */
  readonly root: string;
  readonly managePy: string | null;
  readonly wsgi: readonly string[];
  readonly asgi: readonly string[];
  /** The settings module production loads, and what decided it. */
  readonly settings: SettingsModuleChoice | null;
  /** Every place that names a settings module, in the order they are trusted. */
  readonly candidates: readonly SettingsModuleChoice[];
}

export interface DiscoverOptions {
  /** --settings */
  settingsModule?: string | undefined;
  /** DJANGO_SETTINGS_MODULE from --env or --env-file. */
  environmentModule?: string | undefined;
}

/** Whether a source names what production runs (not --settings, not manage.py's developer default). */
export function isDeployedSource(source: SettingsSource): boolean {
  return source !== "flag" && source !== "manage.py";
}

/** Order of trust: what the operator said, then what deployment runs, then what the code defaults to. */
const PRECEDENCE: SettingsSource[] = [
  "flag",
  "environment",
  "dockerfile",
  "compose",
  "kubernetes",
  "procfile",
  "systemd",
  "supervisor",
  "wsgi",
  "asgi",
  "manage.py",
];

function moduleExists(workspace: Workspace, root: string, module: string): boolean {
  const base = (root === "." ? "" : `${root}/`) + module.split(".").join("/");
  return workspace.has(`${base}.py`) || workspace.has(`${base}/__init__.py`);
}

/**
 * Finds every Django project in a workspace (manage.py, or a wsgi/asgi module without one) and the
 * settings module each runs with in production, with the source that decided it.
 */
export function discoverProjects(workspace: Workspace, parser: TreeSitterParser, options: DiscoverOptions = {}): DjangoProject[] {
  const python = workspace.filesOfKind("python").map((f) => f.path);
  const defaultIn = (path: string) => {
    const text = workspace.read(path);
    if (text === undefined) return undefined;
    return settingsModuleDefault(parsePython(parser, path, text));
  };
  const manageFiles = python.filter((p) => posix.basename(p) === "manage.py" && /django/i.test(workspace.read(p) ?? ""));
  const roots = new Map<string, { managePy: string | null; wsgi: string[]; asgi: string[] }>();
  for (const manage of manageFiles) roots.set(posix.dirname(manage), { managePy: manage, wsgi: [], asgi: [] });
  const entryModules = python.filter(
    (p) =>
      /^(wsgi|asgi)\.py$/.test(posix.basename(p)) &&
      /DJANGO_SETTINGS_MODULE|get_wsgi_application|get_asgi_application/.test(workspace.read(p) ?? ""),
  );
  const depth = (root: string) => (root === "." ? 0 : root.split("/").length);
  const rootFor = (path: string): string | undefined => {
    let best: string | undefined;
    for (const root of roots.keys()) {
      const contains = root === "." || path.startsWith(`${root}/`);
      if (contains && (best === undefined || depth(root) > depth(best))) best = root;
    }
    return best;
  };
  for (const entry of entryModules) {
    let root = rootFor(entry);
    if (root === undefined) {
      // No manage.py above it: the app server imports it from the folder above its package.
      root = posix.dirname(posix.dirname(entry));
      roots.set(root, { managePy: null, wsgi: [], asgi: [] });
    }
    const record = roots.get(root);
    if (!record) continue;
    if (posix.basename(entry) === "wsgi.py") record.wsgi.push(entry);
    else record.asgi.push(entry);
  }

  const deploySettings = findDeploySettings(workspace.files, (path) => workspace.read(path));
  const projects: DjangoProject[] = [];
  for (const [root, record] of [...roots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const candidates: SettingsModuleChoice[] = [];
    if (options.settingsModule) candidates.push({ module: options.settingsModule, source: "flag", file: null, line: null });
    if (options.environmentModule) candidates.push({ module: options.environmentModule, source: "environment", file: null, line: null });
    for (const setting of deploySettings) {
      // A deployment file counts for a project when the module it names exists there.
      if (moduleExists(workspace, root, setting.value)) {
        candidates.push({ module: setting.value, source: setting.kind, file: setting.file, line: setting.line });
      }
    }
    for (const [files, source] of [
      [record.wsgi, "wsgi"],
      [record.asgi, "asgi"],
      [record.managePy ? [record.managePy] : [], "manage.py"],
    ] as const) {
      for (const file of files) {
        const found = defaultIn(file);
        if (found) candidates.push({ module: found.module, source, file, line: found.line });
      }
    }
    candidates.sort((a, b) => PRECEDENCE.indexOf(a.source) - PRECEDENCE.indexOf(b.source));
    projects.push({ root, managePy: record.managePy, wsgi: record.wsgi, asgi: record.asgi, settings: candidates[0] ?? null, candidates });
  }
  return projects;
}
