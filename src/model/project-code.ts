/**
 * The project's own Python code, read the way Django's checks import it, without running it: where
 * a dotted path leads (import_string/get_callable), what a class derives from, which AppConfig an
 * INSTALLED_APPS entry installs, an app's models and template tag libraries. Answers are three-valued:
 * a name from a package djship does not read, or code too dynamic to follow, is unknown, never guessed.
 */
import { posix } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import type { Workspace } from "../discover/workspace.js";
import {
  APP_CONFIG,
  type ContribApp,
  contribApp,
  djangoClass,
  djangoFunction,
  MODEL,
  type Param,
  SIGNATURE_KEEPING_DECORATORS,
} from "../django/known-code.js";
import { fieldOf, fieldsOf, namedChildren, type PyFile, type PyNode, textOf } from "../python/parse.js";
import { literalString } from "../python/queries.js";
import { type ProjectSource, projectSource } from "./source.js";

export type Tri = boolean | undefined;

/** What a name or dotted path leads to. */
export type CodeSymbol =
  | { readonly kind: "module"; readonly name: string; readonly where: "project" | "django" | "external" }
  | {
      readonly kind: "function";
      readonly module: string;
      readonly name: string;
      readonly file: string;
      readonly line: number;
      /** Undefined when a decorator hides the signature inspect.signature() would see. */
      readonly params: readonly Param[] | undefined;
    }
  | {
      readonly kind: "class";
      readonly module: string;
      readonly name: string;
      readonly file: string;
      readonly line: number;
      readonly node: PyNode;
    }
  /** A name inside Django, by its dotted path. */
  | { readonly kind: "django"; readonly path: string }
  /** A name from a package djship does not read. */
  | { readonly kind: "external"; readonly path: string }
  | { readonly kind: "builtin"; readonly name: string }
  /** A module-level value that is neither a function nor a class (a string, a call result...). */
  | { readonly kind: "value"; readonly module: string; readonly name: string; readonly node: PyNode }
  /** import_module() raises ImportError. `parentImportable` tells get_callable's two outcomes apart. */
  | { readonly kind: "missing-module"; readonly module: string; readonly parentImportable: Tri }
  /** The module imports, but has no such attribute. */
  | { readonly kind: "missing-attribute"; readonly module: string; readonly name: string }
  | { readonly kind: "unknown"; readonly reason: string };

interface Binding {
  readonly kind: "def" | "class" | "assign" | "import" | "import-from" | "other";
  readonly node: PyNode;
  /** The definition node for def/class (unwrapped from decorators), the value for assignments. */
  readonly target?: PyNode;
  readonly decorators?: readonly PyNode[];
  /** import: the module bound; import-from: the module and the name taken from it. */
  readonly module?: string;
  readonly name?: string;
  /** Bound inside an if/try/with/for block: whether it runs is not known. */
  readonly conditional: boolean;
}

/** A module of the project as its top-level statements bind names. */
export interface ModuleScope {
  readonly name: string;
  readonly file: PyFile;
  readonly isPackage: boolean;
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly starImports: readonly string[];
  /** globals() or setattr(sys.modules...) writes: names may appear that no statement binds. */
  readonly dynamic: boolean;
}

/** An INSTALLED_APPS entry as AppConfig.create() resolves it. */
export interface AppInfo {
  readonly entry: string;
  /** AppConfig.name: the app's module. */
  readonly name: string;
  /** The config class's __qualname__ ("AppConfig" for the default one). */
  readonly configClass: string;
  /** Whether the config class sets default_auto_field (AppConfig._is_default_auto_field_overridden). */
  readonly overridesDefaultAutoField: Tri;
  readonly contrib: ContribApp | undefined;
  /** The app's package folder, absolute, for an app of the project. */
  readonly directory: string | undefined;
}

/** A concrete or abstract model class of a project app. */
export interface ModelInfo {
  readonly app: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Whether the class is a Django model at all (undefined when a base class cannot be read). */
  readonly isModel: Tri;
  readonly abstract: Tri;
  /** "auto": Django creates the primary key; "explicit": a field sets primary_key=True; "parent": multi-table inheritance. */
  readonly pk: "auto" | "explicit" | "parent" | undefined;
}

const MAX_DEPTH = 12;

/** Reads the Python code of one project: every answer is cached for the run. */
export class ProjectCode {
  private readonly source: ProjectSource;
  private readonly importRoot: string;
  private readonly scopes = new Map<string, ModuleScope | undefined>();
  private readonly located = new Map<string, { path: string; isPackage: boolean } | undefined>();
  private readonly apps = new Map<string, AppInfo | undefined>();

