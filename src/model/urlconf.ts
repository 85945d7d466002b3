/**
 * The project's URLconfs, read without importing them, and Django's URL system checks replayed on
 * them: check_url_config (urls.W001/W002/W003/W010/E004/E009, 2_0.W001, and E007/E008 up to 5.0),
 * check_url_namespaces_unique (urls.W005) and check_custom_error_handlers (urls.E007/E008, 5.1+).
 * https://github.com/django/django/blob/stable/5.2.x/django/urls/resolvers.py
 *
 * Reading is cached per module; replaying takes the settings the URLconf reads (routes such as
 * `path(settings.ADMIN_URL, ...)`, `if settings.DEBUG:` blocks), so every world of a settings rule
 * gets its own answer. Anything djship cannot follow (a helper that builds patterns, an include of a
 * third-party URLconf, a route computed at run time) makes the answer incomplete instead of wrong.
 */
import { DJANGO_URLCONFS, djangoFunction, type Param } from "../django/known-code.js";
import { atLeast } from "../django/versions.js";
import { fieldOf, namedChildren, type PyNode, textOf } from "../python/parse.js";
import { literalString } from "../python/queries.js";
import type { Value } from "../python/value.js";
import { blocksOf, type CodeSymbol, canBind, type ModuleScope, type ProjectCode, type Tri } from "./project-code.js";

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

// ---------------------------------------------------------------- the checks

/** `settings.NAME` as a rule's world holds it. */
export interface SettingsSource {
  value(name: string): Value;
  truthy(name: string): Tri;
  /** `item in settings.NAME`. */
  contains(name: string, item: string): Tri;
}

/** A message Django's URL checks would print, and whether it surely would. */
export interface UrlMessage {
  readonly id: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly certain: boolean;
}

export interface UrlCheckResult {
  readonly messages: readonly UrlMessage[];
  /** Whether every message Django would print is among `messages` (possibly uncertain). */
  readonly complete: boolean;
}

