import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { type DockerfileModel, parseDockerfile } from "../artifacts/dockerfile/parse.js";
import { type DotenvEntry, parseDotenv } from "../artifacts/dotenv/parse.js";
import { type ProcfileProcess, parseProcfile } from "../artifacts/procfile/parse.js";
import { parseRequirementsFile, type RequirementsFile } from "../artifacts/requirements/parse.js";
import { parseYaml, type YamlFile } from "../artifacts/yaml/parse.js";
import type { FileKind } from "../discover/classify.js";
import { type PyFile, parsePython } from "../python/parse.js";
import { collectDependencies, Dependencies } from "./dependencies.js";
import type { Workspace } from "./workspace.js";

/** A file djship could not parse: rules report these instead of crashing on them. */
export interface ArtifactProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * The project's deployment and dependency files, parsed on first use and cached: rules ask for
 * parsed models here and never open files themselves.
 */
export class Artifacts {
  private readonly cache = new Map<string, unknown>();
  readonly problems: ArtifactProblem[] = [];

  constructor(
    readonly workspace: Workspace,
    private readonly parser: TreeSitterParser,
    /** The project's folder, relative to the workspace root: files outside it that belong to another project are left out. */
    readonly projectRoot: string,
  ) {}

  private memo<T>(key: string, build: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = build();
    this.cache.set(key, value);
    return value;
  }

  /** Files of some kinds, with their text (unreadable ones noted as problems). */
  texts(...kinds: FileKind[]): { path: string; text: string }[] {
    return this.memo(`texts:${kinds.join(",")}`, () => {
      const out: { path: string; text: string }[] = [];
      for (const file of this.workspace.filesOfKind(...kinds)) {
        const text = this.workspace.read(file.path);
        if (text === undefined) {
          this.problems.push({ file: file.path, line: 1, message: this.workspace.unreadable.get(file.path) ?? "cannot be read" });
          continue;
        }
        out.push({ path: file.path, text });
      }
      return out;
    });
  }

  requirements(): RequirementsFile[] {
    return this.memo("requirements", () => this.texts("requirements").map(({ path, text }) => parseRequirementsFile(path, text)));
  }

  dockerfiles(): DockerfileModel[] {
    return this.memo("dockerfiles", () => this.texts("dockerfile").map(({ path, text }) => parseDockerfile(path, text)));
  }

  yaml(...kinds: FileKind[]): YamlFile[] {
    return this.memo(`yaml:${kinds.join(",")}`, () => this.texts(...kinds).map(({ path, text }) => parseYaml(path, text)));
  }

  procfiles(): { path: string; processes: ProcfileProcess[] }[] {
    return this.memo("procfiles", () =>
      this.texts("procfile").map(({ path, text }) => ({ path, processes: parseProcfile(text).processes })),
    );
  }

  dotenvFiles(): { path: string; entries: DotenvEntry[] }[] {
    return this.memo("dotenv", () => this.texts("dotenv").map(({ path, text }) => ({ path, entries: parseDotenv(text) })));
  }

  /** The project's declared dependencies (requirements, pyproject, Pipfile, lock files). */
  dependencies(): Dependencies {
    return this.memo("dependencies", () => new Dependencies(collectDependencies(this.workspace, this.projectRoot)));
  }

  /** A Python file of the project, parsed (for urls.py, models.py, gunicorn.conf.py...). */
  python(path: string): PyFile | undefined {
    return this.memo(`python:${path}`, () => {
      const text = this.workspace.read(path);
      return text === undefined ? undefined : parsePython(this.parser, path, text);
    });
  }
}