  constructor(
    readonly workspace: Workspace,
    parser: TreeSitterParser,
    /** The project's folder, relative to the workspace root. */
    readonly projectRoot: string,
    /** The project's import path when the caller has it (shared with the settings, so modules parse once). */
    source?: ProjectSource,
  ) {
    this.importRoot = projectRoot === "." ? workspace.root : posix.join(workspace.root, projectRoot);
    this.source = source ?? projectSource(workspace, parser, projectRoot);
  }

  /** The folder manage.py runs from: where relative paths in settings resolve. */
  get root(): string {
    return this.importRoot;
  }

  /** Whether a folder exists; undefined for a path outside the project tree. */
  isDirectory(absolutePath: string): Tri {
    return this.source.isDirectory(absolutePath);
  }

  isFile(absolutePath: string): Tri {
    return this.source.isFile(absolutePath);
  }

  /** Project files under a folder (absolute), relative to the workspace root. */
  filesUnder(absoluteFolder: string): string[] {
    const relative = posix.relative(this.workspace.root, absoluteFolder);
    if (relative.startsWith("..")) return [];
    const prefix = relative === "" ? "" : `${relative}/`;
    return this.workspace.allFiles.filter((file) => file.startsWith(prefix));
  }

  /** Whether any Python file of the project mentions a word (a cheap guard before trusting a default). */
  mentions(word: string): boolean {
    const prefix = this.projectRoot === "." ? "" : `${this.projectRoot}/`;
    return this.workspace
      .filesOfKind("python")
      .some((file) => file.path.startsWith(prefix) && (this.workspace.read(file.path) ?? "").includes(word));
  }

  // ---------------------------------------------------------------- modules

  /** Where a module of the project is, as Python's path finder would find it from the project root. */
  locate(name: string): { path: string; isPackage: boolean } | undefined {
    if (this.located.has(name)) return this.located.get(name);
    let found: { path: string; isPackage: boolean } | undefined;
    if (/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(name)) {
      const relative = name.split(".").join("/");
      const init = `${this.importRoot}/${relative}/__init__.py`;
      const file = `${this.importRoot}/${relative}.py`;
      if (this.source.isFile(init)) found = { path: init, isPackage: true };
      else if (this.source.isFile(file)) found = { path: file, isPackage: false };
      else if (this.source.isDirectory(`${this.importRoot}/${relative}`) && name.includes(".")) {
        // A folder without __init__.py inside a package is a namespace package (PEP 420).
        found = { path: `${this.importRoot}/${relative}/`, isPackage: true };
      }
    }
    this.located.set(name, found);
    return found;
  }

  /** Where a module comes from: the project, Django, elsewhere, or nowhere (an ImportError). */
  whereIs(name: string): "project" | "django" | "external" | "missing" {
    if (name === "django" || name.startsWith("django.")) return "django";
    if (this.locate(name)) return "project";
    const top = name.split(".")[0] as string;
    return this.locate(top) ? "missing" : "external";
  }

  /** The top-level names of a project module, or undefined when it is not a readable project module. */
  scope(name: string): ModuleScope | undefined {
    if (this.scopes.has(name)) return this.scopes.get(name);
    this.scopes.set(name, undefined);
    const located = this.locate(name);
    let scope: ModuleScope | undefined;
    if (located && !located.path.endsWith("/")) {
      const loaded = this.source.loadPython(located.path);
      if (loaded.ok && loaded.file.syntaxErrors.length === 0) scope = buildScope(name, loaded.file, located.isPackage);
    } else if (located) {
      scope = { name, file: this.source.parseSnippet(""), isPackage: true, bindings: new Map(), starImports: [], dynamic: false };
    }
    this.scopes.set(name, scope);
    return scope;
  }

  // ---------------------------------------------------------------- resolution

  /** What `getattr(import_module(module), name)` gives. */
  attribute(module: string, name: string, depth = 0): CodeSymbol {
    if (depth > MAX_DEPTH) return { kind: "unknown", reason: "too many imports to follow" };
    const where = this.whereIs(module);
    if (where === "django") return { kind: "django", path: `${module}.${name}` };
    if (where === "external") return { kind: "external", path: `${module}.${name}` };
    if (where === "missing") return { kind: "missing-module", module, parentImportable: this.importable(parentOf(module)) };
    const scope = this.scope(module);
    if (!scope) return { kind: "unknown", reason: `${module} cannot be read` };
    const bound = this.lookup(scope, name, depth + 1);
    if (bound.kind !== "missing-attribute") return bound;
    // A submodule is an attribute of its package once something imported it.
    if (scope.isPackage && this.locate(`${module}.${name}`)) return { kind: "module", name: `${module}.${name}`, where: "project" };
    return bound;
  }

  /** Whether import_module(name) succeeds, as far as djship can tell. */
  importable(name: string): Tri {
    if (!name) return false;
    const where = this.whereIs(name);
    if (where === "project") return true;
    if (where === "missing") return false;
    return undefined;
  }

