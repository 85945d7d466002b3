import { posix } from "node:path";
import { fieldOf, fieldsOf, namedChildren, type PyFile, type PyNode, textOf } from "../parse.js";
import { readStringLiteral } from "../string-literals.js";
import {
  type Alternative,
  type Binding,
  bool,
  type ClassValue,
  cloneValue,
  collectDeps,
  type Deps,
  type DictValue,
  dict,
  type ExceptionClass,
  type ExceptionValue,
  type FunctionValue,
  float,
  int,
  list,
  mergeDeps,
  type Namespace,
  type NativeCallArgs,
  NONE,
  type ObjectValue,
  type Origin,
  pyEquals,
  pyRepr,
  pyStr,
  sameValue,
  str,
  truthy,
  tuple,
  typeName,
  UNBOUND,
  unknown,
  type Value,
  withDeps,
} from "../value.js";
import { builtinFunctions, methodOf, registerObjectType } from "./builtins.js";
import { classAttributeNames, descriptor, descriptorOf, hasOpaqueBase, lookupInClass, mroOf } from "./classes.js";
import { isEnumeration, makeMembers, mixinOf } from "./enums.js";
import type { EnvState } from "./env-state.js";
import { CannotRead, EvaluationLimit, exceptionClass, isBuiltinException, makeException, PyRaise, raise } from "./exceptions.js";
import { globFiles } from "./glob.js";
import { DEFAULT_LIBRARIES } from "./libraries.js";
import type { LibraryRegistry } from "./library.js";
import { type Host, Indeterminate, isPure, known, native } from "./natives.js";
import {
  binaryOperation,
  compare,
  dictSet,
  type SliceBounds,
  setItem,
  setOf,
  sliceValue,
  subscriptValue,
  unaryOperation,
} from "./operators.js";
import { makeRecord, recordItems, recordKind } from "./records.js";
import { convert, FormatError, formatValue, interpolationParts } from "./strings.js";

/** Where the interpreter finds project modules. Shared by evaluations so files are parsed once. */
export interface ModuleSource {
  /** Absolute folders on sys.path, in order: where manage.py lives first. */
  readonly importRoots: readonly string[];
  /** Absolute folder the user pointed djship at; origins are relative to it. */
  readonly displayRoot: string;
  isFile(absolutePath: string): boolean | undefined;
  isDirectory(absolutePath: string): boolean | undefined;
  readText(absolutePath: string): string | undefined;
  /** The names in a project folder (files and folders), or undefined when it is not one or not listed. */
  listDirectory?(absolutePath: string): string[] | undefined;
  /** `unreadable` marks a file Python would read but djship will not (too large, outside its bounds). */
  loadPython(absolutePath: string): { ok: true; file: PyFile } | { ok: false; message: string; line?: number; unreadable?: boolean };
  /** Parses a snippet for ast.literal_eval. */
  parseSnippet(text: string): PyFile;
  relative(absolutePath: string): string;
}

export interface EvaluationBudget {
  /** Statements and expressions evaluated, all modules together. */
  maxSteps: number;
  /** Wall-clock limit in milliseconds. */
  maxMillis: number;
  /** Nested user-function calls. */
  maxCallDepth: number;
  /** Alternatives kept for one value before it becomes unknown. */
  maxAlternatives: number;
  /** Nested undecidable branches followed before their contents become unknown. */
  maxForkDepth: number;
  /** Iterations of one loop. */
  maxLoopIterations: number;
}

/** Turns of a while loop after which undecidable conditions in it mean djship cannot tell when it ends. */
const UNDECIDED_LOOP_TURNS = 100;

export const DEFAULT_BUDGET: EvaluationBudget = {
  maxSteps: 2_000_000,
  maxMillis: 5_000,
  maxCallDepth: 64,
  maxAlternatives: 8,
  maxForkDepth: 10,
  maxLoopIterations: 10_000,
};

export interface ModuleRecord {
  readonly name: string;
  readonly absolutePath: string;
  readonly file: PyFile;
  readonly namespace: Namespace;
  readonly isPackage: boolean;
  executing: boolean;
}

/** A call into a package djship does not evaluate, kept for rules (sentry_sdk.init, Celery(...)). */
export interface ExternalCall {
  readonly name: string;
  readonly origin: Origin;
  readonly kwargs: ReadonlyMap<string, Value>;
  readonly args: readonly Value[];
}

/** Something djship could not follow: reported as its own limit, with the settings it touches unknown. */
export interface Unreadable {
  readonly reason: string;
  readonly origin: Origin;
}

/** An exception raised on a path through code djship could not decide, so it may or may not happen. */
export interface PossibleError {
  readonly exception: ExceptionValue;
  readonly origin: Origin;
}

interface Frame {
  readonly module: ModuleRecord;
  readonly globals: Namespace;
  readonly locals: Namespace | undefined;
  readonly enclosing: readonly Namespace[];
  readonly globalNames: Set<string>;
  pendingReturns: Alternative[] | undefined;
  /** The variables of the undecidable conditions that chose between this function's results. */
  choiceDeps?: Deps | undefined;
  /** Inside `try` blocks whose handlers catch ImportError: a missing module is then expected. */
  importGuards: number;
  /** The user function running in this frame and its first argument, for zero-argument super(). */
  readonly function?: FunctionValue;
  readonly firstArgument?: Value;
}

class ReturnSignal {
  constructor(
    readonly value: Value,
    readonly origin: Origin,
  ) {}
}
class BreakSignal {}
class ContinueSignal {}

type ControlSignal = ReturnSignal | BreakSignal | ContinueSignal | PyRaise;

interface FunctionDefinition {
  readonly node: PyNode;
  readonly params: readonly PyNode[];
  readonly body: PyNode;
  readonly isLambda: boolean;
  readonly enclosing: readonly Namespace[];
  readonly module: ModuleRecord;
}

/** Names of modules that live beside settings and are kept out of the repository on purpose. */
const LOCAL_MODULE =
  /(^|[._])(local|locals|local_settings|settings_local|secrets?|overrides?|custom|dev|development|prod|production|staging|env|environment)($|[._])/i;

const UNMODELLED_OK = new Set<Value["kind"]>([
  "str",
  "bytes",
  "list",
  "tuple",
  "dict",
  "set",
  "int",
  "float",
  "bool",
  "path",
  "native",
  "function",
  "exception",
]);

/** The method names Python looks up for each binary operator (`__sub__`, reflected `__rsub__`). */
const OPERATOR_DUNDERS: Readonly<Record<string, string>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow",
  "@": "matmul",
  "|": "or",
  "&": "and",
  "^": "xor",
  "<<": "lshift",
  ">>": "rshift",
};

const BUILTIN_TYPES = new Set(["str", "list", "dict", "set", "tuple", "int", "float", "bool", "bytes", "frozenset"]);

/**
 * The abstract interpreter: walks the syntax tree of settings modules and the modules they import,
 * computing values without running anything. Python semantics where they matter for settings;
 * an explicit unknown, with its reason and location, wherever djship cannot know.
 */
export class Interpreter implements Host {
  readonly modules = new Map<string, ModuleRecord>();
  readonly externalCalls: ExternalCall[] = [];
  readonly possibleErrors: PossibleError[] = [];
  readonly importCycles: string[][] = [];
  /** Files run into a namespace by exec-style includes (django-split-settings), relative to the root. */
  readonly includedFiles: string[] = [];
  /** What djship could not follow, where, and why: never the project's fault. */
  readonly unreadable: Unreadable[] = [];
  private readonly importStack: string[] = [];
  readonly builtins: Map<string, Value>;
  private readonly nativeModules = new Map<string, Value>();
  private steps = 0;
  private callerFrame: Frame | undefined;
  private readonly definingClass = new WeakMap<Value, ClassValue>();
  /** The members of each enumeration the settings define, in definition order. */
  private readonly enumMembers = new WeakMap<ClassValue, ObjectValue[]>();
  /** When evaluation must stop; pushed back by the time spent reading and parsing files, which their size cap bounds. */
  private deadline: number;
  private callDepth = 0;
  private forkDepth = 0;
  /** Per module namespace, the first calls of packages djship does not read made there for their effect alone. */
  private readonly definingCalls = new WeakMap<Namespace, string[]>();
  /** Each class's docstring, its __doc__. */
  private readonly classDocs = new WeakMap<ClassValue, Value>();
  /** The exceptions whose `except` clauses are running, innermost last: what a bare `raise` re-raises. */
  private readonly handling: PyRaise[] = [];
  /** Undecidable conditions met so far: a loop that meets them may never be decided to end. */
  private forks = 0;
  private currentEnv: EnvState;

  constructor(
    readonly source: ModuleSource,
    env: EnvState,
    readonly djangoVersion: string,
    readonly budget: EvaluationBudget = DEFAULT_BUDGET,
    /** The libraries modelled natively instead of read: os, django-environ, decouple... */
    readonly libraries: LibraryRegistry = DEFAULT_LIBRARIES,
  ) {
    this.currentEnv = env;
    this.deadline = Date.now() + budget.maxMillis;
    this.builtins = builtinFunctions(this);
    for (const [name, value] of this.scopeBuiltins()) this.builtins.set(name, value);
  }

  /** Builtins that need the interpreter's own state: the calling scope, the running method. */
  private scopeBuiltins(): [string, Value][] {
    const caller = (): Frame => {
      if (!this.callerFrame) throw new Error("a scope builtin called outside any frame");
      return this.callerFrame;
    };
    const localScope = (frame: Frame) => frame.locals ?? frame.globals;
    // object's own slot methods, which a class that overrides __setattr__/__getattr__ calls to
    // store and read without recursing (werkzeug's Local and its imitations).
    const objectMethods = new Map<string, Value>([
      [
        "__setattr__",
        native("object.__setattr__", ({ args, origin }) => {
          const name = known(args[1] ?? NONE);
          if (name.kind !== "str") return raise("TypeError", "attribute name must be string", origin);
          this.setAttributeOn(args[0] ?? NONE, name.value, args[2] ?? NONE, origin, true);
          return NONE;
        }),
      ],
      [
        "__getattribute__",
        native("object.__getattribute__", ({ args, origin }) => {
          const name = known(args[1] ?? NONE);
          if (name.kind !== "str") return raise("TypeError", "attribute name must be string", origin);
          const target = args[0] ?? NONE;
          const found = this.attributeOrUndefined(target, name.value, origin, true);
          return found ?? raise("AttributeError", `'${typeName(target)}' object has no attribute '${name.value}'`, origin);
        }),
      ],
      [
        "__delattr__",
        native("object.__delattr__", ({ args }) => {
          const target = args[0];
          const name = known(args[1] ?? NONE);
          if (target?.kind === "object" && name.kind === "str") target.attributes.delete(name.value);
          return NONE;
        }),
      ],
      ["__init__", native("object.__init__", () => NONE)],
    ]);
    return [
      [
        "object",
        native("object", () => ({ kind: "object", type: "builtins.object", attributes: new Map() }), { attributes: objectMethods }),
      ],
      // globals() is the module's namespace itself: writes through it define settings.
      ["globals", native("globals", () => namespaceObject(caller().globals))],
      ["locals", native("locals", () => namespaceObject(localScope(caller())))],
      [
        "vars",
        native("vars", ({ args, origin }) => {
          if (args.length === 0) return namespaceObject(localScope(caller()));
          const target = known(args[0] as Value);
          if (target.kind === "module") return namespaceObject(target.namespace);
          if (target.kind === "class") return this.classDict(target);
          if (target.kind === "object" && target.cls) return dict([...target.attributes].map(([k, v]) => [str(k), v] as const));
          return raise("TypeError", "vars() argument must have __dict__ attribute", origin);
        }),
      ],
      [
        "dir",
        native("dir", ({ args }) => {
          const names = (): string[] => {
            if (args.length === 0) return [...localScope(caller()).keys()];
            const target = known(args[0] as Value);
            if (target.kind === "module") return [...target.namespace.keys()];
            if (target.kind === "class") return classAttributeNames(target);
            if (target.kind === "object" && target.cls)
              return [...new Set([...target.attributes.keys(), ...classAttributeNames(target.cls)])];
            throw new Indeterminate(unknown(`dir() of a ${typeName(target)}, which djship does not list`));
          };
          return list(
            names()
              .filter((n) => n !== DYNAMIC_ASSIGNMENT && !n.startsWith("__star_import__"))
              .sort()
              .map((n) => str(n)),
          );
        }),
      ],
      [
        "super",
        native("super", ({ args, origin }) => {
          const frame = caller();
          const start = args[0] ?? (frame.function ? this.definingClass.get(frame.function) : undefined);
          const self = args[1] ?? frame.firstArgument;
          if (start?.kind !== "class" || !self) return unknown("super() outside a method djship can follow", origin);
          return { kind: "object", type: "builtins.super", attributes: new Map(), native: { start, self } };
        }),
      ],
      [
        "exec",
        native("exec", ({ args, origin }) => {
          const frame = caller();
          const code = args[0] ?? NONE;
          const target = args[1];
          const namespace =
            target?.kind === "object" && target.type === "python.namespace"
              ? (target.native as Namespace)
              : target
                ? undefined
                : frame.globals;
          if (code.kind !== "str" || !namespace) {
            throw new CannotRead(
              `the code passed to exec() (${code.kind === "str" ? "run in a namespace djship does not follow" : "not known before run time"})`,
              origin,
            );
          }
          const file = this.source.parseSnippet(code.value);
          const first = file.syntaxErrors[0];
          if (first) raise("SyntaxError", first.message, origin);
          this.execBlock(file.root, { ...frame, globals: namespace, locals: target ? undefined : frame.locals });
          return NONE;
        }),
      ],
      [
        "type",
        native("type", ({ args, origin }) => {
          if (args.length !== 1) return unknown("type() with three arguments is not evaluated", origin);
          const value = known(args[0] as Value);
          if (value.kind === "exception")
            return this.builtins.get(value.exceptionClass.name) ?? unknown("an exception class djship does not name", origin);
          if (value.kind === "object" && value.cls) return value.cls;
          const builtin = this.builtins.get(typeName(value));
          if (builtin?.kind === "native" && BUILTIN_TYPES.has(builtin.name)) return builtin;
          return unknown(`the type of a ${typeName(value)}`, origin);
        }),
      ],
      ["classmethod", native("classmethod", ({ args }) => descriptor("classmethod", args[0] ?? NONE))],
      ["staticmethod", native("staticmethod", ({ args }) => descriptor("staticmethod", args[0] ?? NONE))],
      ["property", native("property", ({ args, kwargs }) => descriptor("property", args[0] ?? kwargs.get("fget") ?? NONE))],
    ];
  }

  /** What looking up an attribute found on a class gives: methods bound, descriptors applied. */
  private bindAttribute(value: Value, cls: ClassValue, instance: ObjectValue | undefined): Value {
    const wrapped = descriptorOf(value);
    const bound = (fn: Value, self: Value): Value =>
      native(fn.kind === "function" || fn.kind === "native" ? fn.name : "method", (call) =>
        this.call(fn, [self, ...call.args], call.kwargs, call.origin),
      );
    if (wrapped?.kind === "classmethod") return bound(wrapped.fn, instance?.cls ?? cls);
    if (wrapped?.kind === "staticmethod") return wrapped.fn;
    if (wrapped?.kind === "property") {
      if (!instance) return value;
      return this.call(wrapped.fn, [instance], new Map(), { file: "", line: 0, column: 0 });
    }
    if (instance && value.kind === "function") return bound(value, instance);
    return value;
  }

