/**
 * The project's URLconfs, read without importing them, and what they hold in one world of the
 * settings: the patterns, includes (followed into project modules), namespaces and error handlers
 * Django would load, each present surely or maybe. Judging them is the rules' work: Django's URL
 * checks (check_url_config, check_url_namespaces_unique, check_custom_error_handlers) and their
 * messages live in rules/config (url-checks.ts and the CFG2xx rules).
 * https://github.com/django/django/blob/stable/5.2.x/django/urls/resolvers.py
 *
 * Reading is cached per module; a world takes the settings the URLconf reads (routes such as
 * `path(settings.ADMIN_URL, ...)`, `if settings.DEBUG:` blocks), so every world of a settings rule
 * gets its own answer. Anything djship cannot follow (a helper that builds patterns, an include of a
 * third-party URLconf, a route computed at run time) is said to be unknown instead of guessed.
 */
import { DJANGO_URLCONFS, djangoFunction, type Param } from "../django/known-code.js";
import { fieldOf, namedChildren, type PyNode, textOf } from "../python/parse.js";
import { literalString } from "../python/queries.js";
import type { Value } from "../python/value.js";
import { blocksOf, type CodeSymbol, type ModuleScope, type ProjectCode, type Tri } from "./project-code.js";

/** A string as the URLconf computes it: literal parts and settings. */
export type StrExpr =
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "setting"; readonly name: string }
  | { readonly kind: "concat"; readonly parts: readonly StrExpr[] }
  | { readonly kind: "unknown"; readonly reason: string };

/** A condition a URLconf tests: `if settings.DEBUG:`, `if "x" in settings.INSTALLED_APPS:`. */
export type CondExpr =
  | { readonly kind: "const"; readonly value: boolean }
  | { readonly kind: "truthy"; readonly setting: string }
  | { readonly kind: "in"; readonly item: string; readonly setting: string }
  | { readonly kind: "not"; readonly inner: CondExpr }
  | { readonly kind: "and" | "or"; readonly parts: readonly CondExpr[] }
  | { readonly kind: "unknown" };

interface ItemBase {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Every condition of the blocks that add the item. */
  readonly conditions: readonly CondExpr[];
}

export type UrlItem = ItemBase &
  (
    | {
        readonly kind: "pattern";
        readonly fn: "path" | "re_path";
        readonly route: StrExpr;
        readonly name: StrExpr | undefined;
        /** The view: a symbol, or "callable" for `View.as_view()` and other call results. */
        readonly view: CodeSymbol | "callable";
      }
    | {
        readonly kind: "include";
        readonly fn: "path" | "re_path";
        readonly route: StrExpr;
        readonly target: IncludeTarget;
        readonly namespace: StrExpr | undefined;
      }
    | { readonly kind: "invalid"; readonly shape: "str" | "tuple" | "other"; readonly text: string }
    | { readonly kind: "opaque"; readonly reason: string }
  );

export type IncludeTarget =
  | { readonly kind: "module"; readonly module: StrExpr; readonly appName: StrExpr | undefined }
  | { readonly kind: "list"; readonly items: readonly UrlItem[]; readonly appName: StrExpr | undefined }
  | { readonly kind: "admin" }
  | { readonly kind: "unknown"; readonly reason: string };

export interface ErrorHandler {
  readonly code: 400 | 403 | 404 | 500;
  /** As written: the dotted path string, or the expression. */
  readonly text: string;
  readonly symbol: CodeSymbol;
  /** A string names the view by path (get_callable); an expression is the view itself. */
  readonly isPath: boolean;
  readonly conditional: boolean;
  readonly file: string;
  readonly line: number;
}

/** One URLconf module, read. */
export interface UrlConf {
  readonly module: string;
  readonly file: string;
  readonly items: readonly UrlItem[];
  /** The module-level app_name; undefined when it has none. */
  readonly appName: StrExpr | undefined;
  readonly handlers: readonly ErrorHandler[];
}

const cache = new WeakMap<ProjectCode, Map<string, UrlConf | undefined>>();

