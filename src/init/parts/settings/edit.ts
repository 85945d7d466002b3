import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { fieldOf, namedChildren, type PyNode, parsePython, textOf } from "../../../python/parse.js";
import { literalString, walkNodes } from "../../../python/queries.js";
import { InputError } from "../../../util/errors.js";

/** One replacement in a text: [start, end) becomes `text`. */
interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** A top-level `NAME = value` statement of a module. */
interface TopAssignment {
  readonly name: string;
  readonly statement: PyNode;
  readonly value: PyNode;
}

function topAssignments(root: PyNode): TopAssignment[] {
  const out: TopAssignment[] = [];
  for (const statement of namedChildren(root)) {
    if (statement.type !== "expression_statement") continue;
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== "assignment") continue;
    const left = fieldOf(assignment, "left");
    const right = fieldOf(assignment, "right");
    if (left?.type === "identifier" && right) out.push({ name: textOf(left), statement, value: right });
  }
  return out;
}

/** The range of a statement's whole lines, with the comment lines directly above it. */
function statementLines(text: string, node: PyNode): { start: number; end: number } {
  let start = text.lastIndexOf("\n", node.start - 1) + 1;
  for (;;) {
    if (start === 0) break;
    const previousStart = text.lastIndexOf("\n", start - 2) + 1;
    const previous = text.slice(previousStart, start - 1);
    if (!/^\s*#/.test(previous)) break;
    start = previousStart;
  }
  const newline = text.indexOf("\n", node.end);
  return { start, end: newline < 0 ? text.length : newline + 1 };
}

/**
 * The literal default of an environment read: `os.environ.get("NAME", "default")` or
 * `os.getenv("NAME", "default")`. Undefined for anything else (no default, a computed one).
 */
function environDefault(node: PyNode): string | undefined {
  if (node.type !== "call") return undefined;
  const callee = fieldOf(node, "function");
  if (!callee || !/^os\.(environ\.get|getenv)$/.test(textOf(callee))) return undefined;
  const args = namedChildren(fieldOf(node, "arguments") as PyNode);
  if (args.length !== 2 || literalString(args[0]) === undefined) return undefined;
  return literalString(args[1]);
}

/** DEBUG read from the environment so that it is on when the variable is unset. */
function isDebugOnByDefault(value: PyNode): boolean {
  if (value.type === "true") return true;
  const fallback = environDefault(value);
  if (fallback !== undefined) return fallback !== "";
  // os.environ.get("DEBUG", "True") == "True" (either side): on when the default equals the literal.
  if (value.type !== "comparison_operator") return false;
  const [left, right, ...rest] = namedChildren(value);
  if (!left || !right || rest.length > 0 || !/^\s*==\s*$/.test(text(value, left, right))) return false;
  const [read, literal] = environDefault(left) !== undefined ? [left, right] : [right, left];
  return environDefault(read) !== undefined && environDefault(read) === literalString(literal);
}

/** The operator between two operands of a comparison, as written. */
function text(whole: PyNode, left: PyNode, right: PyNode): string {
  return whole.file.text.slice(left.end, right.start);
}

/**
 * The development values a settings module carries, moved out of base so production never
 * inherits them: startproject's literal key and DEBUG = True, and the same values as environment
 * defaults (`os.environ.get("SECRET_KEY", "dev-key")`, DEBUG on unless the variable says otherwise).
 */
const DEV_ONLY: Record<string, (value: PyNode) => boolean> = {
  SECRET_KEY: (value) => literalString(value) !== undefined || (environDefault(value) ?? "") !== "",
  DEBUG: isDebugOnByDefault,
  ALLOWED_HOSTS: (value) => value.type === "list" && namedChildren(value).every((item) => literalString(item) !== undefined),
};

export interface SplitSettings {
  readonly base: string;
  /** The statements moved to dev.py, as written (with their comments). */
  readonly devStatements: string;
  readonly moved: readonly string[];
}

/**
 * Turns a single settings.py into the base module of a settings package: BASE_DIR gains one parent
 * (the file is one folder deeper) and the literal secret and development values move out to dev.py.
 * Only those statements change; quotes, comments and formatting elsewhere stay as they were. A
 * BASE_DIR or `__file__` use it cannot recognise makes it refuse instead of guessing.
 */
export function splitSettingsModule(parser: TreeSitterParser, path: string, text: string): SplitSettings {
  const file = parsePython(parser, path, text);
  if (file.syntaxErrors.length > 0)
    throw new InputError(`${path}: does not parse as Python (line ${file.syntaxErrors[0]?.line}); fix it before djship init`);
  const splices: Splice[] = [];
  const assignments = topAssignments(file.root);
  const baseDir = assignments.find((a) => a.name === "BASE_DIR");
  let handledFile: PyNode | undefined;
  if (baseDir) {
    const expression = textOf(baseDir.value);
    if (/^Path\(__file__\)(\.resolve\(\)|\.absolute\(\))?(\.parent)+$/.test(expression)) {
      splices.push({ start: baseDir.value.end, end: baseDir.value.end, text: ".parent" });
    } else if (/^os\.path\.dirname\(.*__file__.*\)$/s.test(expression)) {
      splices.push({ start: baseDir.value.start, end: baseDir.value.end, text: `os.path.dirname(${expression})` });
    } else {
      throw new InputError(
        `${path}:${baseDir.statement.line}: BASE_DIR = ${expression} is not a form djship init recognises; move settings.py into a package by hand`,
      );
    }
    handledFile = baseDir.value;
  }
  walkNodes(file.root, (node) => {
    if (handledFile && node.start >= handledFile.start && node.end <= handledFile.end) return false;
    if (node.type === "identifier" && textOf(node) === "__file__")
      throw new InputError(
        `${path}:${node.line}: uses __file__ outside BASE_DIR; djship init cannot tell what it should become once the file moves`,
      );
    return true;
  });
  const moved: string[] = [];
  const devParts: string[] = [];
  for (const assignment of assignments) {
    const isDevOnly = DEV_ONLY[assignment.name];
    if (!isDevOnly?.(assignment.value)) continue;
    // Assigned again later: not a simple literal to move.
    if (assignments.filter((a) => a.name === assignment.name).length > 1) continue;
    const range = statementLines(text, assignment.statement);
    devParts.push(text.slice(range.start, range.end));
    splices.push({ start: range.start, end: range.end, text: "\0" });
    moved.push(assignment.name);
  }
  // Where statements left, keep at most two blank lines, as PEP 8 would.
  const base = applySplices(text, splices)
    .replace(/\n[\n\0]*\0[\n\0]*/g, (run) => "\n".repeat(Math.min((run.match(/\n/g) ?? []).length, 3)))
    .replace(/\0/g, "");
  return { base, devStatements: devParts.join(""), moved };
}

/**
 * Replaces every string literal equal to `from` with `to` in a Python file, keeping its quotes.
 * Returns the text unchanged when there is none.
 */
export function replaceModuleString(parser: TreeSitterParser, path: string, text: string, from: string, to: string): string {
  const file = parsePython(parser, path, text);
  const splices: Splice[] = [];
  walkNodes(file.root, (node) => {
    if (node.type !== "string") return true;
    if (literalString(node) !== from) return false;
    const content = node.children.filter((c) => c.type === "string_content");
    const first = content[0];
    const last = content[content.length - 1];
    if (first && last) splices.push({ start: first.start, end: last.end, text: to });
    return false;
  });
  return applySplices(text, splices);
}

/** Replaces a dotted module name as a whole word in a non-Python file (Procfile, Dockerfile, ini, YAML). */
export function replaceModuleText(text: string, from: string, to: string): string {
  const escaped = from.replace(/\./g, "\\.");
  return text.replace(new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`, "g"), to);
}

export const BLOCK_START = "# >>> djship init: production settings >>>";
export const BLOCK_END = "# <<< djship init: production settings <<<";

/** The text of the marked block in a module, or undefined. */
export function findBlock(text: string): { start: number; end: number; body: string } | undefined {
  const start = text.indexOf(BLOCK_START);
  if (start < 0) return undefined;
  const endMark = text.indexOf(BLOCK_END, start);
  if (endMark < 0) return undefined;
  const newline = text.indexOf("\n", endMark);
  const end = newline < 0 ? text.length : newline + 1;
  return { start, end, body: text.slice(start, end) };
}

/** The module with init's block put in (replacing an earlier one), at the end when new. */
export function withBlock(text: string, block: string): string {
  const found = findBlock(text);
  if (found) return text.slice(0, found.start) + block + text.slice(found.end);
  const separator = text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return `${text}${separator}${block}`;
}
