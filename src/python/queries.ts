import { fieldOf, fieldsOf, namedChildren, type PyFile, type PyNode, textOf } from "./parse.js";
import { decodeEscapes } from "./string-literals.js";

/** The text of a plain string literal node (no f-string fields), or undefined. */
export function literalString(node: PyNode | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  if (node.children.some((c) => c.type === "interpolation")) return undefined;
  const start = node.children.find((c) => c.type === "string_start");
  const isRaw = start ? /r/i.test(textOf(start)) : false;
  return node.children
    .filter((c) => c.type === "string_content")
    .map((c) => (isRaw ? textOf(c) : decodeEscapes(textOf(c), false)))
    .join("");
}

/** Visits every node of a file, depth first. Return false from `visit` to skip a subtree. */
export function walkNodes(node: PyNode, visit: (node: PyNode) => boolean | undefined): void {
  const stack: PyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PyNode;
    if (visit(current) === false) continue;
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as PyNode);
  }
}

/**
 * The DJANGO_SETTINGS_MODULE a manage.py, wsgi.py or asgi.py sets by default:
 * `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")` or an assignment to it.
 */
export function settingsModuleDefault(file: PyFile): { module: string; line: number } | undefined {
  const found = environmentDefault(file, "DJANGO_SETTINGS_MODULE");
  return found ? { module: found.value, line: found.line } : undefined;
}

/**
 * The default an entry point (manage.py, wsgi.py, asgi.py) gives an environment variable before
 * Django starts: `os.environ.setdefault(NAME, "literal")` or `os.environ[NAME] = "literal"`.
 */
export function environmentDefault(file: PyFile, variable: string): { value: string; line: number } | undefined {
  let found: { value: string; line: number } | undefined;
  walkNodes(file.root, (node) => {
    if (found) return false;
    if (node.type === "call") {
      const fn = fieldOf(node, "function");
      if (fn && /(^|\.)environ\.setdefault$/.test(textOf(fn).replace(/\s+/g, ""))) {
        const args = namedChildren(fieldOf(node, "arguments") ?? node);
        if (literalString(args[0]) === variable) {
          const value = literalString(args[1]);
          if (value) found = { value, line: node.line };
        }
      }
    } else if (node.type === "assignment") {
      const left = fieldOf(node, "left");
      if (left?.type === "subscript" && /(^|\.)environ$/.test(textOf(fieldOf(left, "value") as PyNode))) {
        const key = namedChildren(left).find((c) => c.field === "subscript");
        if (literalString(key) === variable) {
          const value = literalString(fieldOf(node, "right"));
          if (value) found = { value, line: node.line };
        }
      }
    }
    return true;
  });
  return found;
}

/**
 * Where code sets an environment variable to a value computed at run time
 * (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "awx.settings.%s" % MODE)`): the place and the
 * expression, for saying that djship did not follow it.
 */
export function computedEnvironmentDefault(file: PyFile, variable: string): { expression: string; line: number } | undefined {
  let found: { expression: string; line: number } | undefined;
  walkNodes(file.root, (node) => {
    if (found) return false;
    let value: PyNode | undefined;
    if (node.type === "call") {
      const fn = fieldOf(node, "function");
      if (fn && /(^|\.)environ\.setdefault$/.test(textOf(fn).replace(/\s+/g, ""))) {
        const args = namedChildren(fieldOf(node, "arguments") ?? node);
        if (literalString(args[0]) === variable) value = args[1];
      }
    } else if (node.type === "assignment") {
      const left = fieldOf(node, "left");
      if (left?.type === "subscript" && /(^|\.)environ$/.test(textOf(fieldOf(left, "value") as PyNode))) {
        const key = namedChildren(left).find((c) => c.field === "subscript");
        if (literalString(key) === variable) value = fieldOf(node, "right");
      }
    }
    if (value && literalString(value) === undefined) found = { expression: textOf(value).slice(0, 200), line: node.line };
    return true;
  });
  return found;
}

/** One module an import statement names. */
export interface ModuleImport {
  /** As written, dots and all: `pkg.mod`, `.base`, `..` (`import a.b as c` gives `a.b`). */
  readonly module: string;
  /** `from M import *` */
  readonly star: boolean;
  /** The import statement (its range, its line). */
  readonly node: PyNode;
}

/**
 * Every module a file imports, in order, wherever the import statement is (inside try, if and
 * function bodies too): read from the syntax tree, so a commented-out import or one quoted in a
 * docstring is not taken. `from __future__` imports are not modules and are left out.
 */
export function importsOf(file: PyFile): ModuleImport[] {
  const found: ModuleImport[] = [];
  const dotted = (node: PyNode) => textOf(node).replace(/[\s\\]+/g, "");
  walkNodes(file.root, (node) => {
    if (node.type === "import_statement") {
      for (const item of fieldsOf(node, "name")) {
        const name = item.type === "aliased_import" ? fieldOf(item, "name") : item;
        if (name) found.push({ module: dotted(name), star: false, node });
      }
      return false;
    }
    if (node.type === "import_from_statement") {
      const module = fieldOf(node, "module_name");
      if (module) found.push({ module: dotted(module), star: node.children.some((c) => c.type === "wildcard_import"), node });
      return false;
    }
    // Statements hold imports; expressions (most of a file) never do.
    return node.type !== "expression_statement" && node.type !== "future_import_statement";
  });
  return found;
}