  private superAttribute(proxy: ObjectValue, name: string, origin: Origin): Value | undefined {
    const { start, self } = proxy.native as { start: ClassValue; self: Value };
    const cls = self.kind === "class" ? self : self.kind === "object" ? self.cls : undefined;
    if (!cls) return unknown("super() of a value djship cannot follow", origin);
    const found = lookupInClass(cls, name, start);
    if (found) return this.bindAttribute(found.value, cls, self.kind === "object" ? self : undefined);
    if (hasOpaqueBase(cls)) return unknown(`super().${name}, perhaps from a base class djship does not read`, origin);
    return undefined;
  }

  /** A class's own attributes, as `vars(Cls)` and `Cls.__dict__` give them. */
  private classDict(cls: ClassValue): Value {
    return dict([...cls.attributes].map(([k, v]) => [str(k), v] as const));
  }

  get env(): EnvState {
    return this.currentEnv;
  }

  get importRoots(): readonly string[] {
    return this.source.importRoots;
  }

  get cwd(): string {
    return this.source.importRoots[0] ?? this.source.displayRoot;
  }

  isFile(absolutePath: string): boolean | undefined {
    return this.source.isFile(absolutePath);
  }

  isDirectory(absolutePath: string): boolean | undefined {
    return this.source.isDirectory(absolutePath);
  }

  readText(absolutePath: string): string | undefined {
    return this.source.readText(absolutePath);
  }

  /**
   * A file as the source loads it. The time budget is for evaluation: a large settings file (a
   * generated host list of several megabytes) takes seconds to parse, which its size cap bounds.
   */
  private loadPython(absolutePath: string): ReturnType<ModuleSource["loadPython"]> {
    const started = Date.now();
    const loaded = this.source.loadPython(absolutePath);
    this.deadline += Date.now() - started;
    return loaded;
  }

  absoluteFile(origin: Origin): string {
    return `${this.source.displayRoot}/${origin.file}`;
  }

  callerGlobals(): Namespace {
    if (!this.callerFrame) throw new Error("callerGlobals() outside any frame");
    return this.callerFrame.globals;
  }

  execFile(absolutePath: string, namespace: Namespace, origin: Origin): void {
    const loaded = this.loadPython(absolutePath);
    if (!loaded.ok && loaded.unreadable) throw new CannotRead(`${this.source.relative(absolutePath)}: ${loaded.message}`, origin);
    if (!loaded.ok) raise("SyntaxError", `${this.source.relative(absolutePath)}: ${loaded.message}`, origin);
    const file = loaded.file;
    refusePython2(file);
    const first = file.syntaxErrors[0];
    if (first) raise("SyntaxError", first.message, { file: file.path, line: first.line, column: first.column });
    if (!this.includedFiles.includes(file.path)) this.includedFiles.push(file.path);
    const caller = this.callerFrame;
    const module = [...this.modules.values()].find((m) => m.namespace === namespace) ?? caller?.module;
    if (!module) throw new Error("execFile() without a module to run in");
    const frame: Frame = {
      module,
      globals: namespace,
      locals: undefined,
      enclosing: [],
      globalNames: new Set(),
      pendingReturns: undefined,
      importGuards: 0,
    };
    this.execBlock(file.root, frame);
  }

  glob(absolutePattern: string): string[] {
    return globFiles(this.source, absolutePattern);
  }

  noteExternalCall(name: string, call: NativeCallArgs): void {
    if (this.externalCalls.length < 1000) {
      this.externalCalls.push({ name, origin: call.origin, args: call.args, kwargs: call.kwargs });
    }
  }

  // ---------------------------------------------------------------- modules

  /** Imports a module by its absolute dotted name, executing it once, as Python's import does. */
  importModule(name: string, origin: Origin, guarded = false): ModuleRecord | Value {
    const cached = this.modules.get(name);
    if (cached) {
      if (cached.executing && this.importStack.includes(name)) {
        this.importCycles.push([...this.importStack.slice(this.importStack.indexOf(name)), name]);
      }
      return cached;
    }
    const root = name.split(".")[0] as string;
    let located = this.locateModule(name);
    if (!located && name.includes(".") && this.locateModule(name.slice(0, name.lastIndexOf(".")))) {
      // The parent package runs first, and may extend its __path__ to where this submodule is.
      const parent = this.importModule(name.slice(0, name.lastIndexOf(".")), origin, guarded);
      const again = this.modules.get(name);
      if (again) return again;
      if ("namespace" in parent) located = this.locateModule(name);
    }
    if (!located) {
      const parentLocated = root !== name && this.locateModule(root);
      if (this.libraries.has(root) && !parentLocated) return this.nativeModuleValue(name, origin);
      // A module of the project's own packages that is not there, or a guarded optional import of
      // what looks like a local settings module (`try: from local_settings import *`): Python raises
      // ModuleNotFoundError. A guarded import of anything else is a package assumed installed.
      if (parentLocated || (guarded && LOCAL_MODULE.test(name)) || this.locateModule(root)) {
        raise("ModuleNotFoundError", `No module named '${name}'`, origin);
      }
      // Anything else is an installed package djship does not read.
      return { kind: "external", name };
    }
    if (name.includes(".")) {
      const parentName = name.slice(0, name.lastIndexOf("."));
      const parent = this.importModule(parentName, origin, guarded);
      if (!("namespace" in parent)) return { kind: "external", name };
      const again = this.modules.get(name);
      if (again) return again;
    }
    return this.executeModule(name, located, origin);
  }

  private locateModule(name: string): { path: string; isPackage: boolean } | undefined {
    const relative = name.split(".").join("/");
    for (const root of this.source.importRoots) {
      const packageInit = `${root}/${relative}/__init__.py`;
      if (this.source.isFile(packageInit)) return { path: packageInit, isPackage: true };
      const moduleFile = `${root}/${relative}.py`;
      if (this.source.isFile(moduleFile)) return { path: moduleFile, isPackage: false };
    }
    for (const root of this.source.importRoots) {
      // A folder without __init__.py is a namespace package (PEP 420).
      if (this.source.isDirectory(`${root}/${relative}`)) return { path: `${root}/${relative}/`, isPackage: true };
    }
    // A package may have extended its __path__ (pkgutil.extend_path, or by hand): its submodules are looked for there too.
    const dot = name.lastIndexOf(".");
    const parentPath = dot > 0 ? this.modules.get(name.slice(0, dot))?.namespace.get("__path__")?.value : undefined;
    if (parentPath?.kind === "list") {
      const child = name.slice(dot + 1);
      for (const item of parentPath.items) {
        if (item.kind !== "str") continue;
        const folder = posix.normalize(item.value).replace(/\/+$/, "");
        if (this.source.isFile(`${folder}/${child}/__init__.py`)) return { path: `${folder}/${child}/__init__.py`, isPackage: true };
        if (this.source.isFile(`${folder}/${child}.py`)) return { path: `${folder}/${child}.py`, isPackage: false };
      }
    }
    return undefined;
  }

  private executeModule(name: string, located: { path: string; isPackage: boolean }, _origin: Origin): ModuleRecord {
    const namespace: Namespace = new Map();
    const isNamespacePackage = located.path.endsWith("/");
    let file: PyFile;
    if (isNamespacePackage) {
      file = this.source.parseSnippet("");
    } else {
      const loaded = this.loadPython(located.path);
      if (!loaded.ok && loaded.unreadable) {
        throw new CannotRead(`${this.source.relative(located.path)}: ${loaded.message}`, _origin);
      }
      if (!loaded.ok) {
        throw new PyRaise(
          makeException("SyntaxError", `${this.source.relative(located.path)}: ${loaded.message}`),
          { file: this.source.relative(located.path), line: loaded.line ?? 1, column: 1 },
          "syntax",
        );
      }
      file = loaded.file;
      refusePython2(file);
      const first = file.syntaxErrors[0];
      if (first) {
        throw new PyRaise(
          makeException("SyntaxError", first.message),
          { file: file.path, line: first.line, column: first.column },
          "syntax",
        );
      }
    }
    const record: ModuleRecord = {
      name,
      absolutePath: located.path,
      file,
      namespace,
      isPackage: located.isPackage,
      executing: true,
    };
    const moduleOrigin = { file: file.path, line: 1, column: 1 };
    namespace.set("__name__", { value: str(name), origin: null });
    namespace.set("__file__", { value: isNamespacePackage ? NONE : str(located.path), origin: null });
    namespace.set("__package__", {
      value: str(located.isPackage ? name : name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : ""),
      origin: null,
    });
    namespace.set("__doc__", { value: docstringOf(file.root), origin: null });
    if (located.isPackage) {
      // A package's __path__: the folder its submodules are found in.
      const folder = isNamespacePackage ? located.path.slice(0, -1) : located.path.slice(0, located.path.lastIndexOf("/"));
      namespace.set("__path__", { value: list([str(folder)]), origin: null });
    }
    this.modules.set(name, record);
    this.importStack.push(name);
    try {
      const frame: Frame = {
        module: record,
        globals: namespace,
        locals: undefined,
        enclosing: [],
        globalNames: new Set(),
        pendingReturns: undefined,
        importGuards: 0,
      };
      this.execBlock(file.root, frame);
    } catch (error) {
      // Python drops a module whose execution failed from sys.modules.
      this.modules.delete(name);
      if (error instanceof ReturnSignal || error instanceof BreakSignal || error instanceof ContinueSignal) {
        raise("SyntaxError", "'return' outside function", moduleOrigin);
      }
      throw error;
    } finally {
      this.importStack.pop();
      record.executing = false;
    }
    // Python binds a submodule as an attribute of its parent package once it is imported.
    if (name.includes(".")) {
      const parent = this.modules.get(name.slice(0, name.lastIndexOf(".")));
      const child = name.slice(name.lastIndexOf(".") + 1);
      if (parent && !parent.namespace.has(child)) {
        parent.namespace.set(child, { value: moduleValue(record), origin: null });
      }
    }
    return record;
  }

  private nativeModuleValue(name: string, origin: Origin): Value {
    const cached = this.nativeModules.get(name);
    if (cached) return cached;
    const made = this.libraries.module(name, this, origin) ?? { kind: "external", name };
    this.nativeModules.set(name, made);
    return made;
  }

  // ---------------------------------------------------------------- statements

  private tick(node: PyNode): void {
    this.steps++;
    if (this.steps > this.budget.maxSteps) {
      throw new EvaluationLimit(`evaluation stopped after ${this.budget.maxSteps} steps at ${node.file.path}:${node.line}`);
    }
    if ((this.steps & 1023) === 0 && Date.now() > this.deadline) {
      throw new EvaluationLimit(`evaluation stopped after ${this.budget.maxMillis} ms at ${node.file.path}:${node.line}`);
    }
  }

  private origin(node: PyNode): Origin {
    return { file: node.file.path, line: node.line, column: node.column };
  }

  private execBlock(block: PyNode, frame: Frame): void {
    for (const statement of namedChildren(block)) this.execStatement(statement, frame);
  }

  private execStatement(node: PyNode, frame: Frame): void {
    try {
      this.execStatementUnguarded(node, frame);
    } catch (error) {
      if (error instanceof CannotRead && !(error.escapesCalls && this.callDepth > 0)) {
        this.markUnread(node, frame, error);
        return;
      }
      if (!(error instanceof Indeterminate)) throw error;
      // A statement that needed a value djship cannot know: what it assigns becomes unknown.
      for (const target of assignmentTargets(node)) this.assignUnknown(target, frame, this.origin(node), error.value);
    }
  }

  /**
   * djship could not follow a statement: it is noted, what it binds becomes unknown, and when it
   * may have defined any name (an include, a star import) so may every setting not assigned after it.
   */
  private noteUnreadable(error: CannotRead): void {
    if (
      this.unreadable.length < 100 &&
      !this.unreadable.some((u) => u.reason === error.reason && u.origin.file === error.origin.file && u.origin.line === error.origin.line)
    ) {
      this.unreadable.push({ reason: error.reason, origin: error.origin });
    }
  }

  private markUnread(node: PyNode, frame: Frame, error: CannotRead): void {
    this.noteUnreadable(error);
    const origin = this.origin(node);
    const why = unknown(`djship could not read ${error.reason}`, error.origin);
    const targets = assignmentTargets(node);
    for (const target of targets) this.assignUnknown(target, frame, origin, why);
    if (node.type === "import_from_statement" && !node.children.some((c) => c.type === "wildcard_import")) {
      for (const item of fieldsOf(node, "name")) {
        const alias = item.type === "aliased_import" ? fieldOf(item, "alias") : item;
        if (alias) this.bind(frame, textOf(alias), why, origin);
      }
      return;
    }
    if (node.type === "import_statement") {
      for (const item of fieldsOf(node, "name")) {
        const alias = item.type === "aliased_import" ? fieldOf(item, "alias") : item;
        if (alias) this.bind(frame, textOf(alias).split(".")[0] as string, why, origin);
      }
      return;
    }
    if (targets.length > 0) return;
    const scope = frame.locals ?? frame.globals;
    for (const [name, binding] of scope) {
      if (name === name.toUpperCase() && name !== name.toLowerCase()) scope.set(name, { value: why, origin: binding.origin });
    }
    scope.set(DYNAMIC_ASSIGNMENT, { value: why, origin });
  }

  private execStatementUnguarded(node: PyNode, frame: Frame): void {
    this.tick(node);
    switch (node.type) {
      case "expression_statement":
        for (const child of namedChildren(node)) {
          if (child.type === "assignment") this.execAssignment(child, frame, node);
          else if (child.type === "augmented_assignment") this.execAugmented(child, frame);
          else {
            const before = this.externalCalls.length;
            this.evaluate(child, frame);
            const call = this.externalCalls[this.externalCalls.length - 1];
            // A module-level call of a package djship does not read, for its effect alone, may
            // define names in the module (mitol's import_settings_modules writes the caller's globals).
            if (child.type === "call" && !frame.locals && call && this.externalCalls.length > before) {
              const calls = this.definingCalls.get(frame.globals) ?? [];
              if (calls.length < 3 && !calls.includes(call.name)) calls.push(call.name);
              this.definingCalls.set(frame.globals, calls);
            }
          }
        }
        return;
      case "import_statement":
        this.execImport(node, frame);
        return;
      case "import_from_statement":
        this.execImportFrom(node, frame);
        return;
      case "future_import_statement":
      case "pass_statement":
      case "comment":
      case "type_alias_statement":
      case "nonlocal_statement":
        return;
      case "if_statement":
        this.execIf(node, frame);
        return;
      case "try_statement":
        this.execTry(node, frame);
        return;
      case "with_statement":
        this.execWith(node, frame);
        return;
      case "for_statement":
        this.execFor(node, frame);
        return;
      case "while_statement":
        this.execWhile(node, frame);
        return;
      case "function_definition":
        this.bind(frame, textOf(fieldOf(node, "name") as PyNode), this.makeFunction(node, frame), this.origin(node));
        return;
      case "decorated_definition":
        this.execDecorated(node, frame);
        return;
      case "class_definition":
        this.execClass(node, frame);
        return;
      case "return_statement": {
        const expression = namedChildren(node)[0];
        throw new ReturnSignal(expression ? this.evaluate(expression, frame) : NONE, this.origin(node));
      }
      case "raise_statement":
        this.execRaise(node, frame);
        return;
      case "break_statement":
        throw new BreakSignal();
      case "continue_statement":
        throw new ContinueSignal();
      case "global_statement":
        for (const name of namedChildren(node)) frame.globalNames.add(textOf(name));
        return;
      case "delete_statement":
        this.execDelete(node, frame);
        return;
      case "assert_statement": {
        const [test, message] = namedChildren(node);
        if (!test) return;
        const outcome = truthy(this.evaluate(test, frame));
        if (outcome === false) {
          raise("AssertionError", message ? (pyStr(this.evaluate(message, frame)) ?? "") : "", this.origin(node));
        }
        return;
      }
      case "match_statement":
        this.execMatch(node, frame);
        return;
      case "ERROR":
        raise("SyntaxError", "invalid syntax", this.origin(node));
        return;
      default:
        // print/exec statements and anything unknown were already syntax errors at import.
        return;
    }
  }

