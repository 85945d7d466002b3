import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheDir, writeFileAtomic } from "../util/cache-dir.js";
import { readBounded } from "../util/fs.js";
import { VERSION } from "../version.js";
import { type ParsedFileStore, type PyFile, type PyNode, parserWasmFiles, type SyntaxProblem } from "./parse.js";

/**
 * A parsed file as the cache keeps it: node types and fields by index, then six numbers a node in
 * document order (type, field + 1 or 0, start, length, children, named), and the syntax problems.
 * Lines and columns are recomputed from the text, which the key already fixes.
 */
interface EncodedFile {
  readonly t: string[];
  readonly f: string[];
  readonly n: number[];
  /** line, column, message, and 1 for a Python 2 mark. */
  readonly e: [number, number, string, number?][];
}

interface Pack {
  readonly format: number;
  /** djship's version and the grammar's: a tree parsed by another parser is never reused. */
  readonly parser: string;
  readonly entries: Record<string, EncodedFile>;
}

/** 2: Python 2 syntax and stray indents marked (a tree cached before lacks those problems). */
const FORMAT = 2;
/** Bounds of one project's cache file: a settings tree reads tens of files, a large repository hundreds. */
export const MAX_CACHE_ENTRIES = 20_000;
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Cache files kept at most, one per audited folder: the least recently written go first. */
export const MAX_CACHE_FILES = 200;

function encode(file: PyFile): EncodedFile {
  const types = new Map<string, number>();
  const fields = new Map<string, number>();
  const numbers: number[] = [];
  const index = (table: Map<string, number>, name: string) => {
    let i = table.get(name);
    if (i === undefined) {
      i = table.size;
      table.set(name, i);
    }
    return i;
  };
  const stack: PyNode[] = [file.root];
  while (stack.length > 0) {
    const node = stack.pop() as PyNode;
    numbers.push(
      index(types, node.type),
      node.field === undefined ? 0 : index(fields, node.field) + 1,
      node.start,
      node.end - node.start,
      node.children.length,
      node.isNamed ? 1 : 0,
    );
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as PyNode);
  }
  return {
    t: [...types.keys()],
    f: [...fields.keys()],
    n: numbers,
    e: file.syntaxErrors.map((p) => (p.python2 ? [p.line, p.column, p.message, 1] : [p.line, p.column, p.message])),
  };
}

function decode(path: string, text: string, encoded: EncodedFile): PyFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const syntaxErrors: SyntaxProblem[] = encoded.e.map(([line, column, message, python2]) =>
    python2 ? { line, column, message, python2: true } : { line, column, message },
  );
  const file = { path, text, root: undefined as unknown as PyNode, syntaxErrors };
  const { t: types, f: fields, n: numbers } = encoded;
  let at = 0;
  // Nodes come in document order, so their starts never decrease: the line is found by walking on.
  let line = 0;
  const read = (): PyNode => {
    const type = types[numbers[at] as number];
    const field = numbers[at + 1] ? fields[(numbers[at + 1] as number) - 1] : undefined;
    const start = numbers[at + 2] as number;
    const end = start + (numbers[at + 3] as number);
    const count = numbers[at + 4] as number;
    const isNamed = numbers[at + 5] === 1;
    if (type === undefined || at + 6 > numbers.length || end > text.length) throw new Error("cache entry does not fit its text");
    at += 6;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= start) line++;
    const children: PyNode[] = [];
    const node: PyNode = {
      type,
      isNamed,
      field,
      start,
      end,
      line: line + 1,
      column: start - (lineStarts[line] as number) + 1,
      children,
      file,
    };
    for (let i = 0; i < count; i++) children.push(read());
    return node;
  };
  file.root = read();
  if (at !== numbers.length) throw new Error("cache entry has trailing data");
  return file;
}

function isEncodedFile(value: unknown): value is EncodedFile {
  const entry = value as EncodedFile;
  return (
    typeof entry === "object" &&
    entry !== null &&
    Array.isArray(entry.t) &&
    Array.isArray(entry.f) &&
    Array.isArray(entry.n) &&
    entry.n.length % 6 === 0 &&
    Array.isArray(entry.e)
  );
}

let parserIdentity: string | undefined;

/** djship's version and those of the WebAssembly runtime and grammar that made the trees. */
function identity(): string {
  if (parserIdentity === undefined) {
    const version = (file: () => string) => {
      try {
        const manifest = JSON.parse(readFileSync(join(dirname(file()), "package.json"), "utf8")) as { version?: string };
        return manifest.version ?? "?";
      } catch {
        return "?";
      }
    };
    parserIdentity = `djship ${VERSION}; web-tree-sitter ${version(() => parserWasmFiles().runtime)}; tree-sitter-python ${version(() => parserWasmFiles().grammar)}`;
  }
  return parserIdentity;
}

