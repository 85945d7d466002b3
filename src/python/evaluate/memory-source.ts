import { posix } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { type PyFile, parsePython } from "../parse.js";
import type { ModuleSource } from "./interpreter.js";

/**
 * A project held in memory (relative POSIX path → text), for evaluating settings that exist only
 * as a plan or a test case. The root is `/project`, the only import root.
 */
export class MemorySource implements ModuleSource {
  readonly displayRoot = "/project";
  readonly importRoots = ["/project"];
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>(["/project"]);

  constructor(
    files: Readonly<Record<string, string>>,
    private readonly parser: TreeSitterParser,
  ) {
    for (const [path, text] of Object.entries(files)) {
      const absolute = posix.join(this.displayRoot, path);
      this.files.set(absolute, text);
      for (let folder = posix.dirname(absolute); folder !== "/"; folder = posix.dirname(folder)) this.folders.add(folder);
    }
  }

  isFile(absolutePath: string): boolean | undefined {
    return this.inside(absolutePath) ? this.files.has(posix.normalize(absolutePath)) : undefined;
  }

  isDirectory(absolutePath: string): boolean | undefined {
    return this.inside(absolutePath) ? this.folders.has(posix.normalize(absolutePath)) : undefined;
  }

  listDirectory(absolutePath: string): string[] | undefined {
    const folder = posix.normalize(absolutePath);
    if (!this.folders.has(folder)) return undefined;
    const names = new Set<string>();
    for (const path of [...this.files.keys(), ...this.folders]) {
      if (path !== folder && posix.dirname(path) === folder) names.add(posix.basename(path));
    }
    return [...names];
  }

  readText(absolutePath: string): string | undefined {
    return this.files.get(posix.normalize(absolutePath));
  }

  loadPython(absolutePath: string): { ok: true; file: PyFile } | { ok: false; message: string; line?: number } {
    const text = this.readText(absolutePath);
    if (text === undefined) return { ok: false, message: "not a readable file inside the project" };
    return { ok: true, file: parsePython(this.parser, this.relative(absolutePath), text) };
  }

  parseSnippet(text: string): PyFile {
    return parsePython(this.parser, "<string>", text);
  }

  relative(absolutePath: string): string {
    return posix.relative(this.displayRoot, absolutePath) || ".";
  }

  private inside(absolutePath: string): boolean {
    const normalized = posix.normalize(absolutePath);
    return normalized === this.displayRoot || normalized.startsWith(`${this.displayRoot}/`);
  }
}