  private bind(frame: Frame, name: string, value: Value, origin: Origin | null): void {
    const scope = frame.locals && !frame.globalNames.has(name) ? frame.locals : frame.globals;
    scope.set(name, { value, origin });
  }

  private lookup(frame: Frame, name: string, node: PyNode): Binding {
    if (frame.locals && !frame.globalNames.has(name)) {
      const local = frame.locals.get(name);
      if (local) return local;
    }
    for (const scope of frame.enclosing) {
      const found = scope.get(name);
      if (found) return found;
    }
    const global = frame.globals.get(name);
    if (global) return global;
    const builtin = this.builtins.get(name);
    if (builtin) return { value: builtin, origin: null };
    // `from some_package import *` may have defined it: djship cannot list a package's names.
    const starred = [...frame.globals.keys()].find((key) => key.startsWith("__star_import__"));
    if (starred) return { value: unknown(`${name}, perhaps from \`from ${starred.slice(15)} import *\``, this.origin(node)), origin: null };
    const definers = this.definingCalls.get(frame.globals);
    if (definers) {
      const calls = definers.map((d) => `${d}()`).join(" or ");
      const reason = `${name}, which no code djship reads defines (perhaps ${calls} does, which djship does not evaluate)`;
      // Not noted for CFG105: `except (OSError, json.JSONDecodeError)` is looked at before its
      // try body imports json; the settings that depend on the name carry the reason.
      return { value: unknown(reason, this.origin(node)), origin: null };
    }
    return raise("NameError", `name '${name}' is not defined`, this.origin(node));
  }

  private execAssignment(node: PyNode, frame: Frame, statement: PyNode): void {
    const targets: PyNode[] = [];
    let current: PyNode | undefined = node;
    let valueNode: PyNode | undefined;
    // a = b = value: targets left to right, value evaluated once.
    while (current && current.type === "assignment") {
      const left = fieldOf(current, "left");
      if (left) targets.push(left);
      valueNode = fieldOf(current, "right");
      current = valueNode;
    }
    if (!valueNode) return; // an annotation without a value binds nothing
    const value = this.evaluate(valueNode, frame);
    const origin = this.origin(statement);
    for (const target of targets) this.assign(target, value, frame, origin);
  }

  private assign(target: PyNode, value: Value, frame: Frame, origin: Origin): void {
    switch (target.type) {
      case "identifier":
        this.bind(frame, textOf(target), value, origin);
        return;
      case "attribute": {
        const object = this.evaluate(fieldOf(target, "object") as PyNode, frame);
        const name = textOf(fieldOf(target, "attribute") as PyNode);
        this.setAttributeOn(object, name, value, origin);
        return;
      }
      case "subscript": {
        const container = this.evaluate(fieldOf(target, "value") as PyNode, frame);
        const keys = fieldsOf(target, "subscript");
        const key = keys.length === 1 ? this.evaluate(keys[0] as PyNode, frame) : tuple(keys.map((k) => this.evaluate(k, frame)));
        if (container.kind === "object") {
          const setter = this.attributeOrUndefined(container, "__setitem__", origin);
          if (!setter) raise("TypeError", `'${typeName(container)}' object does not support item assignment`, origin);
          this.call(setter as Value, [key, value], new Map(), origin);
          return;
        }
        try {
          setItem(container, key, value, origin);
        } catch (error) {
          if (!(error instanceof Indeterminate)) throw error;
          // `out[key] = v` with a key djship cannot know: what the container holds is unknown now.
          const holder = fieldOf(target, "value") as PyNode;
          if (holder.type === "identifier")
            this.bind(frame, textOf(holder), unknownFrom(error.value, "a container given an item djship cannot know", origin), origin);
        }
        return;
      }
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "tuple":
      case "list":
      case "expression_list":
        this.assignUnpacking(namedChildren(target), value, frame, origin);
        return;
      case "parenthesized_expression": {
        const inner = namedChildren(target)[0];
        if (inner) this.assign(inner, value, frame, origin);
        return;
      }
      default:
        raise("SyntaxError", `cannot assign to ${target.type.replace(/_/g, " ")}`, origin);
    }
  }

  private assignUnpacking(targets: PyNode[], value: Value, frame: Frame, origin: Origin): void {
    let items: readonly Value[];
    try {
      items = this.iterate(value, origin);
    } catch (error) {
      if (!(error instanceof Indeterminate)) throw error;
      for (const target of targets) this.assignUnknown(target, frame, origin, error.value);
      return;
    }
    const starIndex = targets.findIndex((t) => t.type === "list_splat_pattern");
    if (starIndex < 0) {
      if (items.length !== targets.length) {
        raise(
          "ValueError",
          items.length > targets.length
            ? `too many values to unpack (expected ${targets.length})`
            : `not enough values to unpack (expected ${targets.length}, got ${items.length})`,
          origin,
        );
      }
      targets.forEach((target, i) => {
        this.assign(target, items[i] as Value, frame, origin);
      });
      return;
    }
    const after = targets.length - starIndex - 1;
    if (items.length < targets.length - 1) {
      raise("ValueError", `not enough values to unpack (expected at least ${targets.length - 1}, got ${items.length})`, origin);
    }
    targets.forEach((target, i) => {
      if (i < starIndex) this.assign(target, items[i] as Value, frame, origin);
      else if (i === starIndex) {
        const inner = namedChildren(target)[0];
        if (inner) this.assign(inner, list(items.slice(starIndex, items.length - after)), frame, origin);
      } else this.assign(target, items[items.length - (targets.length - i)] as Value, frame, origin);
    });
  }

  private assignUnknown(target: PyNode, frame: Frame, origin: Origin, why: Value): void {
    const value = why.kind === "unknown" ? why : unknown("unpacked from a value djship cannot know", origin, collectDeps(why));
    if (target.type === "identifier") this.bind(frame, textOf(target), value, origin);
    else if (target.type === "list_splat_pattern") {
      const inner = namedChildren(target)[0];
      if (inner) this.assignUnknown(inner, frame, origin, why);
    } else if (["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"].includes(target.type)) {
      for (const child of namedChildren(target)) this.assignUnknown(child, frame, origin, why);
    }
  }

  private setAttributeOn(object: Value, name: string, value: Value, origin: Origin, raw = false): void {
    if (!raw && object.kind === "object" && object.cls) {
      // A class's own __setattr__ decides where `obj.name = value` goes.
      const setter = lookupInClass(object.cls, "__setattr__");
      if (setter?.value.kind === "function") {
        this.call(setter.value, [object, str(name), value], new Map(), origin);
        return;
      }
    }
    switch (object.kind) {
      case "module":
        object.namespace.set(name, { value, origin });
        return;
      case "object":
      case "class":
        object.attributes.set(name, value);
        return;
      case "function":
      case "native":
        // f.__doc__ = ...: nothing a setting depends on.
        return;
      case "unknown":
      case "external":
      case "alternatives":
        return;
      default:
        raise("AttributeError", `'${typeName(object)}' object has no attribute '${name}'`, origin);
    }
  }

  private execAugmented(node: PyNode, frame: Frame): void {
    const target = fieldOf(node, "left") as PyNode;
    const operatorNode = fieldOf(node, "operator");
    const op = operatorNode ? textOf(operatorNode).replace("=", "") : "+";
    const right = this.evaluate(fieldOf(node, "right") as PyNode, frame);
    const current = this.evaluate(target, frame);
    const origin = this.origin(node);
    // Lists, dicts and sets change in place (__iadd__, __ior__): every name bound to them sees it.
    if (current.kind === "alternatives") {
      // Each path's value grows (or combines) on its own: `INSTALLED_APPS += (...)` after an `if` that may have appended.
      const grown = new Set<Value>();
      const each = this.lift(
        [current, right],
        ([l, r]) => {
          // Two paths may hold the same list: it grows once.
          if (grown.has(l as Value)) return l as Value;
          const result = this.augmentedOperation(op, l as Value, r as Value, origin);
          if (result === l) grown.add(result);
          return result;
        },
        origin,
      );
      this.assign(target, each, frame, origin);
      return;
    }
    const inPlace = this.guardValue(() => this.inPlaceOperation(op, known(current), known(right), origin), origin);
    if (inPlace && inPlace.kind !== "unknown") {
      if (inPlace !== current) this.assign(target, inPlace, frame, this.bindingOrigin(target, frame) ?? origin);
      return;
    }
    const result = this.binary(op, current, right, origin);
    // The assignment that built the value stays its origin when only its contents grew.
    this.assign(target, result, frame, origin);
  }

  /** `left op= right` on known values: in place where Python's __iadd__/__ior__ is, the binary operator otherwise. */
  private augmentedOperation(op: string, left: Value, right: Value, origin: Origin): Value {
    return this.inPlaceOperation(op, known(left), known(right), origin) ?? this.operate(op, left, right, origin);
  }

  /** list += any iterable, dict |= dict, set |= iterable: the left operand itself, grown; undefined when not in place. */
  private inPlaceOperation(op: string, left: Value, right: Value, origin: Origin): Value | undefined {
    if (left.kind === "list" && op === "+") {
      left.items.push(...this.iterate(right, origin));
      return left;
    }
    if (left.kind === "dict" && op === "|" && right.kind === "dict") {
      for (const [hash, entry] of right.entries) left.entries.set(hash, entry);
      return left;
    }
    if (left.kind === "set" && op === "|") {
      const merged = setOf([...left.items, ...this.iterate(right, origin)], origin);
      if (merged.kind === "set") left.items = merged.items;
      return left;
    }
    return undefined;
  }

  private bindingOrigin(target: PyNode, frame: Frame): Origin | null | undefined {
    if (target.type !== "identifier") return undefined;
    try {
      return this.lookup(frame, textOf(target), target).origin;
    } catch {
      return undefined;
    }
  }

  private execDelete(node: PyNode, frame: Frame): void {
    const targets = namedChildren(node).flatMap((child) => (child.type === "expression_list" ? namedChildren(child) : [child]));
    for (const target of targets) {
      if (target.type === "identifier") {
        const name = textOf(target);
        const scope = frame.locals && !frame.globalNames.has(name) ? frame.locals : frame.globals;
        if (!scope.delete(name)) raise("NameError", `name '${name}' is not defined`, this.origin(target));
      } else if (target.type === "subscript") {
        const container = this.evaluate(fieldOf(target, "value") as PyNode, frame);
        const keyNode = fieldsOf(target, "subscript")[0];
        if (!keyNode) continue;
        const key = this.evaluate(keyNode, frame);
        this.guard(() => {
          const c = known(container);
          if (c.kind === "dict") {
            subscriptValue(c, key, this.origin(target));
            c.entries.delete(String(hashKeyOf(known(key))));
          } else if (c.kind === "list") {
            const index = known(key);
            if (index.kind === "int") c.items.splice(index.value < 0 ? c.items.length + index.value : index.value, 1);
          }
        });
      }
    }
  }

  // ---------------------------------------------------------------- imports

  private execImport(node: PyNode, frame: Frame): void {
    for (const item of fieldsOf(node, "name")) {
      const origin = this.origin(node);
      if (item.type === "aliased_import") {
        const dotted = textOf(fieldOf(item, "name") as PyNode).replace(/\s+/g, "");
        const alias = textOf(fieldOf(item, "alias") as PyNode);
        this.bind(frame, alias, this.importValue(dotted, origin, frame), origin);
      } else {
        const dotted = textOf(item).replace(/\s+/g, "");
        const top = dotted.split(".")[0] as string;
        // `import a.b.c` imports all three and binds `a`.
        this.importValue(dotted, origin, frame);
        this.bind(frame, top, this.importValue(top, origin, frame), origin);
      }
    }
  }

  /** importlib.import_module(name) with an absolute name: the module, imported as an import statement would. */
  importByName(name: string, origin: Origin): Value {
    const imported = this.importModule(name, origin, (this.callerFrame?.importGuards ?? 0) > 0);
    return "namespace" in imported && "file" in imported ? moduleValue(imported as ModuleRecord) : (imported as Value);
  }

  private importValue(dotted: string, origin: Origin, frame: Frame): Value {
    const imported = this.importModule(dotted, origin, frame.importGuards > 0);
    return "namespace" in imported && "file" in imported ? moduleValue(imported as ModuleRecord) : (imported as Value);
  }

  private resolveRelative(moduleNode: PyNode, frame: Frame): string {
    if (moduleNode.type !== "relative_import") return textOf(moduleNode).replace(/\s+/g, "");
    const prefix = moduleNode.children.find((c) => c.type === "import_prefix");
    const dots = prefix ? textOf(prefix).length : 0;
    const dotted = moduleNode.children.find((c) => c.type === "dotted_name");
    const record = frame.module;
    let base = record.isPackage ? record.name : record.name.slice(0, Math.max(0, record.name.lastIndexOf(".")));
    for (let i = 1; i < dots; i++) {
      if (!base) break;
      base = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : "";
    }
    if (!base && dots > 0) {
      raise("ImportError", "attempted relative import with no known parent package", this.origin(moduleNode));
    }
    const rest = dotted ? textOf(dotted).replace(/\s+/g, "") : "";
    return base && rest ? `${base}.${rest}` : base || rest;
  }

  private execImportFrom(node: PyNode, frame: Frame): void {
    const origin = this.origin(node);
    const moduleNode = fieldOf(node, "module_name") as PyNode;
    const moduleName = this.resolveRelative(moduleNode, frame);
    const imported = this.importValue(moduleName, origin, frame);
    const wildcard = node.children.some((c) => c.type === "wildcard_import");
    if (wildcard) {
      if (imported.kind !== "module") {
        if (imported.kind === "external") frame.globals.set(`__star_import__${moduleName}`, { value: imported, origin });
        return;
      }
      const all = imported.namespace.get("__all__");
      const names = all ? this.guardValue(() => list([...this.iterate(all.value, origin)]), origin) : undefined;
      if (names && names.kind === "list") {
        for (const item of names.items) {
          if (item.kind !== "str") continue;
          const binding = imported.namespace.get(item.value);
          if (binding) this.bind(frame, item.value, binding.value, binding.origin);
        }
      } else {
        for (const [name, binding] of imported.namespace) {
          if (!name.startsWith("_")) this.bind(frame, name, binding.value, binding.origin);
        }
      }
      return;
    }
    for (const item of fieldsOf(node, "name")) {
      const nameNode = item.type === "aliased_import" ? (fieldOf(item, "name") as PyNode) : item;
      const aliasNode = item.type === "aliased_import" ? fieldOf(item, "alias") : undefined;
      const name = textOf(nameNode);
      const bindAs = aliasNode ? textOf(aliasNode) : name;
      if (imported.kind === "module") {
        const binding = imported.namespace.get(name);
        if (binding) {
          this.bind(frame, bindAs, binding.value, binding.origin);
          continue;
        }
        // `from package import submodule`
        const submodule = this.importModule(`${moduleName}.${name}`, origin, true);
        if ("namespace" in submodule && "file" in submodule) {
          this.bind(frame, bindAs, moduleValue(submodule as ModuleRecord), origin);
          continue;
        }
        if (imported.isNative) {
          this.bind(frame, bindAs, { kind: "external", name: `${moduleName}.${name}` }, origin);
          continue;
        }
        raise("ImportError", `cannot import name '${name}' from '${moduleName}'`, origin);
      }
      this.bind(frame, bindAs, this.attribute(imported, name, origin), origin);
    }
  }

