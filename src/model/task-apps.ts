import { posix } from "node:path";
import type { Process, Step } from "./deployment.js";
import type { Project } from "./project-view.js";

/** A Celery command of the deployment and the app module its -A/--app names. */
export interface CeleryAppReference {
  readonly step: Step;
  /** The processes that run the command (one step may be shared by several services). */
  readonly processes: readonly Process[];
  /** The -A value as written (`mysite`, `mysite.celery:app`). */
  readonly app: string;
  /** The module part of it, before any `:attribute`. */
  readonly module: string;
  /** Whether that module (or its parent package) is a module of the repository. */
  readonly exists: boolean;
  /** Where the project defines a Celery app (`Celery(`), the first such file and line, if any. */
  readonly definedAt: { readonly file: string; readonly line: number } | undefined;
}

/**
 * Every Celery command the deployment runs with a literal -A, and whether the module it names
 * exists. Celery imports the -A value relative to the folder the command runs in, so the project's
 * folder, the folder of the file that starts the process and the repository root all count
 * (https://docs.celeryq.dev/en/stable/reference/cli.html#cmdoption-celery-A).
 */
export function celeryAppReferences(project: Project): CeleryAppReference[] {
  const deployment = project.deployment;
  const references: CeleryAppReference[] = [];
  let files: ReadonlySet<string> | undefined;
  let definedAt: CeleryAppReference["definedAt"] | null = null;
  for (const { step, processes } of deployment.steps()) {
    if (step.program.kind !== "celery" || !step.program.app || step.program.app.includes("$")) continue;
    const process = processes[0];
    if (!process) continue;
    files ??= new Set(project.files.workspace.allFiles);
    const known = files;
    const app = step.program.app;
    const module = app.split(":")[0] as string;
    const roots = new Set([project.root, deployment.repoFolderOf(process), "."]);
    const candidates = [module, module.includes(".") ? module.slice(0, module.lastIndexOf(".")) : module];
    const exists = [...roots].some((root) =>
      candidates.some((m) => {
        const path = posix.normalize(posix.join(root, m.split(".").join("/")));
        return (
          known.has(`${path}.py`) ||
          known.has(`${path}/__init__.py`) ||
          [...known].some((f) => f.startsWith(`${path}/`) && f.endsWith(".py"))
        );
      }),
    );
    if (!exists && definedAt === null) definedAt = celeryAppDefinition(project);
    references.push({ step, processes, app, module, exists, definedAt: exists ? undefined : (definedAt ?? undefined) });
  }
  return references;
}

/** The first `Celery(` of the project's Python files. */
function celeryAppDefinition(project: Project): CeleryAppReference["definedAt"] {
  const defined = project.artifacts.texts("python").find(({ text }) => /\bCelery\(/.test(text));
  return defined ? { file: defined.path, line: defined.text.split(/\r?\n/).findIndex((l) => /\bCelery\(/.test(l)) + 1 } : undefined;
}