/** A URLconf module of the project, read once; undefined when it is not a readable project module. */
export function readUrlConf(code: ProjectCode, module: string): UrlConf | undefined {
  let modules = cache.get(code);
  if (!modules) {
    modules = new Map();
    cache.set(code, modules);
  }
  if (modules.has(module)) return modules.get(module);
  modules.set(module, undefined);
  const scope = code.scope(module);
  const conf = scope ? new Reader(code, scope).read() : undefined;
  modules.set(module, conf);
  return conf;
}

const PATH = new Set(["django.urls.path", "django.urls.conf.path"]);
const RE_PATH = new Set(["django.urls.re_path", "django.urls.conf.re_path", "django.conf.urls.url"]);
const INCLUDE = new Set(["django.urls.include", "django.urls.conf.include", "django.conf.urls.include"]);
const CLEAN_LISTS = new Set(["django.conf.urls.static.static", "django.contrib.staticfiles.urls.staticfiles_urlpatterns"]);
const I18N_PATTERNS = new Set(["django.conf.urls.i18n.i18n_patterns"]);
const ADMIN_SITE = new Set(["django.contrib.admin.site", "django.contrib.admin.sites.site"]);
const SETTINGS = "django.conf.settings";

class Reader {
  private patterns: UrlItem[] = [];
  private readonly lists = new Map<string, PyNode>();
  private readonly handlers: ErrorHandler[] = [];
  private appName: StrExpr | undefined;

  constructor(
    private readonly code: ProjectCode,
    private readonly scope: ModuleScope,
  ) {}

  read(): UrlConf {
    this.visit(namedChildren(this.scope.file.root), []);
    return { module: this.scope.name, file: this.scope.file.path, items: this.patterns, appName: this.appName, handlers: this.handlers };
  }

  private visit(statements: readonly PyNode[], conditions: readonly CondExpr[]): void {
    for (const statement of statements) {
      if (statement.type === "expression_statement") this.statement(statement, conditions);
      else if (statement.type === "if_statement") {
        const condition = this.condition(fieldOf(statement, "condition"));
        const body = fieldOf(statement, "consequence");
        if (body) this.visit(namedChildren(body), [...conditions, condition]);
        let otherwise: CondExpr = { kind: "not", inner: condition };
        for (const clause of statement.children) {
          if (clause.type === "elif_clause") {
            const next = this.condition(fieldOf(clause, "condition"));
            const block = fieldOf(clause, "consequence");
            if (block) this.visit(namedChildren(block), [...conditions, otherwise, next]);
            otherwise = { kind: "and", parts: [otherwise, { kind: "not", inner: next }] };
          } else if (clause.type === "else_clause") {
            const block = fieldOf(clause, "body") ?? clause.children.find((c) => c.type === "block");
            if (block) this.visit(namedChildren(block), [...conditions, otherwise]);
          }
        }
      } else if (["try_statement", "with_statement", "for_statement", "while_statement"].includes(statement.type)) {
        for (const block of blocksOf(statement)) this.visit(namedChildren(block), [...conditions, { kind: "unknown" }]);
      }
    }
  }

