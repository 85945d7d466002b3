import { posix } from "node:path";
import { caches, databases } from "../model/production.js";
import type { Project } from "../model/project-view.js";
import type { SettingsEvaluation } from "../model/settings.js";
import { fieldOf, type PyFile, type PyNode, textOf } from "../python/parse.js";
import { importsOf, walkNodes } from "../python/queries.js";
import { findBlock } from "./parts/settings/edit.js";
import type { Detected, PackageManager, SettingsLibrary } from "./types.js";

/** Joins a project-relative path onto the project root ("." stays out of the way). */
export function inProject(root: string, path: string): string {
  return root === "." ? path : posix.join(root, path);
}

/** The path of a dotted module in the project: `a/b.py` or `a/b/__init__.py`, when it exists. */
export function moduleFile(project: Project, module: string): string | undefined {
  const base = inProject(project.root, module.split(".").join("/"));
  if (project.files.has(`${base}.py`)) return `${base}.py`;
  if (project.files.has(`${base}/__init__.py`)) return `${base}/__init__.py`;
  return undefined;
}

/** A settings file as the syntax tree has it, and the range of init's own block in it (left out). */
interface SettingsSource {
  readonly file: PyFile;
  readonly block: { start: number; end: number } | undefined;
}

function settingsLibraryOf(sources: readonly SettingsSource[]): SettingsLibrary | null {
  const own = ({ block }: SettingsSource, node: PyNode) => !block || node.end <= block.start || node.start >= block.end;
  const imported = sources.flatMap((source) =>
    importsOf(source.file)
      .filter((i) => own(source, i.node))
      .map((i) => i.module),
  );
  const top = (module: string) => module.split(".")[0];
  if (imported.some((m) => top(m) === "environ")) return "environ";
  if (imported.some((m) => top(m) === "decouple")) return "decouple";
  return sources.some(readsOsEnviron) ? "os.environ" : null;
}

/**
 * Whether settings code reads `os.environ` or calls `os.getenv`, outside init's block.
 * `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` (a celery app, an __init__) writes the
 * environment; it says nothing about how settings are read.
 */
function readsOsEnviron(source: SettingsSource): boolean {
  let found = false;
  walkNodes(source.file.root, (node) => {
    if (found) return false;
    if (source.block && node.start >= source.block.start && node.end <= source.block.end) return false;
    if (node.type === "call" && /^os\.environ\.setdefault$/.test(textOf(fieldOf(node, "function") ?? node).replace(/\s+/g, "")))
      return false;
    if (node.type === "attribute" && /^os\.(environ|getenv)$/.test(textOf(node).replace(/\s+/g, ""))) found = true;
    return !found;
  });
  return found;
}

