import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { chooseDjangoVersion, type DjangoVersionChoice } from "../discover/django-version.js";
import { type DjangoProject, discoverProjects, projectFolderFor } from "../discover/projects.js";
import { Workspace, type WorkspaceOptions } from "../discover/workspace.js";
import type { EnvironmentMode } from "../python/evaluate/env-state.js";
import { loadPythonParser, parsePython } from "../python/parse.js";
import { environmentDefault } from "../python/queries.js";
import { Artifacts } from "./artifacts.js";
import { evaluateSettingsModule, type SettingsEvaluation, settingsNotFollowed } from "./settings.js";
import type { ProjectSource } from "./source.js";
import { projectSource } from "./source.js";

export interface ProjectOptions {
  /** --settings: the settings module to read, overriding what discovery finds. */
  settingsModule?: string | undefined;
  /** --django-version X.Y */
  djangoVersion?: string | undefined;
  /**
   * The environment to read the settings for, exactly: every other variable is unset. Undefined
   * reads them for any environment.
   */
  environment?: ReadonlyMap<string, string> | undefined;
  /** How files are placed in their roles: `production` and `ignore-files` from the configuration, the --env-file path. */
  files?: WorkspaceOptions | undefined;
  /** A workspace already listed (an in-memory one, from Workspace.fromFiles): `path` is then ignored. */
  workspace?: Workspace | undefined;
  /** The parser to use (audit hands one with its parse cache in front); default: tree-sitter's, loaded here. */
  parser?: Promise<TreeSitterParser> | undefined;
}

/** One Django project of a workspace, with its settings evaluated: the input of every rule. */
export interface ProjectModel {
  readonly workspace: Workspace;
  readonly project: DjangoProject;
  readonly djangoVersion: DjangoVersionChoice;
  readonly environment: EnvironmentMode;
  /** The settings in the chosen environment; null when no settings module was found. */
  readonly settings: SettingsEvaluation | null;
  /**
   * The same settings with every variable unset except the required ones: where an insecure
   * default shows. Null when no settings module was found.
   */
  readonly settingsIfUnset: SettingsEvaluation | null;
  /** The project's Python import path, built once: settings, gunicorn config files and code read through it. */
  readonly source: ProjectSource;
  /** The project's deployment, dependency and code files, parsed once on first use: what rules read. */
  readonly artifacts: Artifacts;
}

export interface WorkspaceModel {
  readonly workspace: Workspace;
  readonly projects: readonly ProjectModel[];
}

/**
 * Reads a folder: lists it, finds its Django projects and evaluates each one's production settings
 * in the given environment and with every variable unset.
 */
export async function loadWorkspace(path: string, options: ProjectOptions = {}): Promise<WorkspaceModel> {
  // WebAssembly compiles on background threads: start it before the synchronous walk of the tree.
  const parserReady = options.parser ?? loadPythonParser();
  let workspace = options.workspace ?? Workspace.open(path, undefined, options.files);
  const parser = await parserReady;
  const environment: EnvironmentMode = options.environment ? { kind: "exact", variables: options.environment } : { kind: "any" };
  const discover = () =>
    discoverProjects(workspace, parser, {
      settingsModule: options.settingsModule,
      environmentModule: options.environment?.get("DJANGO_SETTINGS_MODULE"),
    });
  let projects = discover();
  if (projects.length === 0 && !options.workspace) {
    // Run from a subfolder of a project: audit the project it belongs to.
    const folder = projectFolderFor(workspace.root, () => false);
    if (folder !== workspace.root) {
      workspace = Workspace.open(folder, undefined, options.files);
      projects = discover();
    }
  }
  const models: ProjectModel[] = projects.map((project) => {
    const djangoVersion = chooseDjangoVersion(workspace, project.root, options.djangoVersion);
    const source = projectSource(workspace, parser, project.root, project.imageFiles);
    const module = project.settings?.module;
    const entryDefaults = configurationDefault(workspace, parser, project);
    const notFollowed = project.settingsNotFollowed;
    const evaluate = (mode: EnvironmentMode) => {
      if (!module) return null;
      const options = { source, settingsModule: module, djangoVersion: djangoVersion.series, environment: mode, entryDefaults };
      return notFollowed
        ? settingsNotFollowed(
            options,
            `${notFollowed.file}:${notFollowed.line} sets DJANGO_SETTINGS_MODULE to ${notFollowed.expression}, computed at run time, before ${project.settings?.file}'s default ${module}; pass --settings or set it in the environment`,
          )
        : evaluateSettingsModule(options);
    };
    return {
      workspace,
      project,
      djangoVersion,
      environment,
      settings: evaluate(environment),
      settingsIfUnset: evaluate({ kind: "unset" }),
      source,
      artifacts: new Artifacts(workspace, parser, project.root, { environment, series: djangoVersion.series, source }),
    };
  });
  return { workspace, projects: models };
}

/**
 * DJANGO_CONFIGURATION as the entry point that chose the settings sets it by default (django-
 * configurations projects do so beside DJANGO_SETTINGS_MODULE), else wsgi.py, asgi.py, manage.py.
 */
function configurationDefault(workspace: Workspace, parser: TreeSitterParser, project: DjangoProject): Map<string, string> {
  const candidates = [project.settings?.file, ...project.wsgi, ...project.asgi, project.managePy].filter((f): f is string => Boolean(f));
  for (const path of candidates) {
    const text = workspace.read(path);
    if (text === undefined || !text.includes("DJANGO_CONFIGURATION")) continue;
    const found = environmentDefault(parsePython(parser, path, text), "DJANGO_CONFIGURATION");
    if (found) return new Map([["DJANGO_CONFIGURATION", found.value]]);
  }
  return new Map();
}