  private statement(statement: PyNode, conditions: readonly CondExpr[]): void {
    const inner = namedChildren(statement)[0];
    if (!inner) return;
    const at = this.place(statement, conditions);
    if (inner.type === "assignment") {
      const left = fieldOf(inner, "left");
      const right = fieldOf(inner, "right");
      if (left?.type !== "identifier" || !right) return;
      const name = textOf(left);
      if (name === "urlpatterns") {
        const items = this.listItems(right, conditions);
        this.patterns =
          conditions.length === 0
            ? items
            : [...this.patterns, { ...at, kind: "opaque", reason: "urlpatterns is reassigned conditionally" }];
      } else if (name === "app_name") {
        this.appName = conditions.length === 0 ? this.string(right) : { kind: "unknown", reason: "app_name is set conditionally" };
      } else if (/^handler(400|403|404|500)$/.test(name)) {
        this.handler(Number(name.slice(7)) as ErrorHandler["code"], right, conditions.length > 0);
      } else if (right.type === "list" || right.type === "tuple" || right.type === "binary_operator") {
        this.lists.set(name, right);
      }
    } else if (inner.type === "augmented_assignment") {
      const left = fieldOf(inner, "left");
      const right = fieldOf(inner, "right");
      if (left?.type === "identifier" && textOf(left) === "urlpatterns" && right) this.patterns.push(...this.listItems(right, conditions));
    } else if (inner.type === "call") {
      const fn = fieldOf(inner, "function");
      if (fn?.type !== "attribute" || textOf(fieldOf(fn, "object") as PyNode) !== "urlpatterns") return;
      const method = textOf(fieldOf(fn, "attribute") as PyNode);
      const args = this.arguments(inner).positional;
      if (method === "append" && args[0]) this.patterns.push(this.element(args[0], conditions));
      else if (method === "insert" && args[1]) this.patterns.push(this.element(args[1], conditions));
      else if (method === "extend" && args[0]) this.patterns.push(...this.listItems(args[0], conditions));
      else this.patterns.push({ ...at, kind: "opaque", reason: `urlpatterns.${method}()` });
    }
  }

  private handler(code: ErrorHandler["code"], value: PyNode, conditional: boolean): void {
    const text = literalString(value);
    const symbol: CodeSymbol =
      text !== undefined
        ? this.code.dotted(text)
        : value.type === "identifier" || value.type === "attribute"
          ? this.code.expression(this.scope, value)
          : { kind: "unknown", reason: "a handler djship cannot follow" };
    this.handlers.push({
      code,
      text: text ?? textOf(value),
      symbol,
      isPath: text !== undefined,
      conditional,
      file: this.scope.file.path,
      line: value.line,
    });
  }

  private place(node: PyNode, conditions: readonly CondExpr[]): ItemBase {
    return { file: this.scope.file.path, line: node.line, column: node.column, conditions };
  }

  private symbol(node: PyNode | undefined): CodeSymbol {
    if (!node) return { kind: "unknown", reason: "nothing" };
    return this.code.expression(this.scope, node);
  }

  private path(node: PyNode | undefined): string | undefined {
    const symbol = this.symbol(node);
    return symbol.kind === "django" ? symbol.path : undefined;
  }

  private arguments(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode>; splat: boolean } {
    const positional: PyNode[] = [];
    const keywords = new Map<string, PyNode>();
    let splat = false;
    const args = fieldOf(call, "arguments");
    for (const child of args ? namedChildren(args) : []) {
      if (child.type === "keyword_argument") {
        const value = fieldOf(child, "value");
        if (value) keywords.set(textOf(fieldOf(child, "name") as PyNode), value);
      } else if (child.type === "list_splat" || child.type === "dictionary_splat") splat = true;
      else positional.push(child);
    }
    return { positional, keywords, splat };
  }

