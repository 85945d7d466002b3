import { type EnvironmentMode, EnvState } from "../../python/evaluate/env-state.js";
import { EvaluationLimit, PyRaise } from "../../python/evaluate/exceptions.js";
import { DEFAULT_BUDGET, Interpreter, type ModuleSource } from "../../python/evaluate/interpreter.js";
import type { PyFile } from "../../python/parse.js";
import { collectDeps, type Origin, type Value } from "../../python/value.js";

/** The gunicorn settings djship reads from a config file (https://docs.gunicorn.org/en/stable/settings.html). */
export const GUNICORN_SETTINGS = [
  "bind",
  "workers",
  "threads",
  "worker_class",
  "timeout",
  "graceful_timeout",
  "keepalive",
  "forwarded_allow_ips",
  "proxy_protocol",
  "proxy_allow_ips",
  "max_requests",
  "max_requests_jitter",
  "wsgi_app",
  "preload_app",
  "reload",
  "worker_connections",
  "limit_request_line",
  "chdir",
  "user",
] as const;

export type GunicornSetting = (typeof GUNICORN_SETTINGS)[number];

export interface GunicornValue {
  readonly value: Value;
  readonly origin: Origin | null;
  /** Environment variables the value depends on. */
  readonly env: readonly string[];
}

export interface GunicornConfig {
  readonly path: string;
  readonly settings: ReadonlyMap<GunicornSetting, GunicornValue>;
  readonly problems: readonly { line: number; message: string }[];
}

/** The module name the config file is imported under: gunicorn execs the file, it is no package. */
const VIRTUAL_MODULE = "__djship_gunicorn_conf__";

/** A module source where one extra module name maps to the config file; everything else is the project's. */
class ConfigSource implements ModuleSource {
  readonly importRoots: readonly string[];
  private readonly virtualPath: string;
  constructor(
    private readonly inner: ModuleSource,
    private readonly absolutePath: string,
  ) {
    this.virtualPath = `${inner.displayRoot}/.djship-virtual/${VIRTUAL_MODULE}.py`;
    this.importRoots = [`${inner.displayRoot}/.djship-virtual`, ...inner.importRoots];
  }
  get displayRoot(): string {
    return this.inner.displayRoot;
  }
  isFile(path: string): boolean | undefined {
    return path === this.virtualPath ? true : this.inner.isFile(path);
  }
  isDirectory(path: string): boolean | undefined {
    return this.inner.isDirectory(path);
  }
  readText(path: string): string | undefined {
    return this.inner.readText(path === this.virtualPath ? this.absolutePath : path);
  }
  loadPython(path: string): { ok: true; file: PyFile } | { ok: false; message: string; line?: number } {
    return this.inner.loadPython(path === this.virtualPath ? this.absolutePath : path);
  }
  parseSnippet(text: string): PyFile {
    return this.inner.parseSnippet(text);
  }
  relative(path: string): string {
    return this.inner.relative(path === this.virtualPath ? this.absolutePath : path);
  }
}

/**
 * Evaluates a gunicorn.conf.py with the abstract interpreter, as gunicorn does: it executes the
 * file and reads its module-level names. Values may be unknown (an environment variable in the
 * "any" environment); a file that fails to load gives a problem, not an exception.
 */
export function evaluateGunicornConfig(options: {
  source: ModuleSource;
  /** Path relative to the source's display root. */
  path: string;
  environment: EnvironmentMode;
  djangoVersion: string;
}): GunicornConfig {
  const absolute = `${options.source.displayRoot}/${options.path}`;
  const source = new ConfigSource(options.source, absolute);
  const interpreter = new Interpreter(source, new EnvState(options.environment), options.djangoVersion, {
    ...DEFAULT_BUDGET,
    maxMillis: 2_000,
  });
  const settings = new Map<GunicornSetting, GunicornValue>();
  const problems: { line: number; message: string }[] = [];
  try {
    const module = interpreter.importModule(VIRTUAL_MODULE, { file: options.path, line: 1, column: 1 });
    if ("namespace" in module && "file" in module) {
      for (const name of GUNICORN_SETTINGS) {
        const binding = module.namespace.get(name);
        if (!binding) continue;
        settings.set(name, {
          value: binding.value,
          origin: binding.origin,
          env: [...(collectDeps(binding.value)?.env.keys() ?? [])].sort(),
        });
      }
    } else problems.push({ line: 1, message: "cannot be loaded" });
  } catch (error) {
    if (error instanceof PyRaise)
      problems.push({ line: error.origin.line || 1, message: `${error.exception.exceptionClass.name}: ${error.exception.message}` });
    else if (error instanceof EvaluationLimit) problems.push({ line: 1, message: error.message });
    else problems.push({ line: 1, message: error instanceof Error ? error.message : String(error) });
  }
  return { path: options.path, settings, problems };
}
