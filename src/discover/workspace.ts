import { statSync } from "node:fs";
import { posix } from "node:path";
import { InputError } from "../util/errors.js";
import { type BoundedRead, MAX_TEXT_FILE_BYTES, readBounded, readText } from "../util/fs.js";
import { globToRegExp } from "../util/glob.js";
import { classifyFile, type FileKind } from "./classify.js";
import { FileRoles } from "./file-roles.js";
import { type GitView, loadGitView } from "./git.js";
import { DEFAULT_WALK_LIMITS, type WalkLimits, type WalkProblem, walkTree } from "./walk.js";

/** How the configuration and the command line place files: see discover/file-roles.ts. */
export interface WorkspaceOptions {
  /** `production = [...]` globs: these files are production whatever their names say. */
  readonly production?: readonly string[] | undefined;
  /** `ignore-files = [...]` globs: these files are not read at all. */
  readonly ignoreFiles?: readonly string[] | undefined;
  /** The --env-file path, absolute or relative to the current folder: the production environment, never audited as a file. */
  readonly envFile?: string | undefined;
}

export interface WorkspaceFile {
  /** POSIX path relative to the root. */
  readonly path: string;
  readonly kind: FileKind;
}

/** The root an in-memory workspace's paths are under: a folder that is never read. */
export const IN_MEMORY_ROOT = "/djship-in-memory";

/** A project tree, listed once: the files djship has a use for and a bounded way to read them. */
export class Workspace {
  private readonly texts = new Map<string, string | undefined>();
  readonly unreadable = new Map<string, string>();
  private roles_: FileRoles | undefined;
  private git_: GitView | undefined;
  /** The roots of the workspace's Django projects (set once they are found), so that each project reads its own files. */
  projectRoots: readonly string[] = [];

  private constructor(
    readonly root: string,
    readonly files: readonly WorkspaceFile[],
    readonly allFiles: readonly string[],
    readonly problems: readonly WalkProblem[],
    readonly truncated: boolean,
    private readonly options: WorkspaceOptions = {},
    /** Files left out by `ignore-files`, for the listing. */
    readonly ignoredFiles: readonly string[] = [],
    /** The texts of a workspace that exists only in memory (see {@link fromFiles}), by relative path. */
    private readonly memory?: ReadonlyMap<string, string>,
  ) {}

  /**
   * A workspace of files that exist only in memory, under a root that is never read from disk: a
   * plan from `init` audited before anything is written, a rule's test case without a temp tree.
   * Nothing outside these files is read (no git repository, no parent folders).
   */
  static fromFiles(files: Readonly<Record<string, string>>, options: WorkspaceOptions = {}, root = IN_MEMORY_ROOT): Workspace {
    const ignore = (options.ignoreFiles ?? []).map(globToRegExp);
    const paths = Object.keys(files)
      .map((path) => posix.normalize(path))
      .sort();
    const kept = paths.filter((path) => !ignore.some((glob) => glob.test(path)));
    const ignored = paths.filter((path) => !kept.includes(path));
    const listed: WorkspaceFile[] = [];
    for (const path of kept) {
      const kind = classifyFile(path);
      if (kind) listed.push({ path, kind });
    }
    const memory = new Map(Object.entries(files).map(([path, text]) => [posix.normalize(path), text]));
    return new Workspace(root, listed, kept, [], false, options, ignored, memory);
  }

  /** Whether the files exist only in memory. */
  get isInMemory(): boolean {
    return this.memory !== undefined;
  }

  /**
   * The bytes of a file by absolute path, bounded: from memory for an in-memory workspace (a path
   * it does not hold is missing), else from disk.
   */
  readBytes(absolutePath: string, limit = MAX_TEXT_FILE_BYTES): BoundedRead {
    if (!this.memory) return readBounded(absolutePath, limit);
    const text = this.memory.get(posix.relative(this.root, absolutePath));
    if (text === undefined) return { ok: false, problem: "missing", message: "file not found" };
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length > limit) return { ok: false, problem: "too-large", message: `${bytes.length} bytes, over the ${limit}-byte limit` };
    return { ok: true, bytes };
  }

  /** Lists a tree. Throws InputError when the path is not a readable folder. */
  static open(path: string, limits: WalkLimits = DEFAULT_WALK_LIMITS, options: WorkspaceOptions = {}): Workspace {
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
    const ignore = (options.ignoreFiles ?? []).map(globToRegExp);
    const ignored = ignore.length > 0 ? walk.files.filter((file) => ignore.some((glob) => glob.test(file))) : [];
    const kept = ignored.length > 0 ? walk.files.filter((file) => !ignored.includes(file)) : walk.files;
    const files: WorkspaceFile[] = [];
    for (const file of kept) {
      const kind = classifyFile(file);
      if (kind) files.push({ path: file, kind });
    }
    return new Workspace(walk.root, files, kept, walk.problems, walk.truncated, options, ignored);
  }

  /** What git tracks and ignores here (read once). */
  git(): GitView {
    this.git_ ??= loadGitView(this);
    return this.git_;
  }

  /** The role of every file: production, development, test, CI-only or example (see discover/file-roles.ts). */
  get roles(): FileRoles {
    if (!this.roles_) {
      const envFile = this.options.envFile ? posix.relative(this.root, posix.resolve(this.options.envFile)) : undefined;
      this.roles_ = new FileRoles({
        files: this.files,
        read: (path) => this.read(path),
        git: () => this.git(),
        production: (this.options.production ?? []).map(globToRegExp),
        envFile: envFile && !envFile.startsWith("..") ? envFile : undefined,
      });
    }
    return this.roles_;
  }

  /**
   * The project a file belongs to: the deepest project root that holds it. A file outside every
   * root belongs to the one project there is, or, with several, to those whose folder it names
   * (a root compose file that builds ./backend); one naming none is shared by all.
   */
  ownersOf(path: string): readonly string[] {
    const roots = this.projectRoots;
    if (roots.length <= 1) return roots;
    let best: string | undefined;
    for (const root of roots) {
      const contains = root === "." || path.startsWith(`${root}/`);
      if (contains && root !== "." && (best === undefined || root.split("/").length > best.split("/").length)) best = root;
    }
    if (best) return [best];
    const nested = roots.filter((root) => root !== ".");
    if (roots.includes(".")) {
      // The root project owns what no nested project holds.
      return ["."];
    }
    const text = this.read(path) ?? "";
    const named = nested.filter((root) => {
      const escaped = root.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
      return new RegExp(`(^|[\\s"'=:/.])${escaped}(/|\\b|$)`, "m").test(text);
    });
    return named.length > 0 ? named : nested;
  }

  /** Whether a file is one of this project's own (see {@link ownersOf}). */
  belongsTo(path: string, projectRoot: string): boolean {
    if (this.projectRoots.length <= 1) return true;
    return this.ownersOf(path).includes(projectRoot);
  }

  absolute(path: string): string {
    return posix.join(this.root, path);
  }

  /** The text of a project file, bounded in size; undefined (and noted) when it cannot be read. */
  read(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    if (this.memory) {
      const text = this.memory.get(path);
      if (text === undefined) this.unreadable.set(path, "file not found");
      this.texts.set(path, text);
      return text;
    }
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