  /** The patterns a list expression holds. */
  private listItems(node: PyNode, conditions: readonly CondExpr[], depth = 0): UrlItem[] {
    const at = this.place(node, conditions);
    if (depth > 20) return [{ ...at, kind: "opaque", reason: "too deep" }];
    switch (node.type) {
      case "list":
      case "tuple": {
        const items: UrlItem[] = [];
        for (const element of namedChildren(node)) {
          if (element.type === "list_splat") {
            const inner = namedChildren(element)[0];
            if (inner) items.push(...this.listItems(inner, conditions, depth + 1));
          } else items.push(this.element(element, conditions));
        }
        return items;
      }
      case "parenthesized_expression": {
        const inner = namedChildren(node)[0];
        return inner ? this.listItems(inner, conditions, depth + 1) : [];
      }
      case "binary_operator": {
        const left = fieldOf(node, "left");
        const right = fieldOf(node, "right");
        if (
          !left ||
          !right ||
          textOf(node)
            .slice(left.end - node.start, right.start - node.start)
            .trim() !== "+"
        ) {
          return [{ ...at, kind: "opaque", reason: textOf(node).slice(0, 60) }];
        }
        return [...this.listItems(left, conditions, depth + 1), ...this.listItems(right, conditions, depth + 1)];
      }
      case "identifier": {
        const name = textOf(node);
        if (name === "urlpatterns") return [...this.patterns];
        const local = this.lists.get(name);
        if (local) return this.listItems(local, conditions, depth + 1);
        return [{ ...at, kind: "opaque", reason: `the patterns in ${name}` }];
      }
      case "call": {
        const callee = this.path(fieldOf(node, "function"));
        if (callee && CLEAN_LISTS.has(callee)) return [];
        if (callee && I18N_PATTERNS.has(callee)) {
          const { positional, splat } = this.arguments(node);
          const items = positional.map((element) => this.element(element, conditions));
          return splat ? [...items, { ...at, kind: "opaque", reason: "i18n_patterns(*...)" }] : items;
        }
        return [{ ...at, kind: "opaque", reason: `the patterns ${textOf(fieldOf(node, "function") as PyNode)}() returns` }];
      }
      default:
        return [{ ...at, kind: "opaque", reason: textOf(node).slice(0, 60) }];
    }
  }

  /** One element of urlpatterns. */
  private element(node: PyNode, conditions: readonly CondExpr[]): UrlItem {
    const at = this.place(node, conditions);
    if (node.type === "string" || node.type === "concatenated_string") return { ...at, kind: "invalid", shape: "str", text: textOf(node) };
    if (node.type === "tuple") return { ...at, kind: "invalid", shape: "tuple", text: textOf(node) };
    if (["list", "dictionary", "integer", "float", "none", "true", "false", "set"].includes(node.type)) {
      return { ...at, kind: "invalid", shape: "other", text: textOf(node) };
    }
    if (node.type !== "call") return { ...at, kind: "opaque", reason: `the pattern ${textOf(node).slice(0, 60)}` };
    const callee = this.path(fieldOf(node, "function"));
    if (callee && INCLUDE.has(callee)) return { ...at, kind: "invalid", shape: "tuple", text: textOf(node) };
    const fn = callee && PATH.has(callee) ? "path" : callee && RE_PATH.has(callee) ? "re_path" : undefined;
    if (!fn) return { ...at, kind: "opaque", reason: `the pattern ${textOf(fieldOf(node, "function") as PyNode)}() returns` };
    const { positional, keywords, splat } = this.arguments(node);
    if (splat) return { ...at, kind: "opaque", reason: "a pattern with *arguments" };
    const routeNode = positional[0] ?? keywords.get("route");
    const viewNode = positional[1] ?? keywords.get("view");
    const nameNode = positional[3] ?? keywords.get("name");
    const route: StrExpr = routeNode ? this.string(routeNode) : { kind: "unknown", reason: "no route" };
    if (!viewNode) return { ...at, kind: "opaque", reason: "a pattern without a view" };
    const target = this.includeTarget(viewNode);
    if (target) {
      return { ...at, kind: "include", fn, route, target: target.target, namespace: target.namespace };
    }
    const name = nameNode && nameNode.type !== "none" ? this.string(nameNode) : undefined;
    return { ...at, kind: "pattern", fn, route, name, view: this.view(viewNode) };
  }

  private view(node: PyNode): CodeSymbol | "callable" {
    if (node.type === "call") {
      const fn = fieldOf(node, "function");
      // View.as_view() returns a function; other calls return what djship cannot know.
      if (fn?.type === "attribute" && textOf(fieldOf(fn, "attribute") as PyNode) === "as_view") return "callable";
      return { kind: "unknown", reason: `the result of ${textOf(node).slice(0, 60)}` };
    }
    return this.symbol(node);
  }