function pythonVersionOf(project: Project): { version: string; source: string } {
  const workspace = project.files.workspace;
  const root = project.root;
  for (const file of [inProject(root, ".python-version"), ".python-version"]) {
    const text = workspace.has(file) ? workspace.read(file) : undefined;
    const match = text && /^\s*(3\.\d+)/.exec(text);
    if (match?.[1]) return { version: match[1], source: file };
  }
  for (const file of workspace.filesOfKind("dockerfile")) {
    const match = /^\s*FROM\s+(?:\S+\/)?python:(3\.\d+)/im.exec(workspace.read(file.path) ?? "");
    if (match?.[1]) return { version: match[1], source: file.path };
  }
  for (const file of workspace.filesOfKind("pyproject")) {
    const match = /requires-python\s*=\s*["'][^"']*?(3\.\d+)/.exec(workspace.read(file.path) ?? "");
    if (match?.[1]) return { version: match[1], source: `${file.path} requires-python` };
  }
  // Poetry's python = "^3.8" in [tool.poetry.dependencies], Pipenv's python_version = "3.8" in [requires].
  for (const [name, pattern] of [
    ["pyproject.toml", /^\s*python\s*=\s*["'][^"'\d]*(3\.\d+)/m],
    ["Pipfile", /^\s*python_version\s*=\s*["'](3\.\d+)/m],
  ] as const) {
    const file = [inProject(root, name), name].find((p) => workspace.has(p));
    const match = file ? pattern.exec(workspace.read(file) ?? "") : null;
    if (file && match?.[1]) return { version: match[1], source: `${file} ${name === "Pipfile" ? "python_version" : "python"}` };
  }
  return { version: "3.12", source: "default (the project names no Python version)" };
}

function packageManagerOf(project: Project): { manager: PackageManager; file: string | null } {
  const workspace = project.files.workspace;
  const root = project.root;
  const at = (name: string) => [inProject(root, name), name].find((p) => workspace.has(p));
  const pyproject = at("pyproject.toml");
  const pyprojectText = pyproject ? (workspace.read(pyproject) ?? "") : "";
  if (at("uv.lock") && pyproject) return { manager: "uv", file: pyproject };
  if ((at("poetry.lock") || /^\[tool\.poetry\.dependencies\]/m.test(pyprojectText)) && pyproject)
    return { manager: "poetry", file: pyproject };
  if (at("pdm.lock") && pyproject) return { manager: "pdm", file: pyproject };
  const pipfile = at("Pipfile");
  if (pipfile) return { manager: "pipenv", file: pipfile };
  for (const name of ["requirements/production.txt", "requirements/prod.txt", "requirements/base.txt", "requirements.txt"]) {
    const found = at(name);
    if (found) return { manager: "requirements", file: found };
  }
  if (pyproject && /^\s*dependencies\s*=\s*\[/m.test(pyprojectText)) return { manager: "uv", file: pyproject };
  return { manager: "requirements", file: null };
}

function withoutBlock(text: string): string {
  const block = findBlock(text);
  return block ? text.slice(0, block.start) + text.slice(block.end) : text;
}

/**
 * One settings.py that every setting comes from. Other project files the evaluation read do not
 * make it split when they assign no setting: Celery's documented layout has the package's
 * __init__.py import celery.py, which Python runs on the way to PACKAGE.settings.
 */
function isSingleModule(settings: SettingsEvaluation["settings"], settingsFile: string | undefined): boolean {
  if (!settingsFile || settingsFile.endsWith("__init__.py") || posix.basename(settingsFile) !== "settings.py") return false;
  return [...settings.values()].every((s) => s.origin === null || s.origin.file === settingsFile);
}

/** What the project uses, read from the same Project the audit's rules read. */
export function detect(project: Project, generatedByInit: ReadonlySet<string> = new Set()): Detected {
  const { evaluation, actual: view } = project.settings;
  if (!evaluation || !view) throw new Error("detect needs a settings module that loads");
  const deps = project.dependencies;
  const workspace = project.files.workspace;
  // What init wrote itself says nothing about the project's own habits.
  const own = evaluation.files.filter((f) => !generatedByInit.has(f));
  const texts = own.map((f) => withoutBlock(project.files.read(f) ?? ""));
  // The files the evaluation parsed already: the run's parser hands the same trees back.
  const sources = own.flatMap((f) => {
    const file = project.artifacts.python(f);
    return file ? [{ file, block: findBlock(file.text) }] : [];
  });
  const settingsFile = moduleFile(project, evaluation.settingsModule);
  const python = pythonVersionOf(project);
  const packages = packageManagerOf(project);
  const tasks: Detected["tasks"][number][] = [];
  if (deps.has("celery")) tasks.push("celery");
  if (deps.has("rq", "django-rq")) tasks.push("rq");
  if (deps.has("huey")) tasks.push("huey");
  if (deps.has("django-q", "django-q2")) tasks.push("django-q");
  const asgiApplication = view.get("ASGI_APPLICATION");
  const channels = deps.has("channels") || (asgiApplication !== undefined && !asgiApplication.isDefault);
  const asgiServer = deps.has("uvicorn", "daphne", "hypercorn", "uvicorn-worker");
  const beat =
    deps.has("django-celery-beat") ||
    (view.get("CELERY_BEAT_SCHEDULE")?.isDefault ?? true) === false ||
    workspace.filesOfKind("python").some((f) => /\bbeat_schedule\b/.test(workspace.read(f.path) ?? ""));
  const ci = workspace.filesOfKind("github-actions").length
    ? "github"
    : workspace.filesOfKind("gitlab-ci").length
      ? "gitlab"
      : workspace.filesOfKind("jenkinsfile").length
        ? "jenkins"
        : null;
  return {
    projectRoot: project.root,
    djangoVersion: project.django.series,
    djangoVersionSource: project.django.version.source,
    pythonVersion: python.version,
    pythonVersionSource: python.source,
    interface: channels || asgiServer ? "asgi" : "wsgi",
    settingsModule: evaluation.settingsModule,
    settingsLayout: isSingleModule(evaluation.settings, settingsFile) ? "single" : "split",
    settingsLibrary: settingsLibraryOf(sources),
    database: databases(view)?.find((d) => d.alias === "default")?.engine ?? null,
    cache: caches(view)?.find((c) => c.alias === "default")?.backend ?? null,
    tasks,
    celeryBeat: tasks.includes("celery") && beat,
    channels,
    drf: deps.has("djangorestframework"),
    // django-storages as a dependency, or its app or a backend of it named in the settings.
    objectStorage: deps.has("django-storages") || texts.some((t) => /["']storages["']|["']storages\.backends\./.test(t)),
    packageManager: packages.manager,
    dependencyFile: packages.file,
    ci,
  };
}
