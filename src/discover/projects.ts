import { existsSync } from "node:fs";
import { posix } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { parsePython } from "../python/parse.js";
import { computedEnvironmentDefault, importsOf, settingsModuleDefault } from "../python/queries.js";
import { readText } from "../util/fs.js";
import { DEPLOY_SETTINGS_KINDS, findDeploySettings } from "./deploy-env.js";
import { DEV_MODULE, TEST_MODULE } from "./file-roles.js";
import { type ImageFile, imageFilesOf } from "./image-files.js";
import type { RoleVerdict } from "./roles.js";
import type { Workspace } from "./workspace.js";

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
  | "split"
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
  /**
   * Whether the chosen settings are production's, and why (`djship settings --format json` shows
   * it): settings only the code's defaults name, and which are a development or test
   * configuration, are not what production runs; their findings are at most info. Null without settings.
   */
  readonly settingsRole: RoleVerdict | null;
  /**
   * Files the production image holds as copies of other repository files, when a Dockerfile chose
   * the settings (discover/image-files.ts): the settings are read as that image lays them out.
   */
  readonly imageFiles: readonly ImageFile[];
  /**
   * When the settings were chosen by an entry point's default and the code it runs first sets
   * DJANGO_SETTINGS_MODULE to a computed value (AWX's prepare_env(): `"awx.settings.%s" % MODE`),
   * the module that runs is not known: where and what, for saying so instead of reading a guess.
   */
  readonly settingsNotFollowed: { readonly file: string; readonly line: number; readonly expression: string } | null;
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

/**
 * When only the code's defaults (manage.py, wsgi.py) name a settings module and a sibling
 * production module builds on it (`config/django/production.py` doing `from .base import *`), that
 * sibling is what production runs: split settings leave the choice to DJANGO_SETTINGS_MODULE on the
 * platform, and the code's default is the developer's (HackSoftware's Styleguide, cookiecutter-style layouts).
 */
const PRODUCTION_SIBLINGS = ["production", "prod"];

