import { readdirSync, realpathSync, statSync } from "node:fs";
import { posix } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import type { ImageFile } from "../discover/image-files.js";
import type { Workspace } from "../discover/workspace.js";
import type { ModuleSource } from "../python/evaluate/interpreter.js";
import { decodePythonSource, type PyFile, parsePython } from "../python/parse.js";
import { type BoundedRead, looksBinary, readBounded, readText } from "../util/fs.js";

/**
 * Python source above this size is not read (it is reported as unreadable, not as a failure).
 * Settings modules with large inline data (generated host lists, translations) pass 1 MB.
 */
export const MAX_PYTHON_BYTES = 8 * 1024 * 1024;

/**
 * The project tree as the evaluator sees it: bounded reads, parsed files cached for every
 * evaluation of one run, and no path that resolves outside the tree (symlinks included).
 */
type LoadedPython = { ok: true; file: PyFile } | { ok: false; message: string; line?: number; unreadable?: boolean };

export class ProjectSource implements ModuleSource {
  readonly displayRoot: string;
  private readonly realRoot: string;
  private readonly stats = new Map<string, "file" | "dir" | "none" | "outside">();
  private readonly parsed = new Map<string, LoadedPython>();
  private readonly copies = new Map<string, string>();

  private readonly listedFiles: ReadonlySet<string> | undefined;
  private readonly listedFolders: ReadonlySet<string> | undefined;

  constructor(
    root: string,
    readonly importRoots: readonly string[],
    private readonly parser: TreeSitterParser,
    /**
     * The tree's files as the walk listed them (relative POSIX paths): when given, questions about
     * paths are answered from the list instead of the file system, which the walk already checked
     * for links out of the tree.
     */
    listed?: readonly string[],
    /** How file bytes are read (an in-memory workspace's reader); default: from disk, bounded. */
    private readonly readFile: (absolutePath: string, limit?: number) => BoundedRead = readBounded,
    /**
     * Files the production image has as copies of others (relative target → relative source,
     * discover/image-files.ts): the target reads as the source, whose path the findings name.
     */
    imageCopies: ReadonlyMap<string, string> = new Map(),
  ) {
    // Python sees real paths (os.getcwd() and Path.resolve() follow symlinks), so djship does too.
    this.realRoot = safeRealpath(root) ?? root;
    this.displayRoot = this.realRoot;
    for (const [target, source] of imageCopies) this.copies.set(posix.join(this.displayRoot, target), posix.join(this.displayRoot, source));
    if (listed) {
      const files = new Set<string>();
      const folders = new Set<string>([this.displayRoot]);
      for (const file of listed) {
        files.add(`${this.displayRoot}/${file}`);
        let folder = posix.dirname(file);
        while (folder !== "." && !folders.has(`${this.displayRoot}/${folder}`)) {
          folders.add(`${this.displayRoot}/${folder}`);
          folder = posix.dirname(folder);
        }
      }
      this.listedFiles = files;
      this.listedFolders = folders;
    }
  }

  relative(absolutePath: string): string {
    const relative = posix.relative(this.displayRoot, absolutePath);
    return relative === "" ? "." : relative;
  }

  private kind(absolutePath: string): "file" | "dir" | "none" | "outside" {
    const normalized = posix.normalize(absolutePath);
    const copied = this.copies.get(normalized);
    if (copied) return this.kind(copied);
    if (this.copies.size > 0 && [...this.copies.keys()].some((target) => target.startsWith(`${normalized}/`))) return "dir";
    const cached = this.stats.get(normalized);
    if (cached) return cached;
    let result: "file" | "dir" | "none" | "outside";
    if (normalized !== this.displayRoot && !normalized.startsWith(`${this.displayRoot}/`)) {
      result = "outside";
    } else if (this.listedFiles && this.listedFolders) {
      result = this.listedFiles.has(normalized) ? "file" : this.listedFolders.has(normalized) ? "dir" : "none";
    } else {
      const real = safeRealpath(normalized);
      if (real === undefined) result = "none";
      else if (real !== this.realRoot && !real.startsWith(`${this.realRoot}/`)) result = "outside";
      else {
        try {
          const stat = statSync(real);
          result = stat.isFile() ? "file" : stat.isDirectory() ? "dir" : "none";
        } catch {
          result = "none";
        }
      }
    }
    this.stats.set(normalized, result);
    return result;
  }