  /** The URLconf a pattern's view includes, when it is an include. */
  private includeTarget(node: PyNode): { target: IncludeTarget; namespace: StrExpr | undefined } | undefined {
    if (node.type === "attribute" && textOf(fieldOf(node, "attribute") as PyNode) === "urls") {
      const site = this.path(fieldOf(node, "object"));
      if (site && ADMIN_SITE.has(site)) return { target: { kind: "admin" }, namespace: undefined };
      return undefined;
    }
    if (node.type !== "call") return undefined;
    const callee = this.path(fieldOf(node, "function"));
    if (!callee || !INCLUDE.has(callee)) return undefined;
    const { positional, keywords, splat } = this.arguments(node);
    const namespaceNode = keywords.get("namespace") ?? positional[1];
    const namespace = namespaceNode && namespaceNode.type !== "none" ? this.string(namespaceNode) : undefined;
    const arg = positional[0] ?? keywords.get("arg");
    if (!arg || splat) return { target: { kind: "unknown", reason: "include() with arguments djship cannot read" }, namespace };
    return { target: this.includeArgument(arg), namespace };
  }

  private includeArgument(arg: PyNode, appName?: StrExpr): IncludeTarget {
    if (arg.type === "tuple") {
      const parts = namedChildren(arg);
      if (parts.length !== 2 || appName) return { kind: "unknown", reason: "include() of a tuple that is not (urlconf, app_name)" };
      return this.includeArgument(parts[0] as PyNode, this.string(parts[1] as PyNode));
    }
    if (arg.type === "list") return { kind: "list", items: this.listItems(arg, []), appName };
    if (arg.type === "identifier" && this.lists.has(textOf(arg))) {
      return { kind: "list", items: this.listItems(this.lists.get(textOf(arg)) as PyNode, []), appName };
    }
    const text = literalString(arg);
    if (text !== undefined) return { kind: "module", module: { kind: "str", value: text }, appName };
    const symbol = this.symbol(arg);
    if (symbol.kind === "module") return { kind: "module", module: { kind: "str", value: symbol.name }, appName };
    const asString = this.string(arg);
    if (asString.kind !== "unknown") return { kind: "module", module: asString, appName };
    return { kind: "unknown", reason: `include(${textOf(arg).slice(0, 60)})` };
  }

  /** A string expression: literals, settings, module constants, + and f-strings of those. */
  private string(node: PyNode, depth = 0): StrExpr {
    if (depth > 10) return { kind: "unknown", reason: "too deep" };
    const literal = literalString(node);
    if (literal !== undefined) return { kind: "str", value: literal };
    if (node.type === "string") {
      const parts: StrExpr[] = [];
      const start = node.children.find((c) => c.type === "string_start");
      if (!start || !/f/i.test(textOf(start))) return { kind: "unknown", reason: textOf(node).slice(0, 60) };
      for (const child of node.children) {
        if (child.type === "string_content") parts.push({ kind: "str", value: textOf(child) });
        else if (child.type === "interpolation") {
          const expression = fieldOf(child, "expression");
          const conversion = child.children.some((c) => c.type === "type_conversion" || c.type === "format_specifier");
          parts.push(expression && !conversion ? this.string(expression, depth + 1) : { kind: "unknown", reason: textOf(child) });
        }
      }
      return { kind: "concat", parts };
    }
    if (node.type === "concatenated_string") {
      return { kind: "concat", parts: namedChildren(node).map((part) => this.string(part, depth + 1)) };
    }
    if (node.type === "binary_operator") {
      const left = fieldOf(node, "left");
      const right = fieldOf(node, "right");
      if (left && right) return { kind: "concat", parts: [this.string(left, depth + 1), this.string(right, depth + 1)] };
    }
    if (node.type === "attribute") {
      const object = this.symbol(fieldOf(node, "object"));
      if (object.kind === "django" && object.path === SETTINGS)
        return { kind: "setting", name: textOf(fieldOf(node, "attribute") as PyNode) };
    }
    if (node.type === "identifier") {
      const symbol = this.symbol(node);
      if (symbol.kind === "value") {
        const value = literalString(symbol.node);
        if (value !== undefined) return { kind: "str", value };
      }
    }
    return { kind: "unknown", reason: textOf(node).slice(0, 60) };
  }