function productionSibling(workspace: Workspace, parser: TreeSitterParser, root: string, module: string): string | undefined {
  const parts = module.split(".");
  const leaf = parts.pop();
  if (!leaf || parts.length === 0 || PRODUCTION_SIBLINGS.includes(leaf)) return undefined;
  for (const name of PRODUCTION_SIBLINGS) {
    const sibling = [...parts, name].join(".");
    const path = `${root === "." ? "" : `${root}/`}${[...parts, name].join("/")}.py`;
    const text = workspace.has(path) ? workspace.read(path) : undefined;
    // A file with no `import *` in its text is not parsed.
    if (text === undefined || !/\bimport\b[\s\\(]*\*/.test(text)) continue;
    const builtOn = importsOf(parsePython(parser, path, text)).some((i) => i.star && (i.module === `.${leaf}` || i.module === module));
    if (builtOn) return sibling;
  }
  return undefined;
}

function moduleFile(workspace: Workspace, root: string, module: string): string | undefined {
  const base = (root === "." ? "" : `${root}/`) + module.split(".").join("/");
  return [`${base}.py`, `${base}/__init__.py`].find((path) => workspace.has(path));
}

function moduleExists(workspace: Workspace, root: string, module: string, imageFiles: readonly ImageFile[] = []): boolean {
  if (moduleFile(workspace, root, module) !== undefined) return true;
  const base = (root === "." ? "" : `${root}/`) + module.split(".").join("/");
  return imageFiles.some((f) => f.path === `${base}.py` || f.path === `${base}/__init__.py`);
}

/**
 * Code an entry point runs before its own default that sets DJANGO_SETTINGS_MODULE to a computed
 * value: the entry point itself, the packages it lives in (imported first) and the project
 * modules it imports.
 */
function computedSettingsModule(
  workspace: Workspace,
  parser: TreeSitterParser,
  root: string,
  entry: string,
  defaultIn: (path: string) => ReturnType<typeof computedEnvironmentDefault>,
): { file: string; line: number; expression: string } | undefined {
  const prefix = root === "." ? "" : `${root}/`;
  const files = new Set<string>([entry]);
  const folders = posix.dirname(entry).slice(prefix.length).split("/").filter(Boolean);
  for (let depth = 1; depth <= folders.length; depth++) files.add(`${prefix}${folders.slice(0, depth).join("/")}/__init__.py`);
  const text = workspace.read(entry);
  for (const { module } of text === undefined ? [] : importsOf(parsePython(parser, entry, text))) {
    if (module.startsWith(".")) continue;
    const file = moduleFile(workspace, root, module);
    if (file) files.add(file);
  }
  for (const file of files) {
    if (!workspace.has(file) || !/DJANGO_SETTINGS_MODULE/.test(workspace.read(file) ?? "")) continue;
    const found = defaultIn(file);
    if (found) return { file, ...found };
  }
  return undefined;
}

/**
 * The role of the settings a project runs with. What the operator names (--settings, the
 * environment) and what a production deployment file sets are production's. A module only the
 * code's defaults name (manage.py, wsgi.py) is production unless its file or its name says it is
 * a development or test configuration: then production's settings are not in the repository
 * (Read the Docs keeps them elsewhere and defaults to readthedocs.settings.docker_compose).
 */
function settingsRoleOf(workspace: Workspace, root: string, choice: SettingsModuleChoice): RoleVerdict {
  const where = choice.file ? `${choice.file}${choice.line ? `:${choice.line}` : ""}` : "";
  if (choice.source === "flag") return { role: "production", evidence: "named by --settings" };
  if (choice.source === "environment") return { role: "production", evidence: "DJANGO_SETTINGS_MODULE of the audited environment" };
  if (choice.source === "split") return { role: "production", evidence: `a production module built on the default of ${where}` };
  // Deployment files that name settings were kept only when production (findDeploySettings' input).
  if (choice.source !== "wsgi" && choice.source !== "asgi" && choice.source !== "manage.py")
    return { role: "production", evidence: `set by ${where} (${choice.source}), a production file` };
  const onlyDefault = `the default of ${where}, and no production deployment file names a settings module`;
  const file = moduleFile(workspace, root, choice.module);
  const byFile = file ? workspace.roles.of(file) : undefined;
  if (byFile && byFile.role !== "production") return { role: byFile.role, evidence: `${file}: ${byFile.evidence}; ${onlyDefault}` };
  if (TEST_MODULE.test(choice.module))
    return { role: "test", evidence: `${choice.module} is named for a test configuration; ${onlyDefault}` };
  if (DEV_MODULE.test(choice.module))
    return { role: "development", evidence: `${choice.module} is named for a development configuration; ${onlyDefault}` };
  return { role: "production", evidence: `the default of ${where}` };
}

/**
 * The folder on sys.path for a manage.py: its own folder, or, when the settings module it names is
 * not there but is a few folders up (a manage.py inside its package, installed with `pip install -e`),
 * that folder.
 */
function importRootOf(workspace: Workspace, manage: string, modules: readonly string[]): string {
  const own = posix.dirname(manage);
  if (modules.length === 0 || modules.some((module) => moduleExists(workspace, own, module))) return own;
  let dir = own;
  for (let level = 0; level < 3 && dir !== "."; level++) {
    dir = posix.dirname(dir);
    // Only the package manage.py sits in: a module named elsewhere in the tree is another project's.
    const folder = dir;
    if (
      modules.some(
        (module) =>
          moduleExists(workspace, folder, module) && own.startsWith(`${folder === "." ? "" : `${folder}/`}${module.split(".")[0]}`),
      )
    )
      return dir;
  }
  return own;
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
  const computedIn = (path: string) => {
    const text = workspace.read(path);
    return text === undefined ? undefined : computedEnvironmentDefault(parsePython(parser, path, text), "DJANGO_SETTINGS_MODULE");
  };
  const manageFiles = python.filter((p) => posix.basename(p) === "manage.py" && /django/i.test(workspace.read(p) ?? ""));
  const roots = new Map<string, { managePy: string | null; wsgi: string[]; asgi: string[] }>();
  // What a development, test or example file sets is not what production runs.
  const deploySettings = findDeploySettings(
    // Only the kinds it reads: deciding a role reads the file, and a large tree has thousands of Python files.
    workspace.files.filter((file) => DEPLOY_SETTINGS_KINDS.includes(file.kind) && workspace.roles.isProduction(file.path)),
    (path) => workspace.read(path),
  );
  const imageFiles = new Map<string, ImageFile[]>();
  const imageFilesOfDockerfile = (path: string): ImageFile[] => {
    let files = imageFiles.get(path);
    if (!files) {
      const text = workspace.read(path);
      files = text === undefined ? [] : imageFilesOf(path, text, (file) => workspace.has(file));
      imageFiles.set(path, files);
    }
    return files;
  };
  for (const manage of manageFiles) {
    const named = defaultIn(manage)?.module;
    const root = importRootOf(workspace, manage, named ? [named] : deploySettings.map((s) => s.value));
    roots.set(root, { managePy: manage, wsgi: [], asgi: [] });
  }
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

  // Each project reads its own files from here on (see Workspace.ownersOf).
  workspace.projectRoots = [...roots.keys()].sort();
  const projects: DjangoProject[] = [];
  for (const [root, record] of [...roots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const candidates: SettingsModuleChoice[] = [];
    if (options.settingsModule) candidates.push({ module: options.settingsModule, source: "flag", file: null, line: null });
    if (options.environmentModule) candidates.push({ module: options.environmentModule, source: "environment", file: null, line: null });
    for (const setting of deploySettings) {
      // A deployment file counts for a project when the module it names exists there.
      // A module the image holds only as a copy (settings/config.py from docker/config.py) exists there too.
      const copies = setting.kind === "dockerfile" ? imageFilesOfDockerfile(setting.file) : [];
      if (moduleExists(workspace, root, setting.value, copies) && workspace.belongsTo(setting.file, root)) {
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
    const first = candidates[0];
    if (first && (first.source === "wsgi" || first.source === "asgi" || first.source === "manage.py")) {
      const sibling = productionSibling(workspace, parser, root, first.module);
      if (sibling) candidates.unshift({ module: sibling, source: "split", file: first.file, line: first.line });
    }
    const settings = candidates[0] ?? null;
    const settingsRole = settings ? settingsRoleOf(workspace, root, settings) : null;
    const shipped = settings?.source === "dockerfile" && settings.file ? imageFilesOfDockerfile(settings.file) : [];
    const fromEntry = settings?.file && (settings.source === "wsgi" || settings.source === "asgi" || settings.source === "manage.py");
    const notFollowed = fromEntry ? (computedSettingsModule(workspace, parser, root, settings.file as string, computedIn) ?? null) : null;
    projects.push({
      root,
      managePy: record.managePy,
      wsgi: record.wsgi,
      asgi: record.asgi,
      settings,
      candidates,
      settingsRole,
      imageFiles: shipped,
      settingsNotFollowed: notFollowed,
    });
  }
  return projects;
}

/** manage.py files above a folder are looked for this many levels up. */
const MAX_LEVELS_UP = 8;

/**
 * The folder to audit for a path: the path itself when a Django project lies in it, else the
 * nearest folder above that holds a Django manage.py (running from a subfolder of a project finds
 * the project), stopping at the top of the git repository. `hasProject` says whether a listed
 * folder holds one.
 */
export function projectFolderFor(path: string, hasProject: (folder: string) => boolean): string {
  if (hasProject(path)) return path;
  let dir = path;
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const parent = posix.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const manage = readText(posix.join(dir, "manage.py"), 256 * 1024);
    if (manage.ok && /django/i.test(manage.text)) return dir;
    if (existsSync(posix.join(dir, ".git"))) break;
  }
  return path;
}