  isFile(absolutePath: string): boolean | undefined {
    const kind = this.kind(absolutePath);
    return kind === "outside" ? undefined : kind === "file";
  }

  isDirectory(absolutePath: string): boolean | undefined {
    const kind = this.kind(absolutePath);
    return kind === "outside" ? undefined : kind === "dir";
  }

  listDirectory(absolutePath: string): string[] | undefined {
    const folder = posix.normalize(absolutePath);
    if (this.kind(folder) !== "dir") return undefined;
    if (this.listedFiles && this.listedFolders) {
      const names = new Set<string>();
      for (const path of [...this.listedFiles, ...this.listedFolders]) {
        if (posix.dirname(path) === folder && path !== folder) names.add(posix.basename(path));
      }
      return [...names];
    }
    try {
      // Bounded: a settings include never needs more of one folder than this.
      return readdirSync(folder).slice(0, 10_000);
    } catch {
      return undefined;
    }
  }

  readText(path: string): string | undefined {
    const absolutePath = this.copies.get(posix.normalize(path)) ?? path;
    if (this.kind(absolutePath) !== "file") return undefined;
    if (this.readFile === readBounded) {
      const read = readText(absolutePath);
      return read.ok ? read.text : undefined;
    }
    const read = this.readFile(absolutePath);
    return read.ok && !looksBinary(read.bytes) ? read.bytes.toString("utf8") : undefined;
  }

  loadPython(path: string): LoadedPython {
    const absolutePath = this.copies.get(posix.normalize(path)) ?? path;
    const cached = this.parsed.get(absolutePath);
    if (cached) return cached;
    let result: LoadedPython;
    if (this.kind(absolutePath) !== "file") {
      result = { ok: false, message: "is not a readable file inside the project", unreadable: true };
    } else {
      const read = this.readFile(absolutePath, MAX_PYTHON_BYTES);
      if (!read.ok && read.problem === "too-large") {
        const limit = `${MAX_PYTHON_BYTES / 1024 / 1024} MB`;
        result = { ok: false, message: `it is larger than the ${limit} djship reads of a Python file (${read.message})`, unreadable: true };
      } else if (!read.ok) result = { ok: false, message: `cannot be read: ${read.message}`, unreadable: true };
      else if (looksBinary(read.bytes)) result = { ok: false, message: "source code string cannot contain null bytes" };
      else {
        const decoded = decodePythonSource(read.bytes);
        if (!decoded.ok) result = { ok: false, message: decoded.message, unreadable: decoded.unsupported };
        else result = { ok: true, file: parsePython(this.parser, this.relative(absolutePath), decoded.text) };
      }
    }
    this.parsed.set(absolutePath, result);
    return result;
  }

  parseSnippet(text: string): PyFile {
    return parsePython(this.parser, "<string>", text);
  }
}

export function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The import path of a project: its folder, over the files the walk listed. */
export function projectSource(
  workspace: Workspace,
  parser: TreeSitterParser,
  projectRoot: string,
  imageFiles: readonly ImageFile[] = [],
): ProjectSource {
  const importRoot = projectRoot === "." ? workspace.root : posix.join(workspace.root, projectRoot);
  const read = workspace.isInMemory ? (path: string, limit?: number) => workspace.readBytes(path, limit) : undefined;
  const copies = new Map(imageFiles.map((f) => [f.path, f.source]));
  return new ProjectSource(workspace.root, [importRoot], parser, workspace.allFiles, read, copies);
}