  // ---------------------------------------------------------------- control flow

  private execIf(node: PyNode, frame: Frame): void {
    const clauses: { condition: PyNode | undefined; body: PyNode }[] = [];
    clauses.push({ condition: fieldOf(node, "condition"), body: fieldOf(node, "consequence") as PyNode });
    for (const alternative of fieldsOf(node, "alternative")) {
      if (alternative.type === "elif_clause") {
        clauses.push({
          condition: fieldOf(alternative, "condition"),
          body: fieldOf(alternative, "consequence") as PyNode,
        });
      } else {
        clauses.push({ condition: undefined, body: fieldOf(alternative, "body") as PyNode });
      }
    }
    this.execClauses(clauses, 0, frame);
  }

  /** Runs the first clause whose condition holds; forks where a condition cannot be decided. */
  private execClauses(clauses: { condition: PyNode | undefined; body: PyNode }[], start: number, frame: Frame): void {
    for (let i = start; i < clauses.length; i++) {
      const clause = clauses[i] as { condition: PyNode | undefined; body: PyNode };
      if (!clause.condition) {
        this.execBlock(clause.body, frame);
        return;
      }
      const condition = this.evaluate(clause.condition, frame);
      const outcome = truthy(condition);
      if (outcome === true) {
        this.execBlock(clause.body, frame);
        return;
      }
      if (outcome === undefined) {
        const [bodyRaised, restRaised] = this.fork(
          frame,
          [() => this.execBlock(clause.body, frame), () => this.execClauses(clauses, i + 1, frame)],
          clause.condition,
          collectDeps(condition),
        );
        // `if len(SECRET_KEY) < 50: raise ...`: past the guard, only the values that pass it remain.
        if (bodyRaised && !restRaised) this.narrowByGuard(clause.condition, frame);
        return;
      }
    }
  }

  private execTry(node: PyNode, frame: Frame): void {
    const body = fieldOf(node, "body") as PyNode;
    const handlers = node.children.filter((c) => c.type === "except_clause");
    const elseClause = node.children.find((c) => c.type === "else_clause");
    const finallyClause = node.children.find((c) => c.type === "finally_clause");
    const guardsImport = handlers.some((handler) => this.handlerCatches(handler, frame, ["ImportError", "ModuleNotFoundError"]));
    try {
      let raised: PyRaise | undefined;
      if (guardsImport) frame.importGuards++;
      try {
        this.execBlock(body, frame);
      } catch (error) {
        if (!(error instanceof PyRaise)) throw error;
        raised = error;
      } finally {
        if (guardsImport) frame.importGuards--;
      }
      if (!raised) {
        if (elseClause) this.execBlock(fieldOf(elseClause, "body") as PyNode, frame);
        return;
      }
      for (const handler of handlers) {
        if (!this.handlerMatches(handler, raised, frame)) continue;
        const alias = exceptAlias(handler);
        if (alias) this.bind(frame, alias, raised.exception, this.origin(handler));
        const block = handler.children.find((c) => c.type === "block");
        this.handling.push(raised);
        try {
          if (block) this.execBlock(block, frame);
        } finally {
          this.handling.pop();
          // Python deletes the name when the handler ends (`del error`), so it never outlives the except clause.
          if (alias) (frame.locals && !frame.globalNames.has(alias) ? frame.locals : frame.globals).delete(alias);
        }
        return;
      }
      throw raised;
    } finally {
      if (finallyClause) {
        const block = finallyClause.children.find((c) => c.type === "block");
        if (block) this.execBlock(block, frame);
      }
    }
  }

  private exceptionNames(handler: PyNode, frame: Frame): string[] | "all" | undefined {
    const values = fieldsOf(handler, "value");
    if (values.length === 0) {
      // tree-sitter puts `except X as e` in one expression before 'as'.
      const expression = namedChildren(handler).find((c) => c.type !== "block" && c.field !== "alias");
      if (!expression) return "all";
      return this.exceptionNamesOf(expression, frame);
    }
    const names: string[] = [];
    for (const value of values) {
      const found = this.exceptionNamesOf(value, frame);
      if (found === undefined) return undefined;
      if (found === "all") return "all";
      names.push(...found);
    }
    return names;
  }

  private exceptionNamesOf(expression: PyNode, frame: Frame): string[] | "all" | undefined {
    if (expression.type === "as_pattern") {
      const inner = namedChildren(expression)[0];
      return inner ? this.exceptionNamesOf(inner, frame) : "all";
    }
    if (expression.type === "tuple" || expression.type === "parenthesized_expression") {
      const names: string[] = [];
      for (const child of namedChildren(expression)) {
        const found = this.exceptionNamesOf(child, frame);
        if (found === undefined || found === "all") return found;
        names.push(...found);
      }
      return names;
    }
    let value: Value;
    try {
      value = this.evaluate(expression, frame);
    } catch {
      return undefined;
    }
    const cls = exceptionClassOf(value);
    if (cls) return [cls.name];
    if (value.kind === "tuple") {
      const names: string[] = [];
      for (const item of value.items) {
        const itemClass = exceptionClassOf(item);
        if (!itemClass) return undefined;
        names.push(itemClass.name);
      }
      return names;
    }
    if (value.kind === "external") {
      const last = value.name.split(".").pop() ?? value.name;
      return isBuiltinException(last) ? [last] : undefined;
    }
    return undefined;
  }

  private handlerCatches(handler: PyNode, frame: Frame, names: string[]): boolean {
    const caught = this.exceptionNames(handler, frame);
    if (caught === "all") return true;
    if (!caught) return false;
    return caught.some((name) => names.includes(name) || name === "Exception" || name === "BaseException");
  }

  private handlerMatches(handler: PyNode, raised: PyRaise, frame: Frame): boolean {
    const caught = this.exceptionNames(handler, frame);
    if (caught === "all") return true;
    // An exception class djship cannot name: assume it catches, as code is written to.
    if (!caught) return true;
    return caught.some((name) => raised.isInstance(name));
  }

  private execWith(node: PyNode, frame: Frame): void {
    const clause = node.children.find((c) => c.type === "with_clause");
    const items = clause ? clause.children.filter((c) => c.type === "with_item") : [];
    const suppressed: string[] = [];
    for (const item of items) {
      const valueNode = fieldOf(item, "value");
      if (!valueNode) continue;
      let target: PyNode | undefined;
      let expression = valueNode;
      if (valueNode.type === "as_pattern") {
        expression = namedChildren(valueNode)[0] ?? valueNode;
        const aliasTarget = fieldOf(valueNode, "alias");
        target = aliasTarget ? namedChildren(aliasTarget)[0] : undefined;
      }
      const manager = this.evaluate(expression, frame);
      if (manager.kind === "object" && manager.type === "contextlib.suppress") {
        for (const name of (manager.native as string[] | undefined) ?? []) suppressed.push(name);
      }
      if (target) {
        const entered =
          manager.kind === "object" && manager.type === "contextlib.nullcontext"
            ? (manager.attributes.get("enter_result") ?? NONE)
            : unknown("the value a context manager returns on entry", this.origin(item));
        this.assign(target, entered, frame, this.origin(item));
      }
    }
    const body = fieldOf(node, "body") as PyNode;
    try {
      this.execBlock(body, frame);
    } catch (error) {
      if (error instanceof PyRaise && suppressed.some((name) => error.isInstance(name))) return;
      throw error;
    }
  }

  private execFor(node: PyNode, frame: Frame): void {
    const origin = this.origin(node);
    const target = fieldOf(node, "left") as PyNode;
    const iterable = this.evaluate(fieldOf(node, "right") as PyNode, frame);
    const body = fieldOf(node, "body") as PyNode;
    const elseClause = fieldOf(node, "alternative");
    let items: readonly Value[];
    try {
      items = this.iterate(iterable, origin);
    } catch (error) {
      if (!(error instanceof Indeterminate)) throw error;
      // Unknown iterations: the body may run or not; one run with unknown items stands for all.
      this.fork(
        frame,
        [
          () => {
            this.assignUnknown(target, frame, origin, error.value);
            this.runLoopBody(body, frame);
          },
          () => undefined,
        ],
        node,
      );
      return;
    }
    if (items.length > this.budget.maxLoopIterations) {
      throw new EvaluationLimit(`a loop of ${items.length} iterations at ${origin.file}:${origin.line}`);
    }
    for (const item of items) {
      this.assign(target, item, frame, origin);
      const signal = this.runLoopBody(body, frame);
      if (signal === "break") return;
    }
    if (elseClause) this.execBlock(fieldOf(elseClause, "body") as PyNode, frame);
  }

  private runLoopBody(body: PyNode, frame: Frame): "break" | "continue" | undefined {
    try {
      this.execBlock(body, frame);
      return undefined;
    } catch (error) {
      if (error instanceof BreakSignal) return "break";
      if (error instanceof ContinueSignal) return "continue";
      throw error;
    }
  }

  private execWhile(node: PyNode, frame: Frame): void {
    const condition = fieldOf(node, "condition") as PyNode;
    const body = fieldOf(node, "body") as PyNode;
    const forksBefore = this.forks;
    for (let i = 0; i < this.budget.maxLoopIterations; i++) {
      // `while True: data = f.read(4096); if not data: break`: each turn forks on what djship cannot
      // know, so the loop never ends here; what it computes is unknown, not the whole evaluation.
      if (i >= UNDECIDED_LOOP_TURNS && this.forks > forksBefore) {
        throw new CannotRead(
          `a while loop whose end depends on values djship cannot know at ${node.file.path}:${node.line}`,
          this.origin(node),
          true,
        );
      }
      const outcome = truthy(this.evaluate(condition, frame));
      if (outcome === false) {
        const elseClause = fieldOf(node, "alternative");
        if (elseClause) this.execBlock(fieldOf(elseClause, "body") as PyNode, frame);
        return;
      }
      if (outcome === undefined) {
        this.fork(frame, [() => this.runLoopBody(body, frame), () => undefined], condition);
        return;
      }
      if (this.runLoopBody(body, frame) === "break") return;
    }
    throw new EvaluationLimit(`a while loop ran past ${this.budget.maxLoopIterations} iterations at ${node.file.path}:${node.line}`);
  }

  private execMatch(node: PyNode, frame: Frame): void {
    const subjects = fieldsOf(node, "subject").map((s) => this.evaluate(s, frame));
    const subject = subjects.length === 1 ? (subjects[0] as Value) : tuple(subjects);
    const block = fieldOf(node, "body");
    const cases = block ? block.children.filter((c) => c.type === "case_clause") : [];
    const runCase = (index: number): void => {
      const clause = cases[index];
      if (!clause) return;
      const pattern = clause.children.find((c) => c.type === "case_pattern");
      const consequence = fieldOf(clause, "consequence") as PyNode;
      const matched = pattern ? this.matchPattern(pattern, subject, frame) : undefined;
      const guard = fieldOf(clause, "guard");
      let outcome = matched;
      if (outcome === true && guard) {
        const guardExpression = namedChildren(guard)[0];
        outcome = guardExpression ? truthy(this.evaluate(guardExpression, frame)) : true;
      }
      if (outcome === true) this.execBlock(consequence, frame);
      else if (outcome === false) runCase(index + 1);
      else this.fork(frame, [() => this.execBlock(consequence, frame), () => runCase(index + 1)], clause);
    };
    runCase(0);
  }

  private matchPattern(pattern: PyNode, subject: Value, frame: Frame): boolean | undefined {
    const inner = namedChildren(pattern)[0];
    const text = textOf(pattern);
    if (!inner && text === "_") return true;
    if (!inner) return undefined;
    if (inner.type === "dotted_name" && !text.includes(".")) {
      this.bind(frame, text, subject, this.origin(pattern));
      return true;
    }
    if (["string", "integer", "float", "true", "false", "none", "concatenated_string"].includes(inner.type)) {
      return compare("==", subject, this.evaluate(inner, frame), this.origin(pattern));
    }
    if (inner.type === "union_pattern") {
      let result: boolean | undefined = false;
      for (const option of namedChildren(inner)) {
        const optionValue = ["string", "integer", "float", "true", "false", "none"].includes(option.type)
          ? compare("==", subject, this.evaluate(option, frame), this.origin(option))
          : undefined;
        if (optionValue === true) return true;
        if (optionValue === undefined) result = undefined;
      }
      return result;
    }
    return undefined;
  }

  private execRaise(node: PyNode, frame: Frame): void {
    const origin = this.origin(node);
    const expression = namedChildren(node).find((c) => c.field !== "cause");
    if (!expression) {
      // A bare `raise` re-raises the exception being handled, where it was first raised.
      const handled = this.handling[this.handling.length - 1];
      if (handled) throw handled;
      raise("RuntimeError", "No active exception to reraise", origin);
    }
    const value = this.evaluate(expression as PyNode, frame);
    if (value.kind === "exception") throw new PyRaise(value, origin);
    const cls = exceptionClassOf(value);
    if (cls) throw new PyRaise({ kind: "exception", exceptionClass: cls, message: "" }, origin);
    if (value.kind === "external") {
      const name = value.name.split(".").pop() ?? "Exception";
      throw new PyRaise(makeException(name, ""), origin);
    }
    // Raising something djship cannot evaluate still stops the module.
    throw new PyRaise(makeException("Exception", textOf(expression as PyNode).slice(0, 200)), origin);
  }

  /**
   * Applies decorators bottom-up, as Python does. A decorator from a package djship does not read
   * leaves the name unknown: it may replace the definition with anything.
   */
  private execDecorated(node: PyNode, frame: Frame): void {
    const definition = fieldOf(node, "definition");
    if (!definition) return;
    const decorators = node.children.filter((c) => c.type === "decorator").map((d) => namedChildren(d)[0] as PyNode);
    const decoratorValues = decorators.map((d) => this.evaluate(d, frame));
    this.execStatement(definition, frame);
    const nameNode = fieldOf(definition, "name");
    if (!nameNode) return;
    const name = textOf(nameNode);
    const origin = this.origin(node);
    let value = this.lookup(frame, name, nameNode).value;
    for (const decorator of decoratorValues.reverse()) {
      if (decorator.kind === "function" || decorator.kind === "native" || decorator.kind === "class") {
        value = this.call(decorator, [value], new Map(), origin);
      } else {
        value = unknownFrom(decorator, "a decorated definition", origin);
        break;
      }
    }
    this.bind(frame, name, value, origin);
  }