function hashOf(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * Parsed Python files by the SHA-256 of their text, kept in one file per audited folder in the
 * user's cache folder (util/cache-dir.ts), like ruff's cache: a warm run reads it once instead of
 * starting the parser. Never stale: the key is the content itself, and the file is dropped whole
 * when djship or the grammar changes; parsing does not depend on options or the environment, so
 * neither is part of the key. A cache file that cannot be read or does not decode is ignored and
 * replaced; it is written atomically, so concurrent runs each see a whole one.
 */
export class ParseCache implements ParsedFileStore {
  private readonly stored: Record<string, EncodedFile>;
  private readonly used = new Map<string, EncodedFile>();
  private added = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly folder: string | undefined,
    stored: Record<string, EncodedFile>,
  ) {
    this.stored = stored;
  }

  /** The cache of the folder `root` (an absolute path); an empty one that is never saved when there is no cache folder. */
  static open(root: string, folder = cacheDir()): ParseCache {
    if (!folder) return new ParseCache(undefined, undefined, {});
    const packs = join(folder, `parse-v${FORMAT}`);
    const file = join(packs, `${createHash("sha256").update(root).digest("hex").slice(0, 32)}.json`);
    return new ParseCache(file, packs, readPack(file));
  }

  /** Whether it holds nothing: then a run will parse everything, and the parser should be started at once. */
  get isEmpty(): boolean {
    for (const _ in this.stored) return false;
    return true;
  }

  lookup(path: string, text: string): PyFile | undefined {
    const key = hashOf(text);
    const entry = this.used.get(key) ?? this.stored[key];
    if (!entry) return undefined;
    try {
      const file = decode(path, text, entry);
      this.used.set(key, entry);
      return file;
    } catch {
      // An entry that does not decode (a damaged file that still parsed as JSON) is parsed again.
      delete this.stored[key];
      return undefined;
    }
  }

  remember(text: string, file: PyFile): void {
    const key = hashOf(text);
    if (this.used.has(key)) return;
    this.used.set(key, encode(file));
    this.added++;
  }

  /**
   * Writes what this run used, then what earlier runs stored, within the bounds; nothing when the
   * run added nothing. Returns whether the file was written.
   */
  save(): boolean {
    if (!this.file || !this.folder || this.added === 0) return false;
    const entries: Record<string, EncodedFile> = Object.create(null);
    let count = 0;
    let bytes = 0;
    const add = (key: string, entry: EncodedFile) => {
      if (key in entries || count >= MAX_CACHE_ENTRIES) return;
      // About 4 bytes a number in JSON, plus the tables: an estimate that keeps the file bounded.
      const size = entry.n.length * 4 + JSON.stringify(entry.t).length + JSON.stringify(entry.f).length + 64;
      if (bytes + size > MAX_CACHE_BYTES) return;
      entries[key] = entry;
      count++;
      bytes += size;
    };
    for (const [key, entry] of this.used) add(key, entry);
    for (const [key, entry] of Object.entries(this.stored)) add(key, entry);
    const pack: Pack = { format: FORMAT, parser: identity(), entries };
    if (!writeFileAtomic(this.file, this.folder, JSON.stringify(pack))) return false;
    prune(this.folder);
    return true;
  }
}

/** Removes the oldest cache files beyond MAX_CACHE_FILES (a run over many temporary folders leaves one each). */
function prune(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".json"));
  } catch {
    return;
  }
  if (names.length <= MAX_CACHE_FILES) return;
  const aged = names.map((name) => {
    try {
      return { name, mtime: statSync(join(folder, name)).mtimeMs };
    } catch {
      return { name, mtime: 0 };
    }
  });
  aged.sort((a, b) => a.mtime - b.mtime);
  // Another run may be pruning too: a file already gone is fine.
  for (const { name } of aged.slice(0, aged.length - MAX_CACHE_FILES)) rmSync(join(folder, name), { force: true });
}

function readPack(file: string): Record<string, EncodedFile> {
  const read = readBounded(file, MAX_CACHE_BYTES * 2);
  if (!read.ok) return {};
  try {
    const pack = JSON.parse(read.bytes.toString("utf8")) as Partial<Pack>;
    if (pack.format !== FORMAT || pack.parser !== identity() || typeof pack.entries !== "object" || pack.entries === null) return {};
    const entries: Record<string, EncodedFile> = Object.create(null);
    for (const [key, entry] of Object.entries(pack.entries)) if (isEncodedFile(entry)) entries[key] = entry;
    return entries;
  } catch {
    return {};
  }
}
