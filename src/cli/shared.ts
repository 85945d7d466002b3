import { writeFileSync } from "node:fs";
import { checkDjangoVersion } from "../findings/config.js";
import type { ProjectModel, WorkspaceModel } from "../model/project.js";
import { InputError, UsageError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import type { makeStyle } from "./style.js";

export interface CommandContext {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly style: (stream: NodeJS.WriteStream) => ReturnType<typeof makeStyle>;
}

/** The project a command works on: --project, or the only one, or the one at the root. */
export function chooseProject(model: WorkspaceModel, requested: string | undefined): ProjectModel {
  const projects = model.projects;
  if (requested) {
    const wanted = requested.replace(/^\.\//, "").replace(/\/$/, "") || ".";
    const found = projects.find((p) => p.project.root === wanted);
    if (!found)
      throw new UsageError(`no Django project at ${requested}; found: ${projects.map((p) => p.project.root).join(", ") || "none"}`);
    return found;
  }
  if (projects.length === 0) throw new InputError(`${model.workspace.root}: no Django project found (no manage.py, wsgi.py or asgi.py)`);
  if (projects.length === 1) return projects[0] as ProjectModel;
  const atRoot = projects.find((p) => p.project.root === ".");
  if (atRoot) return atRoot;
  throw new UsageError(
    `${projects.length} Django projects found (${projects.map((p) => p.project.root).join(", ")}): choose one with --project`,
  );
}

export function writeOutput(text: string, file: string | undefined, context: CommandContext): void {
  if (!file) {
    context.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** The options every command that reads a project takes: the environment and what to read. */
export const PROJECT_OPTIONS = {
  env: { type: "string", multiple: true },
  "env-file": { type: "string" },
  settings: { type: "string" },
  "django-version": { type: "string" },
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o" },
  color: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** --format, checked against the formats a command writes. */
export function checkFormat<F extends string>(value: string | undefined, formats: readonly F[]): F {
  const format = value ?? formats[0];
  if (format !== undefined && (formats as readonly string[]).includes(format)) return format as F;
  throw new UsageError(`unknown format "${value}"${didYouMean(String(value), formats)} (${formats.join(", ")})`);
}

/** --django-version: a series djship knows, or a usage error that says which it knows. */
export function checkDjangoVersionFlag(value: string | undefined): void {
  const problem = value === undefined ? undefined : checkDjangoVersion(value);
  if (problem) throw new UsageError(`--django-version ${problem}`);
}