  private execClass(node: PyNode, frame: Frame): void {
    const name = textOf(fieldOf(node, "name") as PyNode);
    const origin = this.origin(node);
    const superclassList = fieldOf(node, "superclasses");
    let base: ExceptionClass | undefined;
    const bases: ClassValue[] = [];
    let hasOpaqueBase = false;
    /** Builtin types among the bases (`class Kind(str, Enum)`): opaque, except as an enumeration's mixin. */
    const builtinBases: string[] = [];
    for (const superclass of superclassList ? namedChildren(superclassList) : []) {
      if (superclass.type === "keyword_argument") continue;
      try {
        const value = this.evaluate(superclass, frame);
        base ??= exceptionClassOf(value);
        if (value.kind === "class") bases.push(value);
        else if (value.kind === "native" && BUILTIN_TYPES.has(value.name) && this.builtins.get(value.name) === value)
          builtinBases.push(value.name);
        else if (!(value.kind === "native" && (value.exceptionClass || value.name === "object"))) hasOpaqueBase = true;
      } catch (error) {
        // A base class djship cannot evaluate leaves a class whose missing attributes are unknown.
        if (!(error instanceof PyRaise) && !(error instanceof Indeterminate)) throw error;
        hasOpaqueBase = true;
      }
    }
    const attributes = new Map<string, Value>();
    const classNamespace: Namespace = new Map();
    const classFrame: Frame = {
      ...frame,
      locals: classNamespace,
      // A class defined in a function sees the function's names (a closure, as its methods do).
      enclosing: frame.locals && frame.function ? [frame.locals, ...frame.enclosing] : frame.enclosing,
      globalNames: new Set(),
      pendingReturns: undefined,
    };
    try {
      this.execBlock(fieldOf(node, "body") as PyNode, classFrame);
    } catch (error) {
      if (!(error instanceof PyRaise)) throw error;
      throw error;
    }
    const attributeOrigins = new Map<string, Origin>();
    for (const [key, binding] of classNamespace) {
      attributes.set(key, binding.value);
      if (binding.origin) attributeOrigins.set(key, binding.origin);
    }
    // `name: str` in the body: the class's __annotations__, which NamedTuple and @dataclass make fields of.
    const annotated = annotatedNames(fieldOf(node, "body") as PyNode);
    if (annotated.length > 0 && !attributes.has("__annotations__")) {
      attributes.set("__annotations__", dict(annotated.map((field) => [str(field.name), str(field.annotation)] as const)));
    }
    const probe: ClassValue = { kind: "class", name, attributes, ...(bases.length > 0 ? { bases } : {}) };
    const enumeration = isEnumeration(probe);
    if (builtinBases.length > 0 && !enumeration) hasOpaqueBase = true;
    const value: ClassValue = {
      attributeOrigins,
      kind: "class",
      name,
      attributes,
      ...(base ? { exceptionClass: exceptionClass(name, base) } : {}),
      ...(bases.length > 0 ? { bases } : {}),
      ...(hasOpaqueBase ? { hasOpaqueBase } : {}),
    };
    if (enumeration) this.enumMembers.set(value, makeMembers(value, mixinOf(value, builtinBases)));
    this.classDocs.set(value, docstringOf(fieldOf(node, "body")));
    // Zero-argument super() in a method needs the class that defined it (its __class__ cell).
    for (const attribute of attributes.values()) {
      const fn = descriptorOf(attribute)?.fn ?? attribute;
      if (fn.kind === "function") this.definingClass.set(fn, value);
    }
    // __init_subclass__ of a base runs on the new class (how natively modelled bases such as
    // django-configurations' Configuration add to their subclasses).
    const initSubclass = bases.length > 0 ? lookupInClass(value, "__init_subclass__") : undefined;
    if (initSubclass && initSubclass.owner !== value)
      this.call(this.bindAttribute(initSubclass.value, value, undefined), [], new Map(), origin);
    this.bind(frame, name, value, origin);
  }

  // ---------------------------------------------------------------- forks

  /**
   * Runs each branch from the same starting state and merges what they leave behind: names the
   * branches set differently become alternatives. Branches that raise drop out (noted as possible
   * errors); in a function, branches that return add to its possible results.
   */
  private fork(frame: Frame, branches: (() => void)[], at: PyNode, conditionDeps?: Deps): boolean[] {
    if (this.forkDepth >= this.budget.maxForkDepth) {
      // The code that nests them is unknown (the call, or the module's statement), not every setting.
      throw new CannotRead(
        `code with more than ${this.budget.maxForkDepth} nested conditions djship cannot decide at ${at.file.path}:${at.line}`,
        this.origin(at),
        true,
      );
    }
    this.forkDepth++;
    this.forks++;
    try {
      const scopes = frame.locals ? [frame.globals, frame.locals] : [frame.globals];
      const startEnv = this.currentEnv.clone();
      const snapshots = scopes.map((scope) => new Map(scope));
      const cloneSeen = new Map<Value, Value>();
      const pristine = snapshots.map((snapshot) => cloneNamespace(snapshot, cloneSeen));
      const outcomes: { states: Namespace[]; env: EnvState; signal: ControlSignal | undefined }[] = [];
      branches.forEach((branch, index) => {
        if (index > 0) {
          // Every later branch starts from its own copy of the state before the first one ran.
          const seen = new Map<Value, Value>();
          const fresh = pristine.map((snapshot) => cloneNamespace(snapshot, seen));
          scopes.forEach((scope, i) => {
            scope.clear();
            for (const [key, binding] of fresh[i] as Namespace) scope.set(key, binding);
          });
          this.currentEnv = startEnv.clone();
        }
        let signal: ControlSignal | undefined;
        try {
          branch();
        } catch (error) {
          if (
            error instanceof PyRaise ||
            error instanceof ReturnSignal ||
            error instanceof BreakSignal ||
            error instanceof ContinueSignal
          ) {
            signal = error;
          } else throw error;
        }
        outcomes.push({ states: scopes.map((scope) => new Map(scope)), env: this.currentEnv, signal });
      });

      const raisedBranches = outcomes.map((o) => o.signal instanceof PyRaise);
      const raised = outcomes.filter((o) => o.signal instanceof PyRaise);
      const returned = outcomes.filter((o) => o.signal instanceof ReturnSignal);
      const continuing = outcomes.filter((o) => !(o.signal instanceof PyRaise) && !(o.signal instanceof ReturnSignal));
      for (const outcome of raised) {
        const error = outcome.signal as PyRaise;
        if (this.possibleErrors.length < 100) this.possibleErrors.push({ exception: error.exception, origin: error.origin });
      }
      if (continuing.length === 0 && returned.length === 0) {
        // Every path raises: so does the whole.
        throw (raised[0] as { signal: PyRaise }).signal;
      }
      if (returned.length > 0 && frame.pendingReturns) {
        if (conditionDeps) frame.choiceDeps = mergeDeps(frame.choiceDeps, conditionDeps);
        for (const outcome of returned) {
          const signal = outcome.signal as ReturnSignal;
          frame.pendingReturns.push({ value: signal.value, origin: signal.origin });
        }
      }
      const survivors = continuing.length > 0 ? continuing : returned;
      scopes.forEach((scope, i) => {
        const merged = this.mergeNamespaces(
          survivors.map((o) => o.states[i] as Namespace),
          conditionDeps,
        );
        scope.clear();
        for (const [key, binding] of merged) scope.set(key, binding);
      });
      this.currentEnv = survivors[0]?.env ?? startEnv;
      if (continuing.length === 0) {
        // Every surviving path returned: the function ends here with all of their results.
        const results = frame.pendingReturns ?? [];
        frame.pendingReturns = [];
        const first = returned[0]?.signal as ReturnSignal;
        throw new ReturnSignal(this.alternativesOf(results), first.origin);
      }
      const signals = new Set(continuing.map((o) => o.signal?.constructor));
      if (signals.size === 1) {
        const only = continuing[0]?.signal;
        if (only instanceof BreakSignal || only instanceof ContinueSignal) throw only;
      }
      return raisedBranches;
    } finally {
      this.forkDepth--;
    }
  }

  /**
   * After a guard whose body always raises, drops from each name the condition reads the
   * alternatives that make the condition true: Python would have raised on them, so they are not in
   * effect past the guard. One name at a time; an option the condition cannot decide stays.
   */
  private narrowByGuard(condition: PyNode, frame: Frame): void {
    const names = new Set<string>();
    let pure = true;
    const visit = (node: PyNode) => {
      // Replayed once per alternative: only conditions without effects (len(), isinstance(), comparisons).
      if (node.type === "call" && !GUARD_FUNCTIONS.has(textOf(fieldOf(node, "function") ?? node))) pure = false;
      if (node.type === "identifier") names.add(textOf(node));
      for (const child of node.children) visit(child);
    };
    visit(condition);
    if (!pure) return;
    const scope = frame.locals ?? frame.globals;
    for (const name of names) {
      const binding = scope.get(name);
      if (binding?.value.kind !== "alternatives") continue;
      const options = binding.value.options;
      const kept = options.filter((option) => {
        scope.set(name, { value: option.value, origin: option.origin ?? binding.origin });
        try {
          return truthy(this.evaluate(condition, frame)) !== true;
        } catch {
          return true;
        }
      });
      const narrowed =
        kept.length === options.length || kept.length === 0
          ? binding
          : { value: withChoiceDeps(this.alternativesOf(kept), binding.value.deps), origin: binding.origin };
      scope.set(name, narrowed);
    }
  }

  private mergeNamespaces(states: Namespace[], conditionDeps?: Deps): Namespace {
    if (states.length === 1) return states[0] as Namespace;
    const names = new Set<string>();
    for (const state of states) for (const name of state.keys()) names.add(name);
    const merged: Namespace = new Map();
    for (const name of names) {
      const bindings = states.map((state) => state.get(name));
      const first = bindings[0];
      if (first && bindings.every((b) => b && b.origin === first.origin && sameValue(b.value, first.value))) {
        merged.set(name, first);
        continue;
      }
      const options: Alternative[] = bindings.map((b) => (b ? { value: b.value, origin: b.origin } : { value: UNBOUND, origin: null }));
      const value = withChoiceDeps(this.alternativesOf(options), conditionDeps);
      const origin = bindings.find((b) => b)?.origin ?? null;
      merged.set(name, { value, origin });
    }
    return merged;
  }

  /** Alternatives from several possible values, flattened and deduplicated, or the one value. */
  alternativesOf(options: readonly Alternative[]): Value {
    const flat: Alternative[] = [];
    for (const option of options) {
      if (option.value.kind === "alternatives") flat.push(...option.value.options);
      else flat.push(option);
    }
    const unique: Alternative[] = [];
    for (const option of flat) {
      if (!unique.some((u) => u.origin === option.origin && sameValue(u.value, option.value))) unique.push(option);
    }
    if (unique.length === 1) return (unique[0] as Alternative).value;
    if (unique.length === 0) return NONE;
    if (unique.length > this.budget.maxAlternatives) {
      return unknown(
        `more than ${this.budget.maxAlternatives} possible values`,
        unique[0]?.origin ?? undefined,
        mergeDeps(...unique.map((u) => collectDeps(u.value))),
      );
    }
    return { kind: "alternatives", options: unique };
  }

  // ---------------------------------------------------------------- expressions

  /** Evaluates an expression in a frame. Public for tests; settings use {@link importModule}. */
  evaluate(node: PyNode, frame: Frame): Value {
    this.tick(node);
    switch (node.type) {
      case "identifier":
        return this.lookup(frame, textOf(node), node).value;
      case "integer":
        return parseInteger(textOf(node), this.origin(node));
      case "float":
        return parseFloatLiteral(textOf(node));
      case "true":
        return bool(true);
      case "false":
        return bool(false);
      case "none":
        return NONE;
      case "ellipsis":
        return { kind: "external", name: "Ellipsis" };
      case "string":
        return this.evaluateString(node, frame);
      case "concatenated_string": {
        const parts = namedChildren(node).map((child) => this.evaluateString(child, frame));
        return this.guardValue(() => {
          const texts = parts.map((p) => known(p) as { kind: string; value: string });
          const value = texts.map((t) => t.value).join("");
          const deps = mergeDeps(...parts.map((p) => p.deps));
          return parts[0]?.kind === "bytes" ? { kind: "bytes", value, ...(deps ? { deps } : {}) } : str(value, deps);
        }, this.origin(node));
      }
      case "parenthesized_expression": {
        const inner = namedChildren(node)[0];
        return inner ? this.evaluate(inner, frame) : tuple([]);
      }
      case "list":
        return list(this.evaluateItems(node, frame));
      case "tuple":
      case "expression_list":
      case "pattern_list":
        return tuple(this.evaluateItems(node, frame));
      case "set":
        return this.guardValue(() => setOf(this.evaluateItems(node, frame), this.origin(node)), this.origin(node));
      case "dictionary":
        return this.evaluateDict(node, frame);
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
      case "dictionary_comprehension":
        return this.evaluateComprehension(node, frame);
      case "attribute": {
        const object = this.evaluate(fieldOf(node, "object") as PyNode, frame);
        return this.attribute(object, textOf(fieldOf(node, "attribute") as PyNode), this.origin(node));
      }
      case "subscript":
        return this.evaluateSubscript(node, frame);
      case "call":
        return this.evaluateCall(node, frame);
      case "binary_operator": {
        const left = this.evaluate(fieldOf(node, "left") as PyNode, frame);
        const right = this.evaluate(fieldOf(node, "right") as PyNode, frame);
        return this.binary(textOf(fieldOf(node, "operator") as PyNode), left, right, this.origin(node));
      }
      case "unary_operator": {
        const operand = this.evaluate(fieldOf(node, "argument") as PyNode, frame);
        const op = textOf(fieldOf(node, "operator") as PyNode);
        return this.lift([operand], ([v]) => unaryOperation(op, v as Value, this.origin(node)), this.origin(node));
      }
      case "not_operator": {
        const operand = this.evaluate(fieldOf(node, "argument") as PyNode, frame);
        const outcome = truthy(operand);
        if (outcome === undefined) return unknownFrom(operand, "negation of a value djship cannot know", this.origin(node));
        return bool(!outcome, collectDeps(operand));
      }
      case "boolean_operator":
        return this.evaluateBoolean(node, frame);
      case "comparison_operator":
        return this.evaluateComparison(node, frame);
      case "conditional_expression": {
        const [whenTrue, condition, whenFalse] = namedChildren(node);
        const test = this.evaluate(condition as PyNode, frame);
        const outcome = truthy(test);
        if (outcome === true) return withDeps(this.evaluate(whenTrue as PyNode, frame), collectDeps(test));
        if (outcome === false) return withDeps(this.evaluate(whenFalse as PyNode, frame), collectDeps(test));
        const a = this.evaluateOrUnknown(whenTrue as PyNode, frame);
        const b = this.evaluateOrUnknown(whenFalse as PyNode, frame);
        return this.alternativesOf([
          { value: withDeps(a, collectDeps(test)), origin: this.origin(whenTrue as PyNode) },
          { value: withDeps(b, collectDeps(test)), origin: this.origin(whenFalse as PyNode) },
        ]);
      }
      case "lambda":
        return this.makeFunction(node, frame);
      case "named_expression": {
        const value = this.evaluate(fieldOf(node, "value") as PyNode, frame);
        this.bind(frame, textOf(fieldOf(node, "name") as PyNode), value, this.origin(node));
        return value;
      }
      case "await":
      case "yield":
        return unknown(`${node.type} is not evaluated`, this.origin(node));
      case "list_splat":
      case "dictionary_splat":
        return unknown("a starred expression outside a call or display", this.origin(node));
      case "ERROR":
        return raise("SyntaxError", "invalid syntax", this.origin(node));
      default:
        return unknown(`${node.type.replace(/_/g, " ")} is not evaluated`, this.origin(node));
    }
  }