  /** What import_string(path) / get_callable(path) finds for a dotted path. */
  dotted(path: string): CodeSymbol {
    const dot = path.lastIndexOf(".");
    if (dot <= 0) return { kind: "missing-module", module: path, parentImportable: false };
    const module = path.slice(0, dot);
    const name = path.slice(dot + 1);
    if (this.whereIs(module) === "django") {
      return djangoClass(path) || djangoFunction(path)
        ? { kind: "django", path }
        : { kind: "unknown", reason: `${path} is not a name djship knows in Django` };
    }
    return this.attribute(module, name);
  }

  /** A name looked up in a module's globals, following imports. */
  private lookup(scope: ModuleScope, name: string, depth: number): CodeSymbol {
    const binding = scope.bindings.get(name);
    if (!binding) {
      if (scope.dynamic) return { kind: "unknown", reason: `${scope.name} writes its names dynamically` };
      for (const star of scope.starImports) {
        const where = this.whereIs(star);
        if (where !== "project") return { kind: "unknown", reason: `${scope.name} star-imports ${star}` };
        const found = this.attribute(star, name, depth + 1);
        if (found.kind !== "missing-attribute") return found;
      }
      if (BUILTIN_NAMES.has(name)) return { kind: "builtin", name };
      return { kind: "missing-attribute", module: scope.name, name };
    }
    if (binding.conditional) return { kind: "unknown", reason: `${name} is bound conditionally in ${scope.name}` };
    return this.fromBinding(scope, name, binding, depth);
  }

  private fromBinding(scope: ModuleScope, name: string, binding: Binding, depth: number): CodeSymbol {
    const at = binding.target ?? binding.node;
    switch (binding.kind) {
      case "def":
        return {
          kind: "function",
          module: scope.name,
          name,
          file: scope.file.path,
          line: at.line,
          params: keepsSignature(binding.decorators ?? []) ? parameters(at) : undefined,
        };
      case "class":
        return (binding.decorators ?? []).length > 0
          ? { kind: "unknown", reason: `${name} is a decorated class` }
          : { kind: "class", module: scope.name, name, file: scope.file.path, line: at.line, node: at };
      case "import":
        return this.moduleSymbol(binding.module as string);
      case "import-from": {
        const from = binding.module as string;
        const imported = this.attribute(from, binding.name as string, depth + 1);
        // `from package import submodule` imports the submodule.
        if (imported.kind === "missing-attribute" && this.locate(`${from}.${binding.name}`)) {
          return { kind: "module", name: `${from}.${binding.name}`, where: "project" };
        }
        return imported;
      }
      case "assign":
        return binding.target && (binding.target.type === "identifier" || binding.target.type === "attribute")
          ? this.expression(scope, binding.target, depth + 1)
          : { kind: "value", module: scope.name, name, node: binding.target ?? binding.node };
      default:
        return { kind: "unknown", reason: `${name} is bound by a statement djship does not follow` };
    }
  }

  private moduleSymbol(name: string): CodeSymbol {
    const where = this.whereIs(name);
    if (where === "missing") return { kind: "missing-module", module: name, parentImportable: this.importable(parentOf(name)) };
    return { kind: "module", name, where };
  }

  /** What an expression in a module evaluates to, for names, attributes and nothing else. */
  expression(scope: ModuleScope, node: PyNode, depth = 0): CodeSymbol {
    if (depth > MAX_DEPTH) return { kind: "unknown", reason: "too many names to follow" };
    if (node.type === "identifier") return this.lookup(scope, textOf(node), depth + 1);
    if (node.type === "attribute") {
      const object = this.expression(scope, fieldOf(node, "object") as PyNode, depth + 1);
      const name = textOf(fieldOf(node, "attribute") as PyNode);
      switch (object.kind) {
        case "module":
          if (object.where === "django") return { kind: "django", path: `${object.name}.${name}` };
          if (object.where === "external") return { kind: "external", path: `${object.name}.${name}` };
          return this.attribute(object.name, name, depth + 1);
        case "django":
          return { kind: "django", path: `${object.path}.${name}` };
        case "external":
          return { kind: "external", path: `${object.path}.${name}` };
        default:
          return { kind: "unknown", reason: `an attribute of ${textOf(fieldOf(node, "object") as PyNode)}` };
      }
    }
    return { kind: "unknown", reason: `${textOf(node).slice(0, 60)} is not a name` };
  }

  /** The scope a class or function symbol was defined in. */
  scopeOf(symbol: { module: string }): ModuleScope | undefined {
    return this.scope(symbol.module);
  }

