import type { ExceptionClass, ExceptionValue, Origin } from "../value.js";

/** The builtin exception hierarchy, as far as settings modules catch and raise it. */
const BASES: Record<string, string | null> = {
  BaseException: null,
  Exception: "BaseException",
  SystemExit: "BaseException",
  KeyboardInterrupt: "BaseException",
  ArithmeticError: "Exception",
  ZeroDivisionError: "ArithmeticError",
  OverflowError: "ArithmeticError",
  AssertionError: "Exception",
  AttributeError: "Exception",
  ImportError: "Exception",
  ModuleNotFoundError: "ImportError",
  LookupError: "Exception",
  KeyError: "LookupError",
  IndexError: "LookupError",
  NameError: "Exception",
  OSError: "Exception",
  FileNotFoundError: "OSError",
  PermissionError: "OSError",
  RuntimeError: "Exception",
  RecursionError: "RuntimeError",
  NotImplementedError: "RuntimeError",
  SyntaxError: "Exception",
  TypeError: "Exception",
  ValueError: "Exception",
  UnicodeError: "ValueError",
  UnicodeDecodeError: "UnicodeError",
  JSONDecodeError: "ValueError",
  Warning: "Exception",
  BlockingIOError: "OSError",
  ConnectionError: "OSError",
  BrokenPipeError: "ConnectionError",
  ConnectionAbortedError: "ConnectionError",
  ConnectionRefusedError: "ConnectionError",
  ConnectionResetError: "ConnectionError",
  FileExistsError: "OSError",
  IsADirectoryError: "OSError",
  NotADirectoryError: "OSError",
  InterruptedError: "OSError",
  ProcessLookupError: "OSError",
  ChildProcessError: "OSError",
  TimeoutError: "OSError",
  EnvironmentError: "OSError",
  IOError: "OSError",
  EOFError: "Exception",
  StopIteration: "Exception",
  StopAsyncIteration: "Exception",
  GeneratorExit: "BaseException",
  MemoryError: "Exception",
  BufferError: "Exception",
  ReferenceError: "Exception",
  SystemError: "Exception",
  UnboundLocalError: "NameError",
  FloatingPointError: "ArithmeticError",
  IndentationError: "SyntaxError",
  TabError: "IndentationError",
  UnicodeEncodeError: "UnicodeError",
  UnicodeTranslateError: "UnicodeError",
  PendingDeprecationWarning: "Warning",
  RuntimeWarning: "Warning",
  SyntaxWarning: "Warning",
  FutureWarning: "Warning",
  ImportWarning: "Warning",
  UnicodeWarning: "Warning",
  BytesWarning: "Warning",
  ResourceWarning: "Warning",
  EncodingWarning: "Warning",
  ExceptionGroup: "Exception",
  BaseExceptionGroup: "BaseException",
  UserWarning: "Warning",
  DeprecationWarning: "Warning",
  // Library exceptions djship models.
  ImproperlyConfigured: "Exception",
  UndefinedValueError: "Exception",
  ParseError: "ValueError",
  UnknownSchemeError: "ValueError",
};

const classes = new Map<string, ExceptionClass>();

/** The class of a builtin or modelled exception by name, or a new direct subclass of Exception. */
export function exceptionClass(name: string, base?: ExceptionClass): ExceptionClass {
  const cached = classes.get(name);
  if (cached && !base) return cached;
  let mro: string[];
  if (base) {
    mro = [name, ...base.mro];
  } else if (name in BASES) {
    mro = [];
    let current: string | null = name;
    while (current) {
      mro.push(current);
      current = BASES[current] ?? null;
    }
  } else {
    mro = [name, "Exception", "BaseException"];
  }
  const made: ExceptionClass = { name, mro };
  if (!base) classes.set(name, made);
  return made;
}

/** Every builtin exception name, for the builtins namespace. */
export const BUILTIN_EXCEPTIONS: readonly string[] = Object.keys(BASES).filter(
  (name) => !["ImproperlyConfigured", "UndefinedValueError", "ParseError", "UnknownSchemeError", "JSONDecodeError"].includes(name),
);

export function isBuiltinException(name: string): boolean {
  return name in BASES;
}

/** Why an exception escaped a module: the settings would refuse to load. */
export type LoadErrorKind = "missing-env" | "improperly-configured" | "import" | "syntax" | "runtime";

/** A Python exception in flight through the abstract interpreter. */
export class PyRaise extends Error {
  constructor(
    readonly exception: ExceptionValue,
    readonly origin: Origin,
    /** Set for syntax errors and failed imports, which have a kind of their own. */
    readonly kindHint?: LoadErrorKind,
  ) {
    super(`${exception.exceptionClass.name}: ${exception.message}`);
  }

  isInstance(name: string): boolean {
    return this.exception.exceptionClass.mro.includes(name);
  }
}

export function makeException(name: string, message: string, variable?: string): ExceptionValue {
  const exception: ExceptionValue = { kind: "exception", exceptionClass: exceptionClass(name), message };
  return variable ? { ...exception, variable } : exception;
}

/** Raises a Python exception from native code. */
export function raise(name: string, message: string, origin: Origin, variable?: string): never {
  throw new PyRaise(makeException(name, message, variable), origin);
}

/**
 * Evaluation went past one of its bounds (steps, time, depth). Not a Python exception: `except`
 * clauses never catch it, and the evaluation as a whole reports what it could not finish.
 */
export class EvaluationLimit extends Error {
  override name = "EvaluationLimit";
}

/**
 * djship cannot follow the code here (a file it may not read, a construct it does not model). Not
 * a Python exception: `except` clauses never catch it, and the settings that depend on it are
 * reported unknown, with what, where and why, instead of as a failure of the project.
 */
export class CannotRead extends Error {
  override name = "CannotRead";
  constructor(
    readonly reason: string,
    readonly origin: Origin,
    /**
     * Inside a function, the whole call is unknown rather than the one statement: skipping a
     * statement there could skip a `return` and make a later one's value look certain.
     */
    readonly escapesCalls = false,
  ) {
    super(reason);
  }
}