  /** Evaluates a branch of an undecidable conditional expression, where an exception is a possibility. */
  private evaluateOrUnknown(node: PyNode, frame: Frame): Value {
    try {
      return this.evaluate(node, frame);
    } catch (error) {
      if (!(error instanceof PyRaise)) throw error;
      this.possibleErrors.push({ exception: error.exception, origin: error.origin });
      return unknown(`raises ${error.exception.exceptionClass.name} on this path`, error.origin);
    }
  }

  binary(op: string, left: Value, right: Value, origin: Origin): Value {
    return this.lift([left, right], ([a, b]) => this.operate(op, a as Value, b as Value, origin), origin);
  }

  /** `a op b` on known values: an object's own __sub__ (or the right operand's __rsub__) first, as Python does. */
  private operate(op: string, a: Value, b: Value, origin: Origin): Value {
    const dunder = OPERATOR_DUNDERS[op];
    if (dunder && (a.kind === "object" || b.kind === "object")) {
      const own = a.kind === "object" ? this.attributeOrUndefined(a, `__${dunder}__`, origin) : undefined;
      if (own) return this.call(own, [b], new Map(), origin);
      const reflected = b.kind === "object" ? this.attributeOrUndefined(b, `__r${dunder}__`, origin) : undefined;
      if (reflected) return this.call(reflected, [a], new Map(), origin);
    }
    return binaryOperation(op, a, b, origin);
  }

  /**
   * Applies a pure operation to values that may be alternatives or unknown: over each combination
   * of alternatives, and to an unknown with the operands' dependencies otherwise.
   */
  lift(operands: readonly Value[], operation: (values: readonly Value[]) => Value, origin: Origin): Value {
    const alternativesAt = operands.findIndex((v) => v.kind === "alternatives");
    if (alternativesAt >= 0) {
      const alternatives = operands[alternativesAt] as Extract<Value, { kind: "alternatives" }>;
      const results: { value: Value; origin: Origin | null }[] = [];
      const raised: PyRaise[] = [];
      for (const option of alternatives.options) {
        const substituted = operands.map((v, i) => (i === alternativesAt ? option.value : v));
        try {
          results.push({ value: this.liftOne(substituted, operation, origin), origin: option.origin });
        } catch (error) {
          if (!(error instanceof PyRaise)) throw error;
          raised.push(error);
        }
      }
      // A path that raises beside one whose value djship cannot know (a loop over data read at run
      // time, which may or may not have filled a dict) is a possible error, not a certain one.
      const first = raised[0];
      if (first && !results.some((r) => r.value.kind === "unknown")) throw first;
      for (const error of raised)
        if (this.possibleErrors.length < 100) this.possibleErrors.push({ exception: error.exception, origin: error.origin });
      return this.alternativesOf(results);
    }
    return this.liftOne(operands, operation, origin);
  }