  private condition(node: PyNode | undefined, depth = 0): CondExpr {
    if (!node || depth > 10) return { kind: "unknown" };
    switch (node.type) {
      case "true":
        return { kind: "const", value: true };
      case "false":
        return { kind: "const", value: false };
      case "parenthesized_expression":
        return this.condition(namedChildren(node)[0], depth + 1);
      case "not_operator":
        return { kind: "not", inner: this.condition(fieldOf(node, "argument"), depth + 1) };
      case "boolean_operator": {
        const operator = textOf(node)
          .slice((fieldOf(node, "left") as PyNode).end - node.start)
          .trim()
          .startsWith("and")
          ? "and"
          : "or";
        return {
          kind: operator,
          parts: [this.condition(fieldOf(node, "left"), depth + 1), this.condition(fieldOf(node, "right"), depth + 1)],
        };
      }
      case "attribute": {
        const object = this.symbol(fieldOf(node, "object"));
        if (object.kind === "django" && object.path === SETTINGS)
          return { kind: "truthy", setting: textOf(fieldOf(node, "attribute") as PyNode) };
        return { kind: "unknown" };
      }
      case "comparison_operator": {
        const operands = namedChildren(node);
        const operator = textOf(node)
          .slice((operands[0] as PyNode).end - node.start, (operands[1] as PyNode | undefined)?.start ?? node.end - node.start)
          .trim()
          .replace(/\s+/g, " ");
        const item = literalString(operands[0]);
        const container = operands[1];
        if (operands.length !== 2 || item === undefined || container?.type !== "attribute") return { kind: "unknown" };
        const object = this.symbol(fieldOf(container, "object"));
        if (object.kind !== "django" || object.path !== SETTINGS) return { kind: "unknown" };
        const test: CondExpr = { kind: "in", item, setting: textOf(fieldOf(container, "attribute") as PyNode) };
        if (operator === "in") return test;
        if (operator === "not in") return { kind: "not", inner: test };
        return { kind: "unknown" };
      }
      default:
        return { kind: "unknown" };
    }
  }
}

// ---------------------------------------------------------------- the URLconf in one world

/** `settings.NAME` as one world holds it (a rule's World is one). */
export interface SettingsSource {
  value(name: string): Value;
  truthy(name: string): Tri;
  /** `item in settings.NAME`. */
  contains(name: string, item: string): Tri;
}

/** What a pattern's view is, as far as the code says. */
export interface ViewFacts {
  /**
   * Whether it is a class-based view class itself (a View subclass, not `View.as_view()`): false for
   * functions and call results such as as_view(), undefined when djship cannot tell.
   */
  readonly isViewClass: Tri;
  /** The class's own name when it is one ("AboutView"). */
  readonly className: string;
}

/** A handler400/403/404/500 assignment, resolved. */
export interface HandlerFacts {
  readonly code: ErrorHandler["code"];
  /** As written: the dotted path string, or the expression. */
  readonly text: string;
  /** The view's module-qualified name when it is a project function, else `text`. */
  readonly qualified: string;
  /**
   * False when Django's get_callable() cannot import the dotted path the handler names (a missing
   * module or attribute, or a path without a dot); an expression is the view itself, so true.
   */
  readonly importable: boolean;
  /** The view's parameters, undefined when djship cannot know them. */
  readonly params: readonly Param[] | undefined;
  /** Assigned inside an if/try block: whether it is assigned in a given run is not known. */
  readonly conditional: boolean;
  readonly file: string;
  readonly line: number;
}

interface EntryBase {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Whether this world adds the entry: true, or undefined when a condition of its blocks cannot be decided. */
  readonly present: true | undefined;
}

