import type { DjangoVersionChoice } from "../discover/django-version.js";
import type { DjangoProject, SettingsModuleChoice } from "../discover/projects.js";
import type { RoleVerdict } from "../discover/roles.js";
import type { Workspace } from "../discover/workspace.js";
import type { DjangoSeries } from "../django/versions.js";
import type { EnvironmentMode } from "../python/evaluate/env-state.js";
import type { Artifacts } from "./artifacts.js";
import type { Dependencies } from "./dependencies.js";
import type { Deployment } from "./deployment.js";
import type { ProjectModel } from "./project.js";
import type { ProjectCode } from "./project-code.js";
import type { SettingsEvaluation } from "./settings.js";
import { SettingsView } from "./settings-view.js";

/**
 * The parts of a {@link Project} a rule may read, as its `reads` list names them. Each part of the
 * Project belongs to one: `settings` (the settings in both environments, the module chosen),
 * `files` (the file list, roles, raw text, git), `python` (the project's own code: apps, models,
 * URLconfs) and `artifacts` (the parsed deployment, dependency and CI files, and the deployment
 * they declare).
 */
export type ProjectPart = "settings" | "artifacts" | "files" | "python";

/** The settings of a project, read twice: in the chosen environment and with every optional variable unset. */
export interface ProjectSettings {
  /** The environment the settings were read in: exactly the one given, or any. */
  readonly environment: EnvironmentMode;
  /** The settings module production loads and what decided it; null when none was found. */
  readonly module: SettingsModuleChoice | null;
  /** The settings in the chosen environment; undefined when no module was found or it did not load. */
  readonly actual: SettingsView | undefined;
  /** The settings with every optional variable unset: where an insecure default shows. */
  readonly ifUnset: SettingsView | undefined;
  /** The evaluations themselves, load errors and limits included (CFG100/CFG105 report them). */
  readonly evaluation: SettingsEvaluation | null;
  readonly evaluationIfUnset: SettingsEvaluation | null;
}

/** The files of a project, placed in their roles; reads are bounded by the workspace. */
export interface ProjectFiles {
  /** Every file of the tree that belongs to this project (not to another project of the same folder). */
  readonly all: readonly string[];
  /** The listed tree the files come from: kinds, roles, git, unreadable files. */
  readonly workspace: Workspace;
  has(path: string): boolean;
  /** A file's text, undefined when it is missing or could not be read. */
  read(path: string): string | undefined;
  /** The role of a file: production, development, test, CI, example (discover/file-roles.ts). */
  roleOf(path: string): RoleVerdict;
}

/**
 * One Django project as every rule (and `init`) sees it: read-only, built once per project by
 * {@link projectOf}. The expensive parts (deployment, code, dependencies) are computed on first read
 * and shared.
 */
export interface Project {
  /** The project's folder (where manage.py lives), relative to the workspace root; "." for the root. */
  readonly root: string;
  /** manage.py, wsgi.py, asgi.py and every place that names a settings module. */
  readonly discovery: DjangoProject;
  /** The Django series whose defaults and checks apply, what chose it, and what the project pins. */
  readonly django: { readonly series: DjangoSeries; readonly version: DjangoVersionChoice; readonly pin: DjangoVersionChoice };
  readonly files: ProjectFiles;
  readonly settings: ProjectSettings;
  /** Processes, proxies, images, services, schedules the repository declares, with their queries. */
  readonly deployment: Deployment;
  /** The project's own Python code: apps, models, URLconfs, folders. */
  readonly code: ProjectCode;
  /** The declared dependencies, one parser per format. */
  readonly dependencies: Dependencies;
  /** Each deployment, dependency and CI file parsed (Dockerfiles, compose, nginx, CI pipelines...). */
  readonly artifacts: Artifacts;
}

/** Which {@link ProjectPart} each property of a {@link Project} belongs to; the rest is free to read. */
export const PART_OF_PROPERTY: Readonly<Partial<Record<keyof Project, ProjectPart>>> = Object.freeze({
  files: "files",
  settings: "settings",
  deployment: "artifacts",
  code: "python",
  dependencies: "artifacts",
  artifacts: "artifacts",
});

const built = new WeakMap<ProjectModel, Project>();

/** The read-only {@link Project} of a loaded project model, built on first call and the same object after. */
export function projectOf(model: ProjectModel): Project {
  const existing = built.get(model);
  if (existing) return existing;
  const project = buildProject(model);
  built.set(model, project);
  return project;
}

function buildProject(model: ProjectModel): Project {
  const { artifacts, workspace } = model;
  const loaded = (evaluation: SettingsEvaluation | null) =>
    evaluation && !evaluation.loadError ? new SettingsView(evaluation) : undefined;
  const settings: ProjectSettings = Object.freeze({
    environment: model.environment,
    module: model.project.settings,
    actual: loaded(model.settings),
    ifUnset: loaded(model.settingsIfUnset),
    evaluation: model.settings,
    evaluationIfUnset: model.settingsIfUnset,
  });
  const files: ProjectFiles = Object.freeze({
    get all() {
      return artifacts.files;
    },
    workspace,
    has: (path: string) => workspace.has(path),
    read: (path: string) => workspace.read(path),
    roleOf: (path: string) => workspace.roles.of(path),
  });
  const django = Object.freeze({
    series: model.djangoVersion.series,
    version: model.djangoVersion,
    get pin() {
      return artifacts.djangoPin();
    },
  });
  return Object.freeze({
    root: model.project.root,
    discovery: model.project,
    django,
    files,
    settings,
    get deployment() {
      return artifacts.deployment();
    },
    get code() {
      return artifacts.code();
    },
    get dependencies() {
      return artifacts.dependencies();
    },
    artifacts,
  });
}
