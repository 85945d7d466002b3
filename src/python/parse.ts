import { createRequire } from "node:module";
import { Language, Parser, type TreeCursor, type Parser as TreeSitterParser } from "web-tree-sitter";
import { type Decoded, decodeWith, pythonCodec } from "./encodings.js";

/**
 * One node of a parsed Python file, copied out of tree-sitter into plain objects so the evaluator
 * never crosses into WebAssembly and a parsed file can be cached and shared.
 */
export interface PyNode {
  readonly type: string;
  readonly isNamed: boolean;
  /** The grammar field this node fills in its parent (`left`, `right`, `condition`...). */
  readonly field: string | undefined;
  readonly start: number;
  readonly end: number;
  /** 1-based line and column, as editors, SARIF and Python tracebacks count them. */
  readonly line: number;
  readonly column: number;
  readonly children: readonly PyNode[];
  readonly file: PyFile;
}

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
  /** Python 2 syntax (a print statement, `except E, e`, `0777`...): the file is Python 2, not broken. */
  python2?: true;
}

export interface PyFile {
  /** Project-relative POSIX path, for findings. */
  readonly path: string;
  readonly text: string;
  readonly root: PyNode;
  /** Empty when Python would compile the file. */
  readonly syntaxErrors: readonly SyntaxProblem[];
}

let parserPromise: Promise<TreeSitterParser> | undefined;
let wasmFiles: { runtime: string; grammar: string } | undefined;

/**
 * Where npm installed tree-sitter's WebAssembly runtime and Python grammar, wherever the bundle is.
 * Resolved once a process: the parser loads them and the parse cache names their versions.
 */
export function parserWasmFiles(): { runtime: string; grammar: string } {
  const handed = handedParser();
  if (!wasmFiles && handed) wasmFiles = { runtime: handed.runtime, grammar: handed.grammar };
  if (!wasmFiles) {
    const require = createRequire(import.meta.url);
    wasmFiles = {
      runtime: require.resolve("web-tree-sitter/web-tree-sitter.wasm"),
      grammar: require.resolve("tree-sitter-python/tree-sitter-python.wasm"),
    };
  }
  return wasmFiles;
}

/**
 * Loads tree-sitter's Python grammar once per process. Chosen over @lezer/python after measuring
 * both on Debian's Python 3.11 standard library: tree-sitter parsed every file without an error node
 * while Lezer rejected 33 valid ones (bare `yield`, `20.` floats, form feeds, parenthesised `with`),
 * at the same speed; it also covers `match`, PEP 695 and PEP 701 f-strings.
 */
