import { statSync } from "node:fs";
import { posix } from "node:path";
import { classifyFile, type FileKind } from "../discover/classify.js";
import { DEFAULT_WALK_LIMITS, type WalkLimits, type WalkProblem, walkTree } from "../discover/walk.js";
import { InputError } from "../util/errors.js";
import { readText } from "../util/fs.js";

export interface WorkspaceFile {
  /** POSIX path relative to the root. */
  readonly path: string;
  readonly kind: FileKind;
}

/** A project tree, listed once: the files djship has a use for and a bounded way to read them. */
export class Workspace {
  private readonly texts = new Map<string, string | undefined>();
  readonly unreadable = new Map<string, string>();

  private constructor(
    readonly root: string,
    readonly files: readonly WorkspaceFile[],
    readonly allFiles: readonly string[],
    readonly problems: readonly WalkProblem[],
    readonly truncated: boolean,
  ) {}

  /** Lists a tree. Throws InputError when the path is not a readable folder. */
  static open(path: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Workspace {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or folder`);
    }
    if (!isDirectory) throw new InputError(`${path}: not a folder; give the root of a Django project`);
    let walk: ReturnType<typeof walkTree>;
    try {
      walk = walkTree(path, limits);
    } catch (error) {
      throw new InputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const files: WorkspaceFile[] = [];
    for (const file of walk.files) {
      const kind = classifyFile(file);
      if (kind) files.push({ path: file, kind });
    }
    return new Workspace(walk.root, files, walk.files, walk.problems, walk.truncated);
  }

  absolute(path: string): string {
    return posix.join(this.root, path);
  }

  /** The text of a project file, bounded in size; undefined (and noted) when it cannot be read. */
  read(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const result = readText(this.absolute(path));
    const text = result.ok ? result.text : undefined;
    if (!result.ok) this.unreadable.set(path, result.message);
    this.texts.set(path, text);
    return text;
  }

  filesOfKind(...kinds: FileKind[]): WorkspaceFile[] {
    return this.files.filter((file) => kinds.includes(file.kind));
  }

  has(path: string): boolean {
    return this.allFiles.includes(path);
  }
}