/** One entry of urlpatterns in one world; entries the world surely leaves out are not listed. */
export type UrlEntry = EntryBase &
  (
    | {
        readonly kind: "pattern";
        readonly fn: "path" | "re_path";
        /** The route string; undefined when djship cannot compute it. */
        readonly route: string | undefined;
        /** The pattern's name: null when it has none, undefined when djship cannot compute it. */
        readonly name: string | null | undefined;
        readonly view: ViewFacts;
      }
    | {
        readonly kind: "include";
        readonly fn: "path" | "re_path";
        readonly route: string | undefined;
        /** What it includes; undefined when djship cannot follow it (a third-party URLconf, a computed module, a cycle). */
        readonly included: IncludedUrls | undefined;
        /** The namespace include() registers: null for none, undefined when djship cannot compute it. */
        readonly namespace: string | null | undefined;
      }
    /** Something that is not a pattern: a string, a tuple, an include() on its own. */
    | { readonly kind: "invalid"; readonly shape: "str" | "tuple" | "other"; readonly text: string }
    /** Patterns djship cannot see (a helper's result, a conditional reassignment): what is there is unknown. */
    | { readonly kind: "opaque"; readonly reason: string }
  );

/** A list of patterns as Django loads it: the root URLconf, an included module, or include([...]). */
export interface IncludedUrls {
  /** The project module the patterns come from; undefined for include([...]) and Django's own URLconfs. */
  readonly module: string | undefined;
  /**
   * The entries, in order. Django's own URLconfs (the admin's, auth's) are listed empty: they hold
   * nothing the project wrote.
   */
  readonly entries: readonly UrlEntry[];
  /** The module's error handlers; undefined when the patterns are not a project module. */
  readonly handlers: readonly HandlerFacts[] | undefined;
  /** The app_name include() takes: the module's own, else the (urlconf, app_name) tuple's; null for none, undefined when unknown. */
  readonly appName: string | null | undefined;
}