export function loadPythonParser(): Promise<TreeSitterParser> {
  parserPromise ??= (async () => {
    // web-tree-sitter is bundled into the CLI (so V8's code cache covers it); its WebAssembly is not.
    const { runtime, grammar } = parserWasmFiles();
    const compiled = await compiledModules();
    let language: Language;
    if (compiled) {
      // Emscripten's hook for a module compiled elsewhere: called with the imports, it hands back the
      // instance. Instantiated synchronously, so that a failure rejects init instead of hanging it.
      await Parser.init({
        locateFile: () => runtime,
        instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
          const instance = new WebAssembly.Instance(compiled.runtime, imports);
          done(instance, compiled.runtime);
          return instance.exports;
        },
      });
      language = Language.loadSync(compiled.grammar);
    } else {
      await Parser.init({ locateFile: () => runtime });
      language = await Language.load(grammar);
    }
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/**
 * What bin/djship.js hands the bundle under this symbol: the two WebAssembly files it found and
 * started compiling (on V8's background threads) before it read and deserialized the bundle, so
 * that by the time a command asks for the parser the compiling is done. Plain data on globalThis,
 * since the launcher runs before any of the bundle's code exists.
 */
const HANDED_PARSER = Symbol.for("djship.parserWasm");

interface HandedParser {
  readonly runtime: string;
  readonly grammar: string;
  readonly modules: { readonly runtime: Promise<WebAssembly.Module>; readonly grammar: Promise<WebAssembly.Module> };
}

function handedParser(): HandedParser | undefined {
  const handed = (globalThis as Record<symbol, unknown>)[HANDED_PARSER] as Partial<HandedParser> | undefined;
  return typeof handed?.runtime === "string" && typeof handed.grammar === "string" && handed.modules ? (handed as HandedParser) : undefined;
}

/**
 * The launcher's compiled modules; undefined (load them here) when there are none or they failed.
 * They are of the files parserWasmFiles names: it takes the launcher's paths when there are any.
 */
async function compiledModules(): Promise<{ runtime: WebAssembly.Module; grammar: WebAssembly.Module } | undefined> {
  const handed = handedParser();
  if (!handed) return undefined;
  try {
    const [runtime, grammar] = await Promise.all([handed.modules.runtime, handed.modules.grammar]);
    return { runtime, grammar };
  } catch {
    // Compiled again below, which reports what is wrong with the file.
    return undefined;
  }
}

/**
 * Parsed files kept by their content across runs (python/parse-cache.ts), so that a run whose
 * files are all known needs no parser at all.
 */
export interface ParsedFileStore {
  /** The file parsed from exactly this text before, under the path given now; undefined when unknown. */
  lookup(path: string, text: string): PyFile | undefined;
  remember(text: string, file: PyFile): void;
}

interface CachingParser {
  readonly store: ParsedFileStore | undefined;
  readonly parser: TreeSitterParser | undefined;
  /**
   * The files this handle returned, by path: the discovery, both settings evaluations, the URLconf
   * and the rules each ask for the same files, and a tree is read-only, so each is parsed (or
   * decoded from the store) once a run.
   */
  readonly files: Map<string, PyFile>;
  /** A file the store did not know had to be parsed, and there was no parser: the run must be redone with one. */
  missed: boolean;
}

const cachingParsers = new WeakMap<object, CachingParser>();

/**
 * A parser to hand the pipeline in place of tree-sitter's: parsePython returns the file it returned
 * before under the same path and text, else asks `store` (when given), and parses only what neither
 * knows. Without `parser` (tree-sitter not loaded, to save its start-up) an unknown file gets an
 * empty module and the handle remembers it (see {@link parserWasMissing}): the caller then loads
 * the parser and runs again, so nothing is ever decided on a stand-in. One handle serves one run:
 * the files it holds go with it.
 */
export function cachingParser(store: ParsedFileStore | undefined, parser: TreeSitterParser | undefined): TreeSitterParser {
  // Only parsePython may use the handle: any other use is a bug to hear about, not a silent miss.
  const handle = new Proxy(Object.create(null) as object, {
    get(_target, property) {
      // Promises ask every value they resolve to whether it is a thenable.
      if (property === "then") return undefined;
      throw new Error(`bug: the caching parser handle was used directly (${String(property)}); call parsePython`);
    },
  });
  cachingParsers.set(handle, { store, parser, files: new Map(), missed: false });
  return handle as TreeSitterParser;
}

/** Whether a run given {@link cachingParser} without a parser met a file it had to parse. */
export function parserWasMissing(handle: TreeSitterParser): boolean {
  return cachingParsers.get(handle)?.missed ?? false;
}

/**
 * What tree-sitter's grammar accepts and Python 3 rejects as Python 2 syntax: the marks of a Python 2
 * file, named as a reader would know them. https://docs.python.org/3/whatsnew/3.0.html
 */
function python2Mark(node: PyNode, text: string): string | undefined {
  switch (node.type) {
    case "print_statement":
      return "a print statement";
    case "exec_statement":
      return "an exec statement";
    case "except_clause":
      // `except E, e:`: Python 3 names the exception with `as` (and 3.11 wants a tuple in parentheses).
      return node.children.some((child) => child.type === ",") ? "`except E, name:`" : undefined;
    case "raise_statement":
      return node.children.some((child) => child.type === "expression_list") ? "`raise E, message`" : undefined;
    case "comparison_operator":
      return node.children.some((child) => child.type === "<>") ? "the `<>` operator" : undefined;
    case "integer": {
      const literal = text.slice(node.start, node.end);
      if (/[lL]$/.test(literal)) return "a long integer literal (`10L`)";
      // Leading zeros: an octal literal without 0o; `00` is still allowed, and so is `0777j`.
      return /^0[0-9_]*[1-9][0-9_]*$/.test(literal) ? "an octal literal without 0o (`0777`)" : undefined;
    }
    case "string_start": {
      const opening = text.slice(node.start, node.end);
      if (opening.startsWith("`")) return "backquotes (`x`) for repr()";
      return /^(ur|ru)/i.test(opening) ? "a ur'' string prefix" : undefined;
    }
    default:
      return undefined;
  }
}

/** Parses Python source that has already been decoded. Never throws on bad input. */
export function parsePython(parser: TreeSitterParser, path: string, text: string): PyFile {
  const caching = cachingParsers.get(parser);
  if (!caching) return parseWithTreeSitter(parser, path, text);
  const seen = caching.files.get(path);
  if (seen?.text === text) return seen;
  let file = caching.store?.lookup(path, text);
  if (!file) {
    if (!caching.parser) {
      caching.missed = true;
      return emptyModule(path, text);
    }
    file = parseWithTreeSitter(caching.parser, path, text);
    caching.store?.remember(text, file);
  }
  caching.files.set(path, file);
  return file;
}

function emptyModule(path: string, text: string): PyFile {
  const file = { path, text, root: undefined as unknown as PyNode, syntaxErrors: [] };
  file.root = { type: "module", isNamed: true, field: undefined, start: 0, end: 0, line: 1, column: 1, children: [], file };
  return file;
}

function parseWithTreeSitter(parser: TreeSitterParser, path: string, text: string): PyFile {
  const tree = parser.parse(text);
  const syntaxErrors: SyntaxProblem[] = [];
  const file = { path, text, root: undefined as unknown as PyNode, syntaxErrors };
  if (!tree) {
    syntaxErrors.push({ line: 1, column: 1, message: "the parser gave up on this file" });
    file.root = { type: "module", isNamed: true, field: undefined, start: 0, end: 0, line: 1, column: 1, children: [], file };
    return file;
  }
  const cursor = tree.walk();
  const copier = new NodeCopier(cursor, file, syntaxErrors, parser.language as Language);
  file.root = copier.copy(0);
  tree.delete();
  return file;
}

/** Deeper nesting than CPython's own parser accepts (about 200 levels) is not Python anyone deploys. */
const MAX_DEPTH = 400;

/** Names of node types and fields by id, per grammar: each lookup through the cursor is a call into WebAssembly. */
const typeTables = new WeakMap<
  Language,
  { types: (string | undefined)[]; named: (boolean | undefined)[]; fields: (string | null | undefined)[] }
>();

/**
 * Copies the tree out of WebAssembly with as few calls per node as the cursor allows (type id,
 * field id, start and end); names and line numbers are computed on this side.
 */
class NodeCopier {
  private readonly lineStarts: number[] = [0];
  private readonly tables: { types: (string | undefined)[]; named: (boolean | undefined)[]; fields: (string | null | undefined)[] };

  constructor(
    private readonly cursor: TreeCursor,
    private readonly file: PyFile,
    private readonly errors: SyntaxProblem[],
    private readonly language: Language,
  ) {
    const text = file.text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    let tables = typeTables.get(language);
    if (!tables) {
      tables = { types: [], named: [], fields: [] };
      typeTables.set(language, tables);
    }
    this.tables = tables;
  }

  private position(index: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: index - (this.lineStarts[low] as number) + 1 };
  }

  copy(depth: number): PyNode {
    const { cursor, tables, language } = this;
    const typeId = cursor.nodeTypeId;
    let type = tables.types[typeId];
    if (type === undefined) {
      type = language.nodeTypeForId(typeId) ?? "ERROR";
      tables.types[typeId] = type;
      tables.named[typeId] = language.nodeTypeIsNamed(typeId);
    }
    const fieldId = cursor.currentFieldId;
    let field = tables.fields[fieldId];
    if (field === undefined) {
      field = fieldId === 0 ? null : language.fieldNameForId(fieldId);
      tables.fields[fieldId] = field;
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const { line, column } = this.position(start);
    const children: PyNode[] = [];
    // Only zero-width nodes can be MISSING; asking every node would build a wrapper object for each.
    const missing = start === end && cursor.currentNode.isMissing;
    const node: PyNode = {
      type: missing ? "MISSING" : type,
      isNamed: tables.named[typeId] ?? true,
      field: field ?? undefined,
      start,
      end,
      line,
      column,
      children,
      file: this.file,
    };
    if (node.type === "ERROR" || node.type === "MISSING") {
      this.errors.push({ line, column, message: node.type === "MISSING" ? `missing ${type}` : "invalid syntax" });
    }
    if (depth > MAX_DEPTH) {
      this.errors.push({ line, column, message: "too many nested parentheses" });
      return node;
    }
    if (cursor.gotoFirstChild()) {
      do {
        children.push(this.copy(depth + 1));
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    const mark = python2Mark(node, this.file.text);
    if (mark) this.errors.push({ line, column, message: `Python 2 syntax: ${mark}`, python2: true });
    if (type === "module" || type === "block") this.checkIndentation(node);
    return node;
  }

  /**
   * tree-sitter takes a statement indented deeper than its neighbours into the same block, where
   * CPython stops with "unexpected indent": each statement that begins a line must be indented
   * exactly as the block's first (at the margin in a module). Comments do not count, as in Python.
   */
  private checkIndentation(node: PyNode): void {
    const text = this.file.text;
    let expected: string | undefined = node.type === "module" ? "" : undefined;
    for (const child of node.children) {
      if (!child.isNamed || child.type === "comment" || child.type === "line_continuation") continue;
      const lineStart = this.lineStarts[child.line - 1] as number;
      const indent = text.slice(lineStart, child.start);
      if (!/^[ \t\f]*$/.test(indent)) continue;
      const effective = indent.replace(/^.*\f/, "");
      expected ??= effective;
      if (effective !== expected) {
        this.errors.push({ line: child.line, column: child.column, message: "unexpected indent" });
        return;
      }
    }
  }
}

/** The source text of a node. */
export function textOf(node: PyNode): string {
  return node.file.text.slice(node.start, node.end);
}

/** The first child filling a grammar field. */
export function fieldOf(node: PyNode, field: string): PyNode | undefined {
  return node.children.find((child) => child.field === field);
}

/** Every child filling a grammar field, in order. */
export function fieldsOf(node: PyNode, field: string): PyNode[] {
  return node.children.filter((child) => child.field === field);
}

/** The named children, skipping comments (which tree-sitter places anywhere). */
export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((child) => child.isNamed && child.type !== "comment" && child.type !== "line_continuation");
}

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export type DecodedSource = Decoded;

/**
 * Decodes Python source bytes as CPython's tokenizer does: a UTF-8 BOM, else a PEP 263 coding cookie
 * on one of the first two lines, else UTF-8. Undecodable bytes or an encoding Python does not have
 * are a SyntaxError in Python, and a problem here; an encoding Python has and djship does not decode
 * is marked `unsupported`: djship's limit, not the project's fault.
 */
export function decodePythonSource(bytes: Uint8Array): DecodedSource {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) bytes = bytes.subarray(3);
  let codec = "utf_8";
  const head = Buffer.from(bytes.subarray(0, 400)).toString("latin1").split(/\r?\n/, 2);
  for (const line of head) {
    const match = CODING_COOKIE.exec(line);
    if (match?.[1]) {
      const named = pythonCodec(match[1]);
      if (!named) return { ok: false, message: `unknown encoding: ${match[1]}` };
      // The tokenizer reads a BOM as UTF-8, so a cookie naming anything else contradicts it.
      if (hasBom && named !== "utf_8") return { ok: false, message: `encoding problem: ${match[1]} with BOM` };
      codec = named;
      break;
    }
    // PEP 263: the second line counts only when the first is a comment or blank.
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return decodeWith(codec, bytes);
}