  /** issubclass(symbol, target) for a Django class given by its canonical path. */
  isSubclass(symbol: CodeSymbol, target: string, seen: Set<PyNode> = new Set(), depth = 0): Tri {
    if (depth > MAX_DEPTH) return undefined;
    switch (symbol.kind) {
      case "django": {
        const ancestors = djangoClass(symbol.path);
        return ancestors ? ancestors.includes(target) : undefined;
      }
      case "class": {
        if (seen.has(symbol.node)) return undefined;
        seen.add(symbol.node);
        const scope = this.scope(symbol.module);
        if (!scope) return undefined;
        let result: Tri = false;
        for (const base of baseNodes(symbol.node)) {
          const answer = this.isSubclass(this.expression(scope, base, depth + 1), target, seen, depth + 1);
          if (answer === true) return true;
          if (answer === undefined) result = undefined;
        }
        return result;
      }
      case "builtin":
        return false;
      case "function":
      case "module":
        return false;
      default:
        return undefined;
    }
  }

  /**
   * Whether a class body (or a project base class) assigns an attribute: the statement when it
   * does, "absent" when no class up to Django's own does, undefined when a base cannot be read.
   */
  classAttribute(symbol: CodeSymbol, name: string, depth = 0): PyNode | "absent" | "django" | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (symbol.kind === "django") return djangoClass(symbol.path) ? "django" : undefined;
    if (symbol.kind !== "class") return symbol.kind === "builtin" ? "absent" : undefined;
    const own = classBodyAssignment(symbol.node, name);
    if (own) return own;
    const scope = this.scope(symbol.module);
    if (!scope) return undefined;
    let result: PyNode | "absent" | "django" | undefined = "absent";
    for (const base of baseNodes(symbol.node)) {
      const found = this.classAttribute(this.expression(scope, base, depth + 1), name, depth + 1);
      if (found === undefined) return undefined;
      if (found !== "absent") {
        result = found;
        break;
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- apps

  /** The app an INSTALLED_APPS entry installs, as AppConfig.create() decides it (3.2+). */
  app(entry: string): AppInfo | undefined {
    if (this.apps.has(entry)) return this.apps.get(entry);
    const info = this.resolveApp(entry);
    this.apps.set(entry, info);
    return info;
  }

  private resolveApp(entry: string): AppInfo | undefined {
    const contrib = contribApp(entry);
    if (contrib) {
      return {
        entry,
        name: contrib.name,
        configClass: contrib.configClass,
        overridesDefaultAutoField: contrib.setsDefaultAutoField,
        contrib,
        directory: undefined,
      };
    }
    if (this.whereIs(entry) === "project") {
      // The entry is the app's module: a single AppConfig subclass in its apps submodule (or the
      // one marked default = True) configures it, otherwise the default AppConfig does.
      const scope = this.scope(entry);
      if (!scope) return undefined;
      if (scope.bindings.has("default_app_config")) return undefined;
      const directory = posix.dirname(this.locate(entry)?.path ?? "");
      const plain: AppInfo = {
        entry,
        name: entry,
        configClass: "AppConfig",
        overridesDefaultAutoField: false,
        contrib: undefined,
        directory,
      };
      if (!this.locate(`${entry}.apps`)) return plain;
      const apps = this.scope(`${entry}.apps`);
      if (!apps || apps.dynamic || apps.starImports.length > 0) return undefined;
      const candidates: { symbol: CodeSymbol; isDefault: Tri; name: string }[] = [];
      for (const [name, binding] of apps.bindings) {
        if (binding.kind !== "class" && binding.kind !== "import-from" && binding.kind !== "assign") continue;
        const symbol = this.fromBinding(apps, name, binding, 0);
        if (symbol.kind === "django" && djangoClass(symbol.path)?.[0] === APP_CONFIG) continue;
        if (symbol.kind !== "class" && symbol.kind !== "django") {
          if (symbol.kind === "unknown" || symbol.kind === "external") return undefined;
          continue;
        }
        const sub = this.isSubclass(symbol, APP_CONFIG);
        if (sub === undefined) return undefined;
        if (!sub) continue;
        if (binding.conditional) return undefined;
        const flag = this.classAttribute(symbol, "default");
        const isDefault: Tri = flag === "absent" || flag === "django" ? undefined : flag ? literalBool(flag) : undefined;
        if (flag !== "absent" && flag !== "django" && isDefault === undefined) return undefined;
        candidates.push({ symbol, isDefault, name });
      }
      // getattr(candidate, "default", True) for the first pass, getattr(..., False) for the second.
      let chosen = candidates.filter((c) => c.isDefault !== false);
      if (chosen.length !== 1) {
        chosen = candidates.filter((c) => c.isDefault === true);
        if (chosen.length > 1) return undefined;
      }
      const config = chosen[0];
      if (!config) return plain;
      return this.appFromConfig(entry, config.symbol, directory);
    }
    // The entry is an AppConfig class path.
    const dot = entry.lastIndexOf(".");
    if (dot > 0 && this.whereIs(entry.slice(0, dot)) === "project") {
      const symbol = this.dotted(entry);
      if (symbol.kind !== "class") return undefined;
      if (this.isSubclass(symbol, APP_CONFIG) !== true) return undefined;
      return this.appFromConfig(entry, symbol, undefined);
    }
    return undefined;
  }

  private appFromConfig(entry: string, config: CodeSymbol, directory: string | undefined): AppInfo | undefined {
    if (config.kind === "django") {
      const contrib = contribApp(config.path);
      return contrib
        ? {
            entry,
            name: contrib.name,
            configClass: contrib.configClass,
            overridesDefaultAutoField: contrib.setsDefaultAutoField,
            contrib,
            directory: undefined,
          }
        : undefined;
    }
    if (config.kind !== "class") return undefined;
    const nameNode = this.classAttribute(config, "name");
    let name: string | undefined;
    let contrib: ContribApp | undefined;
    if (nameNode && nameNode !== "absent" && nameNode !== "django") name = literalString(assignedValue(nameNode));
    else if (nameNode === "django") {
      // A subclass of a contrib AppConfig (a custom AdminConfig) keeps the contrib app's name.
      contrib = this.contribBase(config);
      name = contrib?.name;
    }
    if (!name) return undefined;
    const field = this.classAttribute(config, "default_auto_field");
    // Django's own AppConfig does not set it; SimpleAdminConfig and the other contrib configs may.
    const overrides: Tri =
      field === undefined
        ? undefined
        : field === "absent"
          ? false
          : field === "django"
            ? (this.contribBase(config)?.setsDefaultAutoField ?? false)
            : true;
    const located = this.locate(name);
    return {
      entry,
      name,
      configClass: config.name,
      overridesDefaultAutoField: overrides,
      contrib,
      directory: directory ?? (located ? posix.dirname(located.path) : undefined),
    };
  }

  private contribBase(config: CodeSymbol, depth = 0): ContribApp | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (config.kind === "django") return contribApp(config.path);
    if (config.kind !== "class") return undefined;
    const scope = this.scope(config.module);
    if (!scope) return undefined;
    for (const base of baseNodes(config.node)) {
      const found = this.contribBase(this.expression(scope, base), depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The classes of an app's models module that are (or may be) models; undefined when the module cannot be read. */
  models(app: AppInfo): ModelInfo[] | undefined {
    const module = `${app.name}.models`;
    if (app.contrib) return undefined;
    const located = this.locate(module);
    if (!located) return this.locate(app.name) ? [] : undefined;
    const scope = this.scope(module);
    if (!scope || scope.dynamic) return undefined;
    const classes: { symbol: Extract<CodeSymbol, { kind: "class" }>; conditional: boolean }[] = [];
    const modules = [scope];
    if (located.isPackage) {
      // Models in submodules count once the package imports them.
      for (const star of scope.starImports) {
        if (!star.startsWith(`${module}.`)) return undefined;
        const sub = this.scope(star);
        if (!sub) return undefined;
        modules.push(sub);
      }
    } else if (scope.starImports.some((star) => this.whereIs(star) === "project")) {
      for (const star of scope.starImports) {
        const sub = this.scope(star);
        if (sub?.name.startsWith(`${app.name}.`)) modules.push(sub);
      }
    }
    for (const current of modules) {
      for (const [name, binding] of current.bindings) {
        if (binding.kind === "class") {
          const symbol = this.fromBinding(current, name, binding, 0);
          if (symbol.kind === "class") classes.push({ symbol, conditional: binding.conditional });
          else return undefined;
        } else if (binding.kind === "import-from" && current === scope && located.isPackage && binding.module?.startsWith(`${module}.`)) {
          const symbol = this.fromBinding(current, name, binding, 0);
          if (symbol.kind === "class") classes.push({ symbol, conditional: binding.conditional });
        }
      }
    }
    const out: ModelInfo[] = [];
    for (const { symbol, conditional } of classes) {
      const subclass = this.isSubclass(symbol, MODEL);
      if (subclass === false) continue;
      const meta = metaOf(symbol.node);
      out.push({
        app: app.name,
        name: symbol.name,
        file: symbol.file,
        line: symbol.line,
        column: symbol.node.column,
        // A model class defined under a condition may not exist.
        isModel: conditional ? undefined : subclass,
        abstract: meta.abstract,
        pk: subclass ? this.primaryKey(symbol, meta.proxy) : undefined,
      });
    }
    return out;
  }

  /** How a model gets its primary key (Options._prepare, ModelBase.__new__). */
  private primaryKey(model: Extract<CodeSymbol, { kind: "class" }>, proxy: Tri, depth = 0): ModelInfo["pk"] {
    if (depth > MAX_DEPTH || proxy === undefined) return undefined;
    const own = explicitPrimaryKey(model.node);
    if (own !== false) return own === true ? "explicit" : undefined;
    const scope = this.scope(model.module);
    if (!scope) return undefined;
    let inherited: ModelInfo["pk"] = "auto";
    for (const base of baseNodes(model.node)) {
      const symbol = this.expression(scope, base);
      if (symbol.kind === "django") {
        if (djangoClass(symbol.path)?.[0] === MODEL) continue;
        return undefined;
      }
      if (symbol.kind !== "class") {
        if (symbol.kind === "builtin") continue;
        return undefined;
      }
      const isModel = this.isSubclass(symbol, MODEL);
      if (isModel === false) continue;
      if (isModel === undefined) return undefined;
      const meta = metaOf(symbol.node);
      if (meta.abstract === undefined) return undefined;
      if (meta.abstract) {
        // An abstract parent's fields are copied into the child.
        const fromAbstract = this.primaryKey(symbol, meta.proxy, depth + 1);
        if (fromAbstract === undefined) return undefined;
        if (fromAbstract === "explicit") inherited = "explicit";
      } else if (proxy) {
        // A proxy shares its concrete parent's primary key.
        return this.primaryKey(symbol, meta.proxy, depth + 1);
      } else {
        // Multi-table inheritance: the pk is the parent link, never auto-created.
        return "parent";
      }
    }
    return inherited;
  }

  /** Template tag libraries of an app of the project: modules of <app>/templatetags that define `register`. */
  templateLibraries(app: AppInfo): { name: string; module: string }[] | undefined {
    if (!app.directory) return undefined;
    const folder = `${app.directory}/templatetags`;
    if (!this.source.isDirectory(folder)) return [];
    const out: { name: string; module: string }[] = [];
    const base = posix.relative(this.workspace.root, folder);
    for (const file of this.filesUnder(folder)) {
      if (!file.endsWith(".py")) continue;
      const inner = file.slice(base.length + 1).replace(/\.py$/, "");
      if (inner === "__init__" || inner.endsWith("/__init__")) continue;
      const dotted = inner.split("/").join(".");
      const module = `${app.name}.templatetags.${dotted}`;
      const scope = this.scope(module);
      if (!scope) return undefined;
      const register = scope.bindings.get("register");
      if (register && !register.conditional) out.push({ name: dotted, module });
      else if (register || scope.dynamic || scope.starImports.length > 0) return undefined;
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

const BUILTIN_NAMES = new Set(["object", "Exception", "dict", "list", "str", "int", "type", "property", "staticmethod", "classmethod"]);

function parentOf(module: string): string {
  return module.includes(".") ? module.slice(0, module.lastIndexOf(".")) : "";
}

function literalBool(node: PyNode): Tri {
  const value = assignedValue(node);
  if (value?.type === "true") return true;
  if (value?.type === "false") return false;
  return undefined;
}

/** The right-hand side of an assignment statement node. */
export function assignedValue(node: PyNode): PyNode | undefined {
  const assignment = node.type === "expression_statement" ? namedChildren(node)[0] : node;
  return assignment?.type === "assignment" ? fieldOf(assignment, "right") : undefined;
}

/** The base-class expressions of a class definition (keyword arguments such as metaclass= left out). */
export function baseNodes(classNode: PyNode): PyNode[] {
  const list = fieldOf(classNode, "superclasses");
  return list ? namedChildren(list).filter((c) => c.type !== "keyword_argument") : [];
}

/** The statement of a class body that assigns `name` at class level. */
function classBodyAssignment(classNode: PyNode, name: string): PyNode | undefined {
  const body = fieldOf(classNode, "body");
  let found: PyNode | undefined;
  for (const statement of body ? namedChildren(body) : []) {
    if (statement.type !== "expression_statement") continue;
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== "assignment") continue;
    const left = fieldOf(assignment, "left");
    if (left?.type === "identifier" && textOf(left) === name) found = statement;
  }
  return found;
}

function metaOf(classNode: PyNode): { abstract: Tri; proxy: Tri } {
  const body = fieldOf(classNode, "body");
  const meta = (body ? namedChildren(body) : []).find(
    (s) => s.type === "class_definition" && textOf(fieldOf(s, "name") as PyNode) === "Meta",
  );
  if (!meta) return { abstract: false, proxy: false };
  const flag = (name: string): Tri => {
    const statement = classBodyAssignment(meta, name);
    return statement ? literalBool(statement) : false;
  };
  return { abstract: flag("abstract"), proxy: flag("proxy") };
}

/** Whether a class body declares a field with primary_key=True: true, false, or undefined when not literal. */
function explicitPrimaryKey(classNode: PyNode): Tri {
  const body = fieldOf(classNode, "body");
  let result: Tri = false;
  for (const statement of body ? namedChildren(body) : []) {
    if (statement.type !== "expression_statement") continue;
    const value = assignedValue(statement);
    if (value?.type !== "call") continue;
    const args = fieldOf(value, "arguments");
    for (const argument of args ? namedChildren(args) : []) {
      if (argument.type === "dictionary_splat") result = result === true ? true : undefined;
      if (argument.type !== "keyword_argument" || textOf(fieldOf(argument, "name") as PyNode) !== "primary_key") continue;
      const flag = fieldOf(argument, "value");
      if (flag?.type === "true") return true;
      if (flag?.type !== "false") result = undefined;
    }
  }
  return result;
}

function keepsSignature(decorators: readonly PyNode[]): boolean {
  return decorators.every((decorator) => {
    const expression = namedChildren(decorator)[0];
    const callee = expression?.type === "call" ? fieldOf(expression, "function") : expression;
    const name = callee ? textOf(callee).split(".").pop() : undefined;
    return name !== undefined && SIGNATURE_KEEPING_DECORATORS.has(name);
  });
}

/** A function definition's parameters, as inspect.signature() lists them. */
export function parameters(definition: PyNode): Param[] {
  const list = fieldOf(definition, "parameters");
  const params: Param[] = [];
  let mode: "positional-or-keyword" | "keyword-only" = "positional-or-keyword";
  for (const child of list ? namedChildren(list) : []) {
    switch (child.type) {
      case "identifier":
        params.push({ name: textOf(child), kind: mode, hasDefault: false });
        break;
      case "typed_parameter": {
        const inner = namedChildren(child)[0];
        if (inner?.type === "list_splat_pattern") {
          params.push({ name: textOf(inner).replace(/^\*/, ""), kind: "var-positional", hasDefault: false });
          mode = "keyword-only";
        } else if (inner?.type === "dictionary_splat_pattern") {
          params.push({ name: textOf(inner).replace(/^\*\*/, ""), kind: "var-keyword", hasDefault: false });
        } else params.push({ name: inner ? textOf(inner) : "", kind: mode, hasDefault: false });
        break;
      }
      case "default_parameter":
      case "typed_default_parameter":
        params.push({ name: textOf(fieldOf(child, "name") as PyNode), kind: mode, hasDefault: true });
        break;
      case "list_splat_pattern":
        params.push({ name: textOf(child).replace(/^\*/, ""), kind: "var-positional", hasDefault: false });
        mode = "keyword-only";
        break;
      case "dictionary_splat_pattern":
        params.push({ name: textOf(child).replace(/^\*\*/, ""), kind: "var-keyword", hasDefault: false });
        break;
      case "positional_separator":
        for (let i = 0; i < params.length; i++) {
          const param = params[i] as Param;
          if (param.kind === "positional-or-keyword") params[i] = { ...param, kind: "positional-only" };
        }
        break;
      case "keyword_separator":
        mode = "keyword-only";
        break;
      default:
        break;
    }
  }
  return params;
}

/** inspect.Signature.bind(*positional, **{keyword: None}) succeeds: the same rules, without values. */
export function canBind(params: readonly Param[], positional: number, keywords: readonly string[] = []): boolean {
  const bound = new Set<string>();
  let remaining = positional;
  for (const param of params) {
    if (remaining === 0) break;
    if (param.kind === "positional-only" || param.kind === "positional-or-keyword") {
      bound.add(param.name);
      remaining--;
    } else if (param.kind === "var-positional") {
      remaining = 0;
    } else break;
  }
  if (remaining > 0) return false;
  const varKeyword = params.some((p) => p.kind === "var-keyword");
  for (const keyword of keywords) {
    const param = params.find((p) => p.name === keyword && p.kind !== "var-positional" && p.kind !== "var-keyword");
    if (param && param.kind !== "positional-only") {
      if (bound.has(param.name)) return false;
      bound.add(param.name);
    } else if (!varKeyword) return false;
  }
  return params.every((p) => p.hasDefault || p.kind === "var-positional" || p.kind === "var-keyword" || bound.has(p.name));
}

/** The names a module binds at top level, in order, with the statement that binds each last. */
function buildScope(name: string, file: PyFile, isPackage: boolean): ModuleScope {
  const bindings = new Map<string, Binding>();
  const starImports: string[] = [];
  let dynamic = false;
  const scopeStub = { name, isPackage };
  const absolute = (moduleNode: PyNode): string => {
    if (moduleNode.type !== "relative_import") return textOf(moduleNode).replace(/\s+/g, "");
    const prefix = moduleNode.children.find((c) => c.type === "import_prefix");
    const dots = prefix ? textOf(prefix).length : 0;
    const dotted = moduleNode.children.find((c) => c.type === "dotted_name");
    let base = scopeStub.isPackage ? scopeStub.name : scopeStub.name.slice(0, Math.max(0, scopeStub.name.lastIndexOf(".")));
    for (let i = 1; i < dots; i++) base = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : "";
    const rest = dotted ? textOf(dotted).replace(/\s+/g, "") : "";
    return base && rest ? `${base}.${rest}` : base || rest;
  };
  const bind = (key: string, binding: Binding) => {
    bindings.set(key, binding);
  };
  const visit = (statements: readonly PyNode[], conditional: boolean) => {
    for (const statement of statements) {
      switch (statement.type) {
        case "function_definition":
        case "class_definition":
          bind(textOf(fieldOf(statement, "name") as PyNode), {
            kind: statement.type === "function_definition" ? "def" : "class",
            node: statement,
            target: statement,
            decorators: [],
            conditional,
          });
          break;
        case "decorated_definition": {
          const definition = fieldOf(statement, "definition");
          if (!definition) break;
          bind(textOf(fieldOf(definition, "name") as PyNode), {
            kind: definition.type === "function_definition" ? "def" : "class",
            node: statement,
            target: definition,
            decorators: namedChildren(statement).filter((c) => c.type === "decorator"),
            conditional,
          });
          break;
        }
        case "import_statement":
          for (const item of fieldsOf(statement, "name")) {
            if (item.type === "aliased_import") {
              const dotted = textOf(fieldOf(item, "name") as PyNode).replace(/\s+/g, "");
              bind(textOf(fieldOf(item, "alias") as PyNode), { kind: "import", node: statement, module: dotted, conditional });
            } else {
              const dotted = textOf(item).replace(/\s+/g, "");
              const top = dotted.split(".")[0] as string;
              bind(top, { kind: "import", node: statement, module: top, conditional });
            }
          }
          break;
        case "import_from_statement": {
          const moduleNode = fieldOf(statement, "module_name");
          if (!moduleNode) break;
          const module = absolute(moduleNode);
          if (statement.children.some((c) => c.type === "wildcard_import")) {
            if (conditional) dynamic = true;
            else starImports.push(module);
            break;
          }
          for (const item of fieldsOf(statement, "name")) {
            const nameNode = item.type === "aliased_import" ? (fieldOf(item, "name") as PyNode) : item;
            const alias = item.type === "aliased_import" ? fieldOf(item, "alias") : undefined;
            const imported = textOf(nameNode);
            bind(alias ? textOf(alias) : imported, { kind: "import-from", node: statement, module, name: imported, conditional });
          }
          break;
        }
        case "expression_statement": {
          const inner = namedChildren(statement)[0];
          if (inner?.type === "assignment") {
            // a = b = value: every target but the last is an assignment of the next.
            let current: PyNode | undefined = inner;
            const targets: PyNode[] = [];
            let value: PyNode | undefined;
            while (current?.type === "assignment") {
              const left = fieldOf(current, "left");
              if (left) targets.push(left);
              value = fieldOf(current, "right");
              current = value;
            }
            for (const target of targets) {
              if (target.type === "identifier") {
                bind(textOf(target), {
                  kind: value ? "assign" : "other",
                  node: statement,
                  ...(value ? { target: value } : {}),
                  conditional,
                });
              } else if (target.type === "pattern_list" || target.type === "tuple_pattern" || target.type === "list_pattern") {
                for (const part of namedChildren(target)) {
                  if (part.type === "identifier") bind(textOf(part), { kind: "other", node: statement, conditional });
                }
              }
            }
          } else if (inner?.type === "augmented_assignment") {
            const left = fieldOf(inner, "left");
            if (left?.type === "identifier") bind(textOf(left), { kind: "other", node: statement, conditional });
          } else if (inner && /\b(globals\(\)|setattr\(sys\.modules)/.test(textOf(inner))) {
            dynamic = true;
          }
          break;
        }
        case "if_statement":
        case "try_statement":
        case "with_statement":
        case "for_statement":
        case "while_statement": {
          if (statement.type === "for_statement") {
            const left = fieldOf(statement, "left");
            for (const id of left?.type === "identifier" ? [left] : left ? namedChildren(left) : []) {
              if (id.type === "identifier") bind(textOf(id), { kind: "other", node: statement, conditional: true });
            }
          }
          for (const block of blocksOf(statement)) visit(namedChildren(block), true);
          break;
        }
        default:
          break;
      }
    }
  };
  visit(namedChildren(file.root), false);
  return { name, file, isPackage, bindings, starImports, dynamic };
}

/** Every block nested directly in a compound statement (bodies of if/elif/else, try/except/finally...). */
export function blocksOf(statement: PyNode): PyNode[] {
  const blocks: PyNode[] = [];
  for (const child of statement.children) {
    if (child.type === "block") blocks.push(child);
    else if (["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause"].includes(child.type)) {
      blocks.push(...child.children.filter((c) => c.type === "block"));
    }
  }
  return blocks;
}