function evalString(expr: StrExpr, settings: SettingsSource): string | undefined {
  switch (expr.kind) {
    case "str":
      return expr.value;
    case "setting": {
      const value = settings.value(expr.name);
      return value.kind === "str" ? value.value : undefined;
    }
    case "concat": {
      let out = "";
      for (const part of expr.parts) {
        const text = evalString(part, settings);
        if (text === undefined) return undefined;
        out += text;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function evalCondition(condition: CondExpr, settings: SettingsSource): Tri {
  switch (condition.kind) {
    case "const":
      return condition.value;
    case "truthy":
      return settings.truthy(condition.setting);
    case "in":
      return settings.contains(condition.setting, condition.item);
    case "not": {
      const inner = evalCondition(condition.inner, settings);
      return inner === undefined ? undefined : !inner;
    }
    case "and":
    case "or": {
      let result: Tri = condition.kind === "and";
      for (const part of condition.parts) {
        const value = evalCondition(part, settings);
        if (value === (condition.kind === "or")) return value;
        if (value === undefined) result = undefined;
      }
      return result;
    }
    default:
      return undefined;
  }
}

function evalConditions(conditions: readonly CondExpr[], settings: SettingsSource): Tri {
  let result: Tri = true;
  for (const condition of conditions) {
    const value = evalCondition(condition, settings);
    if (value === false) return false;
    if (value === undefined) result = undefined;
  }
  return result;
}

function handlerFacts(handler: ErrorHandler): HandlerFacts {
  const { symbol } = handler;
  // get_callable() splits the path at its last dot and imports the module: no dot, or a module or
  // attribute that is not there, is an ImportError (django/urls/utils.py).
  const importable = !(
    handler.isPath &&
    (symbol.kind === "missing-module" || symbol.kind === "missing-attribute" || !handler.text.includes("."))
  );
  const params = symbol.kind === "function" ? symbol.params : symbol.kind === "django" ? djangoFunction(symbol.path) : undefined;
  return {
    code: handler.code,
    text: handler.text,
    qualified: symbol.kind === "function" ? `${symbol.module}.${symbol.name}` : handler.text,
    importable,
    params,
    conditional: handler.conditional,
    file: handler.file,
    line: handler.line,
  };
}

function viewFacts(code: ProjectCode, view: CodeSymbol | "callable"): ViewFacts {
  if (view === "callable") return { isViewClass: false, className: "" };
  // Django names its classes in CamelCase and its functions in lower case (PEP 8, kept throughout
  // its code): a lower-case Django name is a function view.
  const djangoFunction = view.kind === "django" && /^[a-z_]/.test(view.path.split(".").pop() ?? "");
  const isView = djangoFunction ? false : code.isSubclass(view, "django.views.generic.base.View");
  const isViewClass = view.kind === "class" || view.kind === "django" ? isView : view.kind === "function" ? false : undefined;
  const className = view.kind === "class" ? view.name : view.kind === "django" ? (view.path.split(".").pop() ?? "") : "";
  return { isViewClass, className };
}

class WorldReader {
  /** The project modules on the include path: an include of one of them is not followed. */
  private readonly seen: Set<string>;

  constructor(
    private readonly code: ProjectCode,
    private readonly settings: SettingsSource,
    root: string,
  ) {
    this.seen = new Set([root]);
  }

  conf(conf: UrlConf, tupleAppName: string | null | undefined): IncludedUrls {
    this.seen.add(conf.module);
    const entries = this.entries(conf.items);
    this.seen.delete(conf.module);
    // include() prefers the module's own app_name to the tuple's.
    const appName = conf.appName ? evalString(conf.appName, this.settings) : tupleAppName;
    return { module: conf.module, entries, handlers: conf.handlers.map(handlerFacts), appName };
  }

  private entries(items: readonly UrlItem[]): UrlEntry[] {
    const out: UrlEntry[] = [];
    for (const item of items) {
      const present = evalConditions(item.conditions, this.settings);
      if (present === false) continue;
      const base: EntryBase = { file: item.file, line: item.line, column: item.column, present };
      switch (item.kind) {
        case "opaque":
          out.push({ ...base, kind: "opaque", reason: item.reason });
          break;
        case "invalid":
          out.push({ ...base, kind: "invalid", shape: item.shape, text: item.text });
          break;
        case "pattern":
          out.push({
            ...base,
            kind: "pattern",
            fn: item.fn,
            route: evalString(item.route, this.settings),
            name: item.name ? evalString(item.name, this.settings) : null,
            view: viewFacts(this.code, item.view),
          });
          break;
        case "include": {
          const included = this.target(item.target);
          const namespace = item.namespace ? evalString(item.namespace, this.settings) : included?.appName;
          out.push({ ...base, kind: "include", fn: item.fn, route: evalString(item.route, this.settings), included, namespace });
          break;
        }
      }
    }
    return out;
  }

  private target(target: IncludeTarget): IncludedUrls | undefined {
    const settings = this.settings;
    switch (target.kind) {
      case "admin":
        return { module: undefined, entries: [], handlers: undefined, appName: "admin" };
      case "list":
        return {
          module: undefined,
          entries: this.entries(target.items),
          handlers: undefined,
          appName: target.appName ? evalString(target.appName, settings) : null,
        };
      case "module": {
        const module = evalString(target.module, settings);
        if (module === undefined) return undefined;
        const tupleAppName = target.appName ? evalString(target.appName, settings) : null;
        if (DJANGO_URLCONFS.has(module)) return { module: undefined, entries: [], handlers: undefined, appName: tupleAppName };
        if (this.code.whereIs(module) !== "project" || this.seen.has(module)) return undefined;
        const conf = readUrlConf(this.code, module);
        return conf ? this.conf(conf, tupleAppName) : undefined;
      }
      default:
        return undefined;
    }
  }
}

/**
 * The URLconf ROOT_URLCONF = `module` holds in one world (the settings it reads decide its routes
 * and its `if settings.X:` blocks), includes followed; undefined when the root is not a readable
 * project module.
 */
export function urlConfIn(code: ProjectCode, module: string, settings: SettingsSource): IncludedUrls | undefined {
  if (code.whereIs(module) !== "project") return undefined;
  const conf = readUrlConf(code, module);
  return conf ? new WorldReader(code, settings, module).conf(conf, null) : undefined;
}