  private liftOne(operands: readonly Value[], operation: (values: readonly Value[]) => Value, origin: Origin): Value {
    if (operands.some((v) => v.kind === "alternatives")) return this.lift(operands, operation, origin);
    const deps = mergeDeps(...operands.map((v) => v.deps));
    const blocker = operands.find((v) => v.kind === "unknown" || v.kind === "external");
    if (blocker) return unknownFrom(blocker, "derived from a value djship cannot know", origin, deps);
    try {
      return withDeps(operation(operands), deps);
    } catch (error) {
      if (error instanceof Indeterminate) return unknownFrom(error.value, "derived from a value djship cannot know", origin, deps);
      throw error;
    }
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof Indeterminate)) throw error;
    }
  }

  private guardValue<T extends Value | undefined>(action: () => T, origin: Origin): T | Value {
    try {
      return action();
    } catch (error) {
      if (error instanceof Indeterminate) return unknownFrom(error.value, "derived from a value djship cannot know", origin);
      throw error;
    }
  }

  private evaluateString(node: PyNode, frame: Frame): Value {
    if (node.type === "concatenated_string") return this.evaluate(node, frame);
    const literal = readStringLiteral(node);
    let text = "";
    let deps = undefined as ReturnType<typeof mergeDeps>;
    for (const part of literal.parts) {
      if ("text" in part) {
        text += part.text;
        continue;
      }
      const piece = this.evaluateInterpolation(part.interpolation, frame);
      if (typeof piece !== "string") return piece;
      text += piece;
      deps = mergeDeps(deps, this.lastInterpolationDeps);
    }
    if (literal.isBytes) return deps ? { kind: "bytes", value: text, deps } : { kind: "bytes", value: text };
    return str(text, deps);
  }

  private lastInterpolationDeps: ReturnType<typeof mergeDeps>;

  private evaluateInterpolation(node: PyNode, frame: Frame): string | Value {
    const { expression, conversion, spec, debugText } = interpolationParts(node);
    const origin = this.origin(node);
    if (!expression) return unknown("an empty f-string field", origin);
    const value = this.evaluate(expression, frame);
    let specText = "";
    if (spec) {
      // The spec is the source text after ':', with nested {fields} replaced by their values.
      let cursor = spec.start;
      for (const child of spec.children) {
        if (child.type !== "format_expression") continue;
        specText += node.file.text.slice(cursor, child.start);
        const inner = fieldOf(child, "expression");
        const innerValue = inner ? this.evaluate(inner, frame) : NONE;
        const text = innerValue.kind === "str" ? innerValue.value : pyStr(innerValue);
        if (text === undefined) return unknownFrom(innerValue, "an f-string format djship cannot know", origin);
        specText += text;
        cursor = child.end;
      }
      specText = (specText + node.file.text.slice(cursor, spec.end)).replace(/^:/, "");
    }
    if (value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external") {
      return unknownFrom(value, "an f-string with a value djship cannot know", origin, collectDeps(value));
    }
    this.lastInterpolationDeps = collectDeps(value);
    const converted = convert(value, conversion ?? (debugText && !spec ? "r" : undefined));
    if (converted === undefined) return unknown("an f-string with a value djship cannot print", origin);
    try {
      const formatted = typeof converted === "string" ? formatValue(str(converted), specText) : formatValue(converted, specText);
      if (formatted === undefined) return unknown("an f-string with a value djship cannot print", origin);
      return (debugText ?? "") + formatted;
    } catch (error) {
      if (error instanceof FormatError) return raise("ValueError", error.message, origin);
      throw error;
    }
  }

  private evaluateItems(node: PyNode, frame: Frame): Value[] {
    const items: Value[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === "list_splat" || child.type === "parenthesized_list_splat") {
        const inner = namedChildren(child.type === "parenthesized_list_splat" ? (namedChildren(child)[0] ?? child) : child)[0];
        if (!inner) continue;
        const spread = this.evaluate(inner, frame);
        try {
          items.push(...this.iterate(spread, this.origin(child)));
        } catch (error) {
          if (!(error instanceof Indeterminate)) throw error;
          items.push(unknownFrom(error.value, "items of a starred value djship cannot know", this.origin(child)));
        }
      } else {
        items.push(this.evaluate(child, frame));
      }
    }
    return items;
  }

  private evaluateDict(node: PyNode, frame: Frame): Value {
    const result = dict();
    for (const child of namedChildren(node)) {
      if (child.type === "pair") {
        const key = this.evaluate(fieldOf(child, "key") as PyNode, frame);
        const value = this.evaluate(fieldOf(child, "value") as PyNode, frame);
        if (key.kind === "unknown" || key.kind === "alternatives" || key.kind === "external") {
          return unknownFrom(key, "a dict with a key djship cannot know", this.origin(child));
        }
        dictSet(result, key, value, this.origin(child));
      } else if (child.type === "dictionary_splat") {
        const inner = namedChildren(child)[0];
        const spread = inner ? this.evaluate(inner, frame) : NONE;
        if (spread.kind !== "dict") return unknownFrom(spread, "a dict spread from a value djship cannot know", this.origin(child));
        for (const [hash, entry] of spread.entries) result.entries.set(hash, entry);
      }
    }
    return result;
  }

  private evaluateComprehension(node: PyNode, frame: Frame): Value {
    const origin = this.origin(node);
    const body = fieldOf(node, "body") as PyNode;
    const clauses = node.children.filter((c) => c.type === "for_in_clause" || c.type === "if_clause");
    const locals: Namespace = new Map();
    const inner: Frame = {
      ...frame,
      locals,
      enclosing: frame.locals ? [frame.locals, ...frame.enclosing] : frame.enclosing,
      globalNames: new Set(),
    };
    const results: Value[] = [];
    const pairs: [Value, Value][] = [];
    let produced = 0;
    // What the result depends on: the iterables and the filters, not only the items it keeps.
    let deps: ReturnType<typeof mergeDeps>;
    const run = (index: number): void => {
      const clause = clauses[index];
      if (!clause) {
        if (++produced > this.budget.maxLoopIterations)
          throw new EvaluationLimit(`a comprehension past ${this.budget.maxLoopIterations} items at ${origin.file}:${origin.line}`);
        if (node.type === "dictionary_comprehension") {
          pairs.push([this.evaluate(fieldOf(body, "key") as PyNode, inner), this.evaluate(fieldOf(body, "value") as PyNode, inner)]);
        } else {
          results.push(this.evaluate(body, inner));
        }
        return;
      }
      if (clause.type === "if_clause") {
        const test = namedChildren(clause)[0];
        const testValue = test ? this.evaluate(test, inner) : undefined;
        deps = mergeDeps(deps, testValue ? collectDeps(testValue) : undefined);
        const outcome = testValue ? truthy(testValue) : true;
        if (outcome === undefined) throw new Indeterminate(unknown("a comprehension filter djship cannot decide", origin));
        if (outcome) run(index + 1);
        return;
      }
      const target = fieldOf(clause, "left") as PyNode;
      const source = fieldsOf(clause, "right").filter((r) => r.isNamed)[0] as PyNode;
      // The first iterable is evaluated in the enclosing scope, as Python does.
      const iterable = this.evaluate(source, index === 0 ? frame : inner);
      deps = mergeDeps(deps, iterable.deps);
      for (const item of this.iterate(iterable, origin)) {
        this.assign(target, item, inner, origin);
        run(index + 1);
      }
    };
    try {
      run(0);
    } catch (error) {
      if (error instanceof Indeterminate) return unknownFrom(error.value, "a comprehension over values djship cannot know", origin);
      throw error;
    }
    switch (node.type) {
      case "list_comprehension":
        return list(results, deps);
      case "set_comprehension":
        return withDeps(
          this.guardValue(() => setOf(results, origin), origin),
          deps,
        );
      case "dictionary_comprehension": {
        const result = dict();
        for (const [key, value] of pairs) {
          if (key.kind === "unknown" || key.kind === "alternatives")
            return unknownFrom(key, "a dict comprehension with keys djship cannot know", origin);
          dictSet(result, key, value, origin);
        }
        return withDeps(result, deps);
      }
      default:
        // A generator is consumed by whatever receives it: a list stands in for it.
        return list(results, deps);
    }
  }

  private evaluateSubscript(node: PyNode, frame: Frame): Value {
    const origin = this.origin(node);
    const container = this.evaluate(fieldOf(node, "value") as PyNode, frame);
    const keys = fieldsOf(node, "subscript");
    if (keys.length === 1 && (keys[0] as PyNode).type === "slice") {
      const parts = this.readSlice(keys[0] as PyNode, frame);
      return this.lift(
        [container, parts.start ?? NONE, parts.stop ?? NONE, parts.step ?? NONE],
        ([c, start, stop, step]) => sliceValue(c as Value, { start, stop, step }, origin),
        origin,
      );
    }
    const key = keys.length === 1 ? this.evaluate(keys[0] as PyNode, frame) : tuple(keys.map((k) => this.evaluate(k, frame)));
    // A named tuple's item by position.
    const items = recordItems(container);
    if (items) return this.lift([key], ([k]) => subscriptValue(tuple([...items]), k as Value, origin), origin);
    // `Strategy["LOCAL"]`: an enumeration's member by name.
    const members = container.kind === "class" ? this.enumMembers.get(container) : undefined;
    if (members) {
      return this.lift(
        [key],
        ([k]) => {
          const found = members.find((member) => pyEquals(member.attributes.get("name") ?? NONE, k as Value) === true);
          return found ?? raise("KeyError", pyRepr(k as Value) ?? "key", origin);
        },
        origin,
      );
    }
    // `list[str]`, `dict[str, int]` (PEP 585): a generic alias, as annotations evaluated at import time build.
    if (container.kind === "native" && BUILTIN_TYPES.has(container.name) && this.builtins.get(container.name) === container) {
      return { kind: "object", type: "types.GenericAlias", attributes: new Map() };
    }
    if (container.kind === "object" || container.kind === "native" || container.kind === "external" || container.kind === "class") {
      const getItem = this.attributeOrUndefined(container, "__getitem__", origin);
      if (getItem) return this.call(getItem, [key], new Map(), origin);
      if (container.kind === "external") return unknown(`an item of ${container.name}`, origin);
      return raise("TypeError", `'${typeName(container)}' object is not subscriptable`, origin);
    }
    return this.lift(
      [container, key],
      ([c, k]) => {
        const recordAt = recordItems(c as Value);
        return subscriptValue(recordAt ? tuple([...recordAt]) : (c as Value), k as Value, origin);
      },
      origin,
    );
  }

  private readSlice(node: PyNode, frame: Frame): SliceBounds {
    // tree-sitter gives `a:b:c` as children separated by ':' tokens; empty parts are absent.
    const parts: (Value | undefined)[] = [undefined, undefined, undefined];
    let index = 0;
    for (const child of node.children) {
      if (!child.isNamed && textOf(child) === ":") {
        index++;
        continue;
      }
      if (child.isNamed) parts[index] = this.evaluate(child, frame);
    }
    return { start: parts[0], stop: parts[1], step: parts[2] };
  }

  private evaluateBoolean(node: PyNode, frame: Frame): Value {
    const op = textOf(fieldOf(node, "operator") as PyNode);
    const left = this.evaluate(fieldOf(node, "left") as PyNode, frame);
    const rightNode = fieldOf(node, "right") as PyNode;
    const outcome = truthy(left);
    if (outcome === undefined) {
      const right = this.evaluateOrUnknown(rightNode, frame);
      // `x or default` where x is unknown: the result is x when truthy, else the default.
      return unknownFrom(
        left,
        op === "or" ? "an `or` whose left side djship cannot know" : "an `and` whose left side djship cannot know",
        this.origin(node),
        mergeDeps(collectDeps(left), collectDeps(right)),
      );
    }
    if ((op === "or" && outcome) || (op === "and" && !outcome)) return left;
    return withDeps(this.evaluate(rightNode, frame), collectDeps(left));
  }

  private evaluateComparison(node: PyNode, frame: Frame): Value {
    const operands = namedChildren(node).map((child) => child);
    const operators = fieldsOf(node, "operators").map((op) => textOf(op).replace(/\s+/g, " "));
    const origin = this.origin(node);
    let left = this.evaluate(operands[0] as PyNode, frame);
    let deps = collectDeps(left);
    let result: boolean | undefined = true;
    let blocker: Value | undefined;
    for (let i = 0; i < operators.length; i++) {
      const right = this.evaluate(operands[i + 1] as PyNode, frame);
      deps = mergeDeps(deps, collectDeps(right));
      let outcome: boolean | undefined;
      try {
        const op = operators[i] as string;
        outcome =
          (op === "in" || op === "not in") && right.kind === "object"
            ? this.objectContains(op, left, right, origin)
            : compare(op, left, right, origin);
      } catch (error) {
        if (!(error instanceof Indeterminate)) throw error;
        outcome = undefined;
        blocker ??= error.value;
      }
      if (outcome === false) return bool(false, deps);
      if (outcome === undefined) {
        result = undefined;
        blocker ??= left.kind === "unknown" || left.kind === "alternatives" ? left : right;
      }
      left = right;
    }
    if (result === undefined) {
      const alternatives = this.comparisonAlternatives(operands, operators, frame, origin);
      if (alternatives) return alternatives;
      return unknownFrom(blocker ?? left, "a comparison with a value djship cannot know", origin, deps);
    }
    return bool(result, deps);
  }

  private objectContains(op: string, item: Value, container: Value, origin: Origin): boolean | undefined {
    const contains = this.attributeOrUndefined(container, "__contains__", origin);
    if (!contains) return raise("TypeError", `argument of type '${typeName(container)}' is not iterable`, origin);
    const outcome = truthy(this.call(contains, [item], new Map(), origin));
    if (outcome === undefined) return undefined;
    return op === "in" ? outcome : !outcome;
  }

  /** A simple `a == b` where one side is alternatives: compare each alternative. */
  private comparisonAlternatives(operands: PyNode[], operators: string[], frame: Frame, origin: Origin): Value | undefined {
    if (operators.length !== 1) return undefined;
    const left = this.evaluate(operands[0] as PyNode, frame);
    const right = this.evaluate(operands[1] as PyNode, frame);
    if (left.kind !== "alternatives" && right.kind !== "alternatives") return undefined;
    return this.lift(
      [left, right],
      ([a, b]) => {
        const outcome = compare(operators[0] as string, a as Value, b as Value, origin);
        if (outcome === undefined) throw new Indeterminate(unknown("a comparison djship cannot decide", origin));
        return bool(outcome);
      },
      origin,
    );
  }

  // ---------------------------------------------------------------- attributes and calls

  attribute(object: Value, name: string, origin: Origin): Value {
    const found = this.attributeOrUndefined(object, name, origin);
    if (found) return found;
    if (object.kind === "module") {
      return raise("AttributeError", `module '${object.name}' has no attribute '${name}'`, origin);
    }
    return raise("AttributeError", `'${typeName(object)}' object has no attribute '${name}'`, origin);
  }

  private attributeOrUndefined(object: Value, name: string, origin: Origin, raw = false): Value | undefined {
    const found = this.plainAttribute(object, name, origin);
    if (found || raw || object.kind !== "object" || !object.cls) return found;
    // Python calls __getattr__ only when the ordinary lookup fails.
    const fallback = lookupInClass(object.cls, "__getattr__");
    if (fallback?.value.kind !== "function") return undefined;
    try {
      return this.call(fallback.value, [object, str(name)], new Map(), origin);
    } catch (error) {
      // Its AttributeError is the lookup failing, as getattr(obj, name, default) and hasattr see it.
      if (error instanceof PyRaise && error.isInstance("AttributeError")) return undefined;
      throw error;
    }
  }

  private plainAttribute(object: Value, name: string, origin: Origin): Value | undefined {
    switch (object.kind) {
      case "module": {
        const binding = object.namespace.get(name);
        if (binding) return binding.value;
        // module.__dict__ is its namespace, as vars(module) is.
        if (name === "__dict__" && !object.isNative) return namespaceObject(object.namespace);
        // djship models only part of os, sys, pathlib...: the rest exists, it is just not known.
        if (object.isNative) return { kind: "external", name: `${object.name}.${name}` };
        // A submodule that was not imported yet is not an attribute in Python either; but
        // `import a` followed by `a.b` works when a's __init__ imported b, which is covered above.
        return undefined;
      }
      case "external":
        return { kind: "external", name: `${object.name}.${name}` };
      case "unknown":
        return object;
      case "alternatives":
        return this.alternativesOf(
          object.options.map((option) => ({
            value:
              option.value.kind === "unbound" ? unknown("a name that may be unbound", origin) : this.attribute(option.value, name, origin),
            origin: option.origin,
          })),
        );
      case "native": {
        const own = object.attributes?.get(name);
        if (own) return own;
        // A builtin type's or an exception class's name (`type(error).__name__`).
        if ((name === "__name__" || name === "__qualname__") && (BUILTIN_TYPES.has(object.name) || object.exceptionClass))
          return str(object.name);
        // str.strip, dict.fromkeys...: an unbound method of a builtin type takes its instance first.
        if (BUILTIN_TYPES.has(object.name) && this.builtins.get(object.name) === object) {
          return native(`${object.name}.${name}`, (call) => {
            const [self, ...rest] = call.args;
            const method = self ? this.attributeOrUndefined(self, name, origin) : undefined;
            if (!method) return raise("TypeError", `descriptor '${name}' of '${object.name}' object needs an argument`, call.origin);
            return this.call(method, rest, call.kwargs, call.origin);
          });
        }
        return undefined;
      }
      case "class": {
        const found = lookupInClass(object, name);
        if (found) return this.bindAttribute(found.value, object, undefined);
        if (name === "__name__" || name === "__qualname__") return str(object.name);
        if (name === "__doc__") return this.classDocs.get(object) ?? NONE;
        if (name === "__dict__") return this.classDict(object);
        if (name === "__mro__") return tuple(mroOf(object));
        if (name === "__bases__") return tuple([...(object.bases ?? [])]);
        if (hasOpaqueBase(object)) return unknown(`${object.name}.${name}, perhaps from a base class djship does not read`, origin);
        return methodOf(object, name, this, origin);
      }
      case "object": {
        const own = object.attributes.get(name);
        if (own) return own;
        if (object.type === "builtins.super") return this.superAttribute(object, name, origin);
        if (object.cls) {
          const found = lookupInClass(object.cls, name);
          if (found) return this.bindAttribute(found.value, object.cls, object);
          if (name === "__class__") return object.cls;
          if (name === "__dict__") return dict([...object.attributes].map(([k, v]) => [str(k), v] as const));
          if (hasOpaqueBase(object.cls)) return unknown(`${object.type}.${name}, perhaps from a base class djship does not read`, origin);
          return undefined;
        }
        // An object of a library djship models in part: other attributes are unknown, not missing.
        return (
          methodOf(object, name, this, origin) ??
          (object.type === "python.namespace" ? undefined : unknown(`${object.type}.${name} is not modelled by djship`, origin))
        );
      }
      case "none":
        return methodOf(object, name, this, origin);
      default:
        // Builtin types have more methods than djship models: an unmodelled one is unknown.
        return (
          methodOf(object, name, this, origin) ??
          (UNMODELLED_OK.has(object.kind) ? unknown(`${typeName(object)}.${name} is not modelled by djship`, origin) : undefined)
        );
    }
  }

  private evaluateCall(node: PyNode, frame: Frame): Value {
    const origin = this.origin(node);
    const callee = this.evaluate(fieldOf(node, "function") as PyNode, frame);
    const argumentsNode = fieldOf(node, "arguments");
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    if (argumentsNode?.type === "generator_expression") {
      args.push(this.evaluate(argumentsNode, frame));
    } else if (argumentsNode) {
      for (const child of namedChildren(argumentsNode)) {
        if (child.type === "keyword_argument") {
          kwargs.set(textOf(fieldOf(child, "name") as PyNode), this.evaluate(fieldOf(child, "value") as PyNode, frame));
        } else if (child.type === "list_splat") {
          const inner = namedChildren(child)[0];
          const spread = inner ? this.evaluate(inner, frame) : NONE;
          try {
            args.push(...this.iterate(spread, origin));
          } catch (error) {
            if (!(error instanceof Indeterminate)) throw error;
            return unknownFrom(error.value, "a call with *arguments djship cannot know", origin);
          }
        } else if (child.type === "dictionary_splat") {
          const inner = namedChildren(child)[0];
          const spread = inner ? this.evaluate(inner, frame) : NONE;
          if (spread.kind !== "dict") return unknownFrom(spread, "a call with **arguments djship cannot know", origin);
          for (const entry of spread.entries.values()) {
            if (entry.key.kind === "str") kwargs.set(entry.key.value, entry.value);
          }
        } else {
          args.push(this.evaluate(child, frame));
        }
      }
    }
    // Builtins that read the calling scope (globals(), locals(), vars(), dir(), super()) find it here.
    this.callerFrame = frame;
    return this.call(callee, args, kwargs, origin);
  }

  /**
   * Imports the settings module as Django does, including what settings libraries hook into that
   * import (django-configurations' importer).
   */
  importSettingsModule(name: string, origin: Origin): ModuleRecord | Value {
    const imported = this.importModule(name, origin);
    if (!("file" in imported)) return imported;
    const record = imported as ModuleRecord;
    const frame: Frame = {
      module: record,
      globals: record.namespace,
      locals: undefined,
      enclosing: [],
      globalNames: new Set(),
      pendingReturns: undefined,
      importGuards: 0,
    };
    this.callerFrame = frame;
    this.libraries.loadSettingsModule(record.namespace, name, this);
    return record;
  }

  /** A module as sys.modules[name] gives it, once imported. */
  moduleNamed(name: string): Value | undefined {
    const record = this.modules.get(name);
    return record ? moduleValue(record) : undefined;
  }

  setAttribute(object: Value, name: string, value: Value, origin: Origin): void {
    this.setAttributeOn(object, name, value, origin);
  }

  call(callee: Value, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, origin: Origin): Value {
    switch (callee.kind) {
      case "native":
        return this.callNative(callee, { args, kwargs, origin });
      case "function":
        return this.callFunction(callee, args, kwargs, origin);
      case "class": {
        if (callee.exceptionClass) {
          const message = args[0] ? (pyStr(args[0]) ?? "") : "";
          return { kind: "exception", exceptionClass: callee.exceptionClass, message };
        }
        const members = this.enumMembers.get(callee);
        if (members) return this.enumMemberByValue(callee, members, args[0] ?? NONE, origin);
        const record = recordKind(callee);
        if (record) {
          const made = makeRecord(callee, args, kwargs, origin);
          const postInit = record === "dataclass" ? lookupInClass(callee, "__post_init__") : undefined;
          if (postInit?.value.kind === "function") this.call(postInit.value, [made], new Map(), origin);
          return made;
        }
        const instance: ObjectValue = { kind: "object", type: callee.name, attributes: new Map(), cls: callee };
        const init = lookupInClass(callee, "__init__");
        if (init && (init.value.kind === "function" || init.value.kind === "native")) {
          this.call(init.value, [instance, ...args], kwargs, origin);
        }
        return instance;
      }
      case "object": {
        // A staticmethod is callable as it stands since Python 3.10 (a helper called in its class body).
        if (callee.type === "builtins.staticmethod" && callee.native) return this.call(callee.native as Value, args, kwargs, origin);
        const method = methodOf(callee, "__call__", this, origin);
        if (method) return this.call(method, args, kwargs, origin);
        return raise("TypeError", `'${typeName(callee)}' object is not callable`, origin);
      }
      case "external":
        this.noteExternalCall(callee.name, { args, kwargs, origin });
        return unknown(`the result of ${callee.name}(), which djship does not evaluate`, origin);
      case "unknown":
        return unknown(`the result of calling something djship cannot know (${callee.reason})`, origin, callee.deps);
      case "alternatives":
        return this.alternativesOf(
          callee.options.map((option) => ({
            value:
              option.value.kind === "unbound"
                ? unknown("a call of a name that may be unbound", origin)
                : this.call(option.value, args, kwargs, origin),
            origin: option.origin,
          })),
        );
      default:
        return raise("TypeError", `'${typeName(callee)}' object is not callable`, origin);
    }
  }

  /** `Strategy("local")`: the member with that value, ValueError when none has it. */
  private enumMemberByValue(cls: ClassValue, members: readonly ObjectValue[], wanted: Value, origin: Origin): Value {
    if (members.includes(wanted as ObjectValue)) return wanted;
    let undecided = false;
    for (const member of members) {
      const same = pyEquals(member.attributes.get("value") ?? NONE, wanted);
      if (same === true) return member;
      if (same === undefined) undecided = true;
    }
    if (undecided) return unknownFrom(wanted, `the ${cls.name} member for a value djship cannot know`, origin);
    return raise("ValueError", `${pyRepr(known(wanted)) ?? "value"} is not a valid ${cls.name}`, origin);
  }

  private callNative(callee: Extract<Value, { kind: "native" }>, call: NativeCallArgs): Value {
    if (isPure(callee)) {
      const all = [...call.args, ...call.kwargs.values()];
      const names = [...call.kwargs.keys()];
      return this.lift(
        all,
        (values) => {
          const args = values.slice(0, call.args.length);
          const kwargs = new Map(names.map((name, i) => [name, values[call.args.length + i] as Value]));
          return callee.call({ args, kwargs, origin: call.origin });
        },
        call.origin,
      );
    }
    try {
      return callee.call(call);
    } catch (error) {
      if (error instanceof Indeterminate) {
        return unknownFrom(
          error.value,
          `${callee.name}() of a value djship cannot know`,
          call.origin,
          mergeDeps(...call.args.map((a) => collectDeps(a))),
        );
      }
      throw error;
    }
  }

  private makeFunction(node: PyNode, frame: Frame): FunctionValue {
    const isLambda = node.type === "lambda";
    const parametersNode = fieldOf(node, "parameters");
    const params = parametersNode ? namedChildren(parametersNode) : [];
    const defaults = new Map<string, Value>();
    for (const param of params) {
      if (param.type === "default_parameter" || param.type === "typed_default_parameter") {
        const name = textOf(fieldOf(param, "name") as PyNode);
        defaults.set(name, this.evaluate(fieldOf(param, "value") as PyNode, frame));
      }
    }
    const definition: FunctionDefinition = {
      node,
      params,
      body: fieldOf(node, "body") as PyNode,
      isLambda,
      enclosing: frame.locals ? [frame.locals, ...frame.enclosing] : frame.enclosing,
      module: frame.module,
    };
    const name = isLambda ? "<lambda>" : textOf(fieldOf(node, "name") as PyNode);
    return { kind: "function", name, definition, globals: frame.globals, defaults };
  }

  private callFunction(fn: FunctionValue, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, origin: Origin): Value {
    const definition = fn.definition as FunctionDefinition;
    if (this.callDepth >= this.budget.maxCallDepth) {
      return unknown(`calls nested deeper than ${this.budget.maxCallDepth}`, origin);
    }
    const locals: Namespace = new Map();
    const remaining = new Map(kwargs);
    let position = 0;
    let keywordOnly = false;
    for (const param of definition.params) {
      switch (param.type) {
        case "identifier":
        case "typed_parameter":
        case "default_parameter":
        case "typed_default_parameter": {
          if (param.type === "typed_parameter") {
            const inner = namedChildren(param)[0] as PyNode;
            if (inner.type === "list_splat_pattern") {
              bindStar(inner);
              continue;
            }
            if (inner.type === "dictionary_splat_pattern") {
              bindDoubleStar(inner);
              continue;
            }
          }
          const nameNode =
            param.type === "identifier"
              ? param
              : param.type === "typed_parameter"
                ? (namedChildren(param)[0] as PyNode)
                : (fieldOf(param, "name") as PyNode);
          const name = textOf(nameNode);
          let value: Value | undefined;
          if (!keywordOnly && position < args.length) value = args[position++];
          else if (remaining.has(name)) {
            value = remaining.get(name);
            remaining.delete(name);
          } else value = fn.defaults.get(name);
          if (value === undefined) {
            return raise("TypeError", `${fn.name}() missing required argument: '${name}'`, origin);
          }
          locals.set(name, { value, origin });
          break;
        }
        case "list_splat_pattern":
          bindStar(param);
          break;
        case "dictionary_splat_pattern":
          bindDoubleStar(param);
          break;
        case "keyword_separator":
          keywordOnly = true;
          break;
        default:
          break;
      }
    }
    function bindStar(param: PyNode): void {
      const name = textOf(namedChildren(param)[0] as PyNode);
      locals.set(name, { value: tuple(args.slice(position)), origin });
      position = args.length;
      keywordOnly = true;
    }
    function bindDoubleStar(param: PyNode): void {
      const name = textOf(namedChildren(param)[0] as PyNode);
      locals.set(name, { value: dict([...remaining].map(([k, v]) => [str(k), v] as const)), origin });
      remaining.clear();
    }
    const firstParameter = definition.params[0];
    const firstArgument = firstParameter ? locals.values().next().value?.value : undefined;
    const frame: Frame = {
      module: definition.module,
      globals: fn.globals,
      locals,
      enclosing: definition.enclosing,
      globalNames: new Set(),
      pendingReturns: [],
      importGuards: 0,
      function: fn,
      ...(firstArgument ? { firstArgument } : {}),
    };
    this.callDepth++;
    try {
      return this.runFunction(definition, frame);
    } catch (error) {
      if (!(error instanceof CannotRead && error.escapesCalls)) throw error;
      this.noteUnreadable(error);
      return unknown(`djship could not follow ${fn.name}(): ${error.reason}`, origin);
    } finally {
      this.callDepth--;
    }
  }

  private runFunction(definition: FunctionDefinition, frame: Frame): Value {
    {
      if (definition.isLambda) return this.evaluate(definition.body, frame);
      let result: Value = NONE;
      let resultOrigin: Origin | null = null;
      try {
        this.execBlock(definition.body, frame);
      } catch (error) {
        const returnedEarlier = frame.pendingReturns ?? [];
        if (error instanceof PyRaise && returnedEarlier.length > 0) {
          // Only the paths that did not return before raise (`for x in choices: if x == value: return x`
          // then `raise`): they drop out, as a branch that raises does, and the others' results stand.
          if (this.possibleErrors.length < 100) this.possibleErrors.push({ exception: error.exception, origin: error.origin });
          return withChoiceDeps(this.alternativesOf(returnedEarlier), frame.choiceDeps);
        }
        if (!(error instanceof ReturnSignal)) throw error;
        result = error.value;
        resultOrigin = error.origin;
      }
      const pending = frame.pendingReturns ?? [];
      if (pending.length === 0) return withChoiceDeps(result, frame.choiceDeps);
      return withChoiceDeps(this.alternativesOf([...pending, { value: result, origin: resultOrigin }]), frame.choiceDeps);
    }
  }

  /** The items of an iterable, or Indeterminate when they cannot be known. */
  iterate(value: Value, origin: Origin): readonly Value[] {
    const v = known(value);
    switch (v.kind) {
      case "list":
      case "tuple":
      case "set":
        return v.items;
      case "dict":
        return [...v.entries.values()].map((entry) => entry.key);
      case "str":
        return [...v.value].map((ch) => str(ch, v.deps));
      case "object": {
        const items = recordItems(v);
        if (items) return items;
        const iter = methodOf(v, "__iter__", this, origin);
        if (iter) return this.iterate(this.call(iter, [], new Map(), origin), origin);
        return raise("TypeError", `'${typeName(v)}' object is not iterable`, origin);
      }
      case "class": {
        const members = this.enumMembers.get(v);
        if (members) return members;
        // A metaclass from a base djship does not read may make the class iterable.
        if (hasOpaqueBase(v)) throw new Indeterminate(unknown(`iteration over ${v.name}, whose base class djship does not read`, origin));
        return raise("TypeError", `'type' object is not iterable`, origin);
      }
      default:
        return raise("TypeError", `'${typeName(v)}' object is not iterable`, origin);
    }
  }

  literalEval(text: string, origin: Origin): Value {
    const file = this.source.parseSnippet(text.replace(/^[ \t]+/, ""));
    const statements = namedChildren(file.root);
    const statement = statements[0];
    if (file.syntaxErrors.length > 0 || statements.length !== 1 || statement?.type !== "expression_statement") {
      return raise("SyntaxError", "invalid syntax", origin);
    }
    const expression = namedChildren(statement)[0];
    if (!expression || !isLiteral(expression)) return raise("ValueError", `malformed node or string: ${text}`, origin);
    const frame: Frame = {
      module: { name: "<literal>", absolutePath: "", file, namespace: new Map(), isPackage: false, executing: false },
      globals: new Map(),
      locals: undefined,
      enclosing: [],
      globalNames: new Set(),
      pendingReturns: undefined,
      importGuards: 0,
    };
    return this.evaluate(expression, frame);
  }
}