interface Context {
  readonly code: ProjectCode;
  readonly series: string;
  readonly settings: SettingsSource;
  readonly seen: Set<string>;
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

function describe(route: string, name?: string): string {
  return `'${route}'${name !== undefined ? ` [name='${name}']` : ""}`;
}

/** RoutePattern.check() and RegexPattern.check() for one pattern. */
function patternMessages(
  fn: "path" | "re_path",
  route: string,
  isEndpoint: boolean,
  name: string | undefined,
  ctx: Context,
): { id: string; message: string; certain: boolean }[] {
  const out: { id: string; message: string; certain: boolean }[] = [];
  const described = describe(route, name);
  const appendSlash = ctx.settings.truthy("APPEND_SLASH");
  // path() compiles the route to "^" + the escaped route (+ "\Z" for an endpoint): it starts with
  // "^/" exactly when the route starts with "/", and ends with "/" only for an include.
  const regex = fn === "path" ? `^${route}${isEndpoint ? "\\Z" : ""}` : route;
  if (appendSlash !== false && /^(\/|\^\/|\^\\\/)/.test(regex) && !regex.endsWith("/")) {
    out.push({
      id: "urls.W002",
      message: `Your URL pattern ${described} has a route beginning with a '/'. Remove this slash as it is unnecessary. If this pattern is targeted in an include(), ensure the include() pattern has a trailing '/'.`,
      certain: appendSlash === true,
    });
  }
  if (fn === "path") {
    if (atLeast(ctx.series, "5.0")) {
      let open = 0;
      for (const bracket of route.match(/[<>]/g) ?? []) {
        if (bracket === "<") open++;
        else if (--open < 0) {
          out.push({ id: "urls.W010", message: `Your URL pattern ${described} has an unmatched '>' bracket.`, certain: true });
          open = 0;
        }
      }
      if (open > 0) out.push({ id: "urls.W010", message: `Your URL pattern ${described} has an unmatched '<' bracket.`, certain: true });
    }
    if (route.includes("(?P<") || route.startsWith("^") || route.endsWith("$")) {
      out.push({
        id: "2_0.W001",
        message: `Your URL pattern ${described} has a route that contains '(?P<', begins with a '^', or ends with a '$'. This was likely an oversight when migrating to django.urls.path().`,
        certain: true,
      });
    }
  } else if (!isEndpoint && route.endsWith("$") && !route.endsWith("\\$")) {
    out.push({
      id: "urls.W001",
      message: `Your URL pattern ${described} uses include with a route ending with a '$'. Remove the dollar from the route to avoid problems including URLs.`,
      certain: true,
    });
  }
  return out;
}

function handlerMessages(conf: UrlConf): { messages: UrlMessage[]; complete: boolean } {
  const messages: UrlMessage[] = [];
  let complete = true;
  for (const handler of conf.handlers) {
    const place = { file: handler.file, line: handler.line, column: 1 };
    const arity = handler.code === 500 ? 1 : 2;
    const { symbol } = handler;
    const importFailed =
      handler.isPath && (symbol.kind === "missing-module" || symbol.kind === "missing-attribute" || !handler.text.includes("."));
    if (importFailed) {
      messages.push({
        id: "urls.E008",
        message: `The custom handler${handler.code} view '${handler.text}' could not be imported.`,
        ...place,
        certain: !handler.conditional,
      });
      continue;
    }
    const params: readonly Param[] | undefined =
      symbol.kind === "function" ? symbol.params : symbol.kind === "django" ? djangoFunction(symbol.path) : undefined;
    if (!params) {
      complete = false;
      continue;
    }
    if (!canBind(params, arity)) {
      const qualified = symbol.kind === "function" ? `${symbol.module}.${symbol.name}` : handler.text;
      messages.push({
        id: "urls.E007",
        message: `The custom handler${handler.code} view '${qualified}' does not take the correct number of arguments (${arity === 2 ? "request, exception" : "request"}).`,
        ...place,
        certain: !handler.conditional,
      });
    } else if (handler.conditional) complete = false;
  }
  return { messages, complete };
}

function resolveTarget(
  target: IncludeTarget,
  ctx: Context,
): { items: readonly UrlItem[]; conf?: UrlConf; appName: string | null | undefined } | undefined {
  switch (target.kind) {
    case "admin":
      return { items: [], appName: "admin" };
    case "list":
      return { items: target.items, appName: target.appName ? evalString(target.appName, ctx.settings) : null };
    case "module": {
      const module = evalString(target.module, ctx.settings);
      if (module === undefined) return undefined;
      const tupleAppName = target.appName ? evalString(target.appName, ctx.settings) : null;
      if (DJANGO_URLCONFS.has(module)) return { items: [], appName: tupleAppName };
      if (ctx.code.whereIs(module) !== "project" || ctx.seen.has(module)) return undefined;
      const conf = readUrlConf(ctx.code, module);
      if (!conf) return undefined;
      // include() prefers the module's own app_name to the tuple's.
      const own = conf.appName ? evalString(conf.appName, ctx.settings) : null;
      return { items: conf.items, conf, appName: conf.appName ? own : tupleAppName };
    }
    default:
      return undefined;
  }
}

/** URLResolver.check() over a list of patterns: the messages of the children. */
function checkItems(items: readonly UrlItem[], ctx: Context): { messages: UrlMessage[]; complete: boolean } {
  const messages: UrlMessage[] = [];
  let complete = true;
  for (const item of items) {
    const present = evalConditions(item.conditions, ctx.settings);
    if (present === false) continue;
    const place = { file: item.file, line: item.line, column: item.column };
    let own: UrlMessage[] = [];
    let ownComplete = true;
    switch (item.kind) {
      case "opaque":
        ownComplete = false;
        break;
      case "invalid": {
        own.push({
          id: "urls.E004",
          message: `Your URL pattern ${item.text} is invalid. Ensure that urlpatterns is a list of path() and/or re_path() instances.`,
          ...place,
          certain: true,
        });
        break;
      }
      case "pattern": {
        const route = evalString(item.route, ctx.settings);
        const name = item.name ? evalString(item.name, ctx.settings) : undefined;
        if (route === undefined || (item.name && name === undefined)) {
          ownComplete = false;
          break;
        }
        if (name?.includes(":")) {
          own.push({
            id: "urls.W003",
            message: `Your URL pattern ${describe(route, name)} has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.`,
            ...place,
            certain: true,
          });
        }
        for (const m of patternMessages(item.fn, route, true, name, ctx)) own.push({ ...m, ...place });
        const view = item.view;
        // URLPattern._check_callback() arrived in 4.0.
        if (view !== "callable" && atLeast(ctx.series, "4.0")) {
          // Django names its classes in CamelCase and its functions in lower case (PEP 8, kept
          // throughout its code): a lower-case Django name is a function view.
          const djangoFunction = view.kind === "django" && /^[a-z_]/.test(view.path.split(".").pop() ?? "");
          const isView = djangoFunction ? false : ctx.code.isSubclass(view, "django.views.generic.base.View");
          const isClass = view.kind === "class" || view.kind === "django" ? isView : view.kind === "function" ? false : undefined;
          if (isClass === true) {
            const className = view.kind === "class" ? view.name : view.kind === "django" ? (view.path.split(".").pop() ?? "") : "";
            own.push({
              id: "urls.E009",
              message: `Your URL pattern ${describe(route, name)} has an invalid view, pass ${className}.as_view() instead of ${className}.`,
              ...place,
              certain: true,
            });
          } else if (isClass === undefined) ownComplete = false;
        }
        break;
      }
      case "include": {
        const resolved = resolveTarget(item.target, ctx);
        let childMessages: UrlMessage[] = [];
        let childComplete = false;
        if (resolved) {
          const module = resolved.conf?.module;
          if (module) ctx.seen.add(module);
          const children = checkItems(resolved.items, ctx);
          childMessages = children.messages;
          childComplete = children.complete;
          // Up to 5.0 every resolver checked its own URLconf's error handlers.
          if (resolved.conf && !atLeast(ctx.series, "5.1")) {
            const handlers = handlerMessages(resolved.conf);
            childMessages.push(...handlers.messages);
            childComplete &&= handlers.complete;
          }
          if (module) ctx.seen.delete(module);
        }
        own = childMessages;
        const route = evalString(item.route, ctx.settings);
        const hasCertain = childMessages.some((m) => m.certain);
        // `return messages or self.pattern.check()`: the include's own route is checked only when
        // everything below it is clean.
        if (!hasCertain) {
          if (route === undefined) ownComplete = false;
          else {
            const certain = childComplete && childMessages.length === 0;
            for (const m of patternMessages(item.fn, route, false, undefined, ctx))
              own.push({ ...m, ...place, certain: certain && m.certain });
          }
        }
        if (!childComplete) ownComplete = false;
        break;
      }
    }
    if (present === undefined) {
      own = own.map((m) => ({ ...m, certain: false }));
      if (own.length > 0 || !ownComplete) complete = false;
    }
    if (!ownComplete) complete = false;
    messages.push(...own);
  }
  return { messages, complete };
}

/** Every URL check Django runs for ROOT_URLCONF = `module`; undefined when the root URLconf cannot be read. */
export function checkUrlConfig(code: ProjectCode, module: string, series: string, settings: SettingsSource): UrlCheckResult | undefined {
  if (code.whereIs(module) !== "project") return undefined;
  const conf = readUrlConf(code, module);
  if (!conf) return undefined;
  const ctx: Context = { code, series, settings, seen: new Set([module]) };
  const result = checkItems(conf.items, ctx);
  // The root's error handlers: inside URLResolver.check() up to 5.0, check_custom_error_handlers since.
  const handlers = handlerMessages(conf);
  return { messages: [...result.messages, ...handlers.messages], complete: result.complete && handlers.complete };
}

/** The namespaces _load_all_namespaces() collects, as "parent:child" strings. */
export function urlNamespaces(
  code: ProjectCode,
  module: string,
  settings: SettingsSource,
): { namespaces: { name: string; certain: boolean; file: string; line: number }[]; complete: boolean } | undefined {
  if (code.whereIs(module) !== "project") return undefined;
  const conf = readUrlConf(code, module);
  if (!conf) return undefined;
  const ctx: Context = { code, series: "", settings, seen: new Set([module]) };
  const namespaces: { name: string; certain: boolean; file: string; line: number }[] = [];
  let complete = true;
  const walk = (items: readonly UrlItem[], parents: string[], certain: boolean) => {
    for (const item of items) {
      const present = evalConditions(item.conditions, settings);
      if (present === false) continue;
      const sure = certain && present === true;
      if (item.kind === "opaque") complete = false;
      if (item.kind !== "include") continue;
      const resolved = resolveTarget(item.target, ctx);
      if (!resolved) {
        complete = false;
        continue;
      }
      let namespace: string | null | undefined = resolved.appName;
      if (item.namespace) namespace = evalString(item.namespace, settings);
      if (namespace === undefined) {
        complete = false;
        continue;
      }
      const current = namespace === null ? parents : [...parents, namespace];
      if (namespace !== null) namespaces.push({ name: current.join(":"), certain: sure, file: item.file, line: item.line });
      const module = resolved.conf?.module;
      if (module) ctx.seen.add(module);
      walk(resolved.items, current, sure);
      if (module) ctx.seen.delete(module);
    }
  };
  walk(conf.items, [], true);
  return { namespaces, complete };
}