/** The names an assignment statement binds, for marking them unknown when it cannot be evaluated. */
function assignmentTargets(statement: PyNode): PyNode[] {
  if (statement.type !== "expression_statement") return [];
  const targets: PyNode[] = [];
  for (const child of namedChildren(statement)) {
    let current: PyNode | undefined = child;
    while (current && (current.type === "assignment" || current.type === "augmented_assignment")) {
      const left = fieldOf(current, "left");
      if (left) targets.push(left);
      current = fieldOf(current, "right");
    }
  }
  return targets;
}

function isLiteral(node: PyNode): boolean {
  switch (node.type) {
    case "string":
      return !node.children.some((c) => c.type === "interpolation");
    case "integer":
    case "float":
    case "true":
    case "false":
    case "none":
    case "concatenated_string":
      return true;
    case "unary_operator":
      return namedChildren(node).every(isLiteral);
    case "binary_operator": {
      // ast.literal_eval allows complex numbers written as a + bj only.
      return false;
    }
    case "list":
    case "tuple":
    case "set":
    case "parenthesized_expression":
    case "dictionary":
    case "pair":
      return namedChildren(node).every(isLiteral);
    default:
      return false;
  }
}

/** The name under which a write with a name djship cannot know is recorded in a namespace. */
export const DYNAMIC_ASSIGNMENT = "__djship_dynamic_assignment__";

function namespaceObject(namespace: Namespace): Value {
  return { kind: "object", type: "python.namespace", attributes: new Map(), native: namespace };
}

registerObjectType("python.namespace", (self, name) => {
  const namespace = self.native as Namespace;
  const keyOf = (key: Value | undefined): string | undefined => (key?.kind === "str" ? key.value : undefined);
  const setName = (key: Value | undefined, value: Value, origin: Origin) => {
    const found = keyOf(key);
    if (found === undefined) {
      namespace.set(DYNAMIC_ASSIGNMENT, {
        value: unknown("names assigned through globals() with a name djship cannot know", origin),
        origin,
      });
      return;
    }
    namespace.set(found, { value, origin });
  };
  switch (name) {
    case "__setitem__":
      return native("globals()[]=", ({ args, origin }) => {
        setName(args[0], args[1] ?? NONE, origin);
        return NONE;
      });
    case "__getitem__":
    case "get":
      return native("globals()[]", ({ args, origin }) => {
        const key = keyOf(args[0]);
        if (key === undefined) return unknown("a name djship cannot know", origin);
        const found = namespace.get(key);
        if (found) return found.value;
        if (name === "get") return args[1] ?? NONE;
        return raise("KeyError", `'${key}'`, origin);
      });
    case "__contains__":
      return native("in globals()", ({ args, origin }) => {
        const key = keyOf(args[0]);
        return key === undefined ? unknown("a name djship cannot know", origin) : bool(namespace.has(key));
      });
    case "update":
      return native("globals().update", ({ args, kwargs, origin }) => {
        const source = args[0];
        if (source?.kind === "dict") for (const entry of source.entries.values()) setName(entry.key, entry.value, origin);
        else if (source?.kind === "object" && source.type === "python.namespace") {
          // globals().update(vars(module)): every name of the other module, with where it was set.
          for (const [key, binding] of source.native as Namespace)
            if (key !== DYNAMIC_ASSIGNMENT) namespace.set(key, { value: binding.value, origin: binding.origin ?? origin });
        } else if (source) setName(undefined, NONE, origin);
        for (const [key, value] of kwargs) setName(str(key), value, origin);
        return NONE;
      });
    case "keys":
    case "__iter__":
      return native(`globals().${name}`, () => list(visibleNames(namespace).map((key) => str(key))));
    case "values":
      return native("globals().values", () => list(visibleNames(namespace).map((key) => namespace.get(key)?.value ?? NONE)));
    case "items":
      return native("globals().items", () =>
        list(visibleNames(namespace).map((key) => tuple([str(key), namespace.get(key)?.value ?? NONE]))),
      );
    case "copy":
      return native("globals().copy", () =>
        dict(visibleNames(namespace).map((key) => [str(key), namespace.get(key)?.value ?? NONE] as const)),
      );
    case "__len__":
      return native("len(globals())", () => int(visibleNames(namespace).length));
    case "setdefault":
      return native("globals().setdefault", ({ args, origin }) => {
        const key = keyOf(args[0]);
        const existing = key === undefined ? undefined : namespace.get(key);
        if (existing) return existing.value;
        setName(args[0], args[1] ?? NONE, origin);
        return args[1] ?? NONE;
      });
    default:
      return undefined;
  }
});

/** The name `except E as name` binds: tree-sitter puts it in the as_pattern's alias (or, in older grammars, the clause's). */
function exceptAlias(handler: PyNode): string | undefined {
  const direct = fieldOf(handler, "alias");
  if (direct?.type === "identifier") return textOf(direct);
  for (const value of fieldsOf(handler, "value")) {
    if (value.type !== "as_pattern") continue;
    const target = fieldOf(value, "alias");
    const name = target?.type === "identifier" ? target : target ? namedChildren(target).find((c) => c.type === "identifier") : undefined;
    if (name) return textOf(name);
  }
  return undefined;
}

/** The names a class body annotates (`install_mode: str`, with or without a value), in order, with the annotation's text. */
function annotatedNames(body: PyNode): { name: string; annotation: string }[] {
  const found: { name: string; annotation: string }[] = [];
  for (const statement of namedChildren(body)) {
    if (statement.type !== "expression_statement") continue;
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== "assignment") continue;
    const left = fieldOf(assignment, "left");
    const annotation = fieldOf(assignment, "type");
    if (left?.type === "identifier" && annotation) found.push({ name: textOf(left), annotation: textOf(annotation) });
  }
  return found;
}

/** The names of a namespace as Python lists them, without djship's own bookkeeping entries. */
function visibleNames(namespace: Namespace): string[] {
  return [...namespace.keys()].filter((key) => key !== DYNAMIC_ASSIGNMENT && !key.startsWith("__star_import__"));
}

function moduleValue(record: ModuleRecord): Value {
  return { kind: "module", name: record.name, namespace: record.namespace };
}

function cloneNamespace(namespace: Namespace, seen: Map<Value, Value>): Namespace {
  const copy: Namespace = new Map();
  for (const [name, binding] of namespace) {
    copy.set(name, { value: cloneValue(binding.value, seen), origin: binding.origin });
  }
  return copy;
}

function exceptionClassOf(value: Value): ExceptionClass | undefined {
  if (value.kind === "native" || value.kind === "class") return value.exceptionClass;
  return undefined;
}

function hashKeyOf(value: Value): string | undefined {
  return value.kind === "str" ? `s:${value.value}` : value.kind === "int" ? `n:${value.value}` : undefined;
}

/** An unknown that keeps the reason of the value it came from. */
/** Calls a guard's condition may make and still be replayed per alternative (narrowByGuard). */
const GUARD_FUNCTIONS = new Set(["len", "isinstance", "type", "bool", "str", "int", "callable"]);

/**
 * Alternatives chosen by a condition that reads the environment carry the condition's variables:
 * which one is in effect is the environment's to say (`if os.getenv("X") in ("1", "true"): DEBUG = True`),
 * so rules read them as a value that depends on a variable, not as two paths through the code.
 */
function withChoiceDeps(value: Value, deps: Deps | undefined): Value {
  if (value.kind !== "alternatives" || !deps || deps.env.size === 0) return value;
  return { ...value, deps: mergeDeps(value.deps, deps) };
}

export function unknownFrom(source: Value, fallback: string, origin: Origin, deps?: ReturnType<typeof mergeDeps>): Value {
  const allDeps = mergeDeps(collectDeps(source), deps);
  if (source.kind === "unknown") return unknown(source.reason, source.origin ?? origin, allDeps);
  if (source.kind === "external") return unknown(`${source.name} comes from a package djship does not evaluate`, origin, allDeps);
  return unknown(fallback, origin, allDeps);
}

function parseInteger(text: string, origin: Origin): Value {
  const clean = text.replace(/_/g, "").toLowerCase();
  if (clean.endsWith("j")) return { kind: "external", name: "complex" };
  let value: number;
  if (clean.startsWith("0x")) value = Number.parseInt(clean.slice(2), 16);
  else if (clean.startsWith("0o")) value = Number.parseInt(clean.slice(2), 8);
  else if (clean.startsWith("0b")) value = Number.parseInt(clean.slice(2), 2);
  else if (/^0\d+$/.test(clean) && /[1-9]/.test(clean)) {
    return raise("SyntaxError", "leading zeros in decimal integer literals are not permitted", origin);
  } else value = Number(clean.replace(/l$/, ""));
  return int(value);
}

function parseFloatLiteral(text: string): Value {
  const clean = text.replace(/_/g, "");
  if (/j$/i.test(clean)) return { kind: "external", name: "complex" };
  return float(Number(clean));
}

export type { DictValue, Frame };

/**
 * A Python 2 file is not a broken one: Django may run it under Python 2, and djship reads Python 3,
 * so the settings it holds are djship's unknowns rather than a load error of the project.
 */
function refusePython2(file: PyFile): void {
  const mark = file.syntaxErrors.find((problem) => problem.python2);
  if (!mark) return;
  const place = { file: file.path, line: mark.line, column: mark.column };
  const what = mark.message.replace(/^Python 2 syntax: /, "");
  throw new CannotRead(`the Python 2 syntax at ${file.path}:${mark.line} (${what}); djship reads Python 3`, place);
}

/** A module's or class's docstring: its first statement when that is a plain string literal, else None. */
function docstringOf(block: PyNode | undefined): Value {
  const first = block ? namedChildren(block)[0] : undefined;
  const expression = first?.type === "expression_statement" ? namedChildren(first) : [];
  const literal = expression.length === 1 ? expression[0] : undefined;
  if (!literal || (literal.type !== "string" && literal.type !== "concatenated_string")) return NONE;
  const strings = literal.type === "string" ? [literal] : namedChildren(literal);
  let text = "";
  for (const node of strings) {
    const parts = readStringLiteral(node).parts;
    for (const part of parts) {
      if (!("text" in part)) return NONE;
      text += part.text;
    }
  }
  return str(text);
}
