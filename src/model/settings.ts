import { globalDefaults } from "../django/defaults.js";
import { applySettingsClass, lazySettingsValue, type SettingBinding } from "../django/settings-class.js";
import type { DjangoSeries } from "../django/versions.js";
import { type EnvironmentMode, EnvState } from "../python/evaluate/env-state.js";
import { CannotRead, EvaluationLimit, type LoadErrorKind, PyRaise } from "../python/evaluate/exceptions.js";
import {
  DEFAULT_BUDGET,
  DYNAMIC_ASSIGNMENT,
  type EvaluationBudget,
  type ExternalCall,
  Interpreter,
  type ModuleSource,
  type PossibleError,
  type Unreadable,
} from "../python/evaluate/interpreter.js";
import { fromJson, type Origin, str, unknown, type Value } from "../python/value.js";

export interface LoadError {
  kind: LoadErrorKind;
  /** The environment variable whose absence stops the settings from loading, when that is the cause. */
  variable: string | null;
  message: string;
  file: string | null;
  line: number | null;
}

export interface ResolvedSetting {
  readonly name: string;
  /** The value `django.conf.settings.NAME` would hold: possibly unknown, or alternatives. */
  readonly value: Value;
  /** Where it was assigned; null when it is Django's default. */
  readonly origin: Origin | null;
  readonly isDefault: boolean;
}

export interface SettingsEvaluation {
  readonly settingsModule: string;
  readonly djangoVersion: DjangoSeries;
  readonly environment: EnvironmentMode;
  readonly loadError: LoadError | null;
  /** Every setting Django would hold, sorted by name. Empty when the settings fail to load. */
  readonly settings: ReadonlyMap<string, ResolvedSetting>;
  readonly externalCalls: readonly ExternalCall[];
  readonly possibleErrors: readonly PossibleError[];
  readonly importCycles: readonly string[][];
  /** Project files the evaluation read, relative to the root. */
  readonly files: readonly string[];
  /** Set when evaluation stopped at one of its bounds: then nothing is known for certain. */
  readonly limit: string | null;
  /**
   * What djship could not follow (a file it will not read, Python it does not model), where and
   * why: djship's limits, never a failure of the project. The settings it touches are unknown.
   */
  readonly unreadable: readonly Unreadable[];
}

export interface SettingsEvaluationOptions {
  source: ModuleSource;
  settingsModule: string;
  djangoVersion: DjangoSeries;
  environment: EnvironmentMode;
  budget?: EvaluationBudget;
  /**
   * Variables the entry point (wsgi.py, manage.py) sets with os.environ.setdefault before Django
   * loads the settings, that settings libraries read at import: DJANGO_CONFIGURATION.
   */
  entryDefaults?: ReadonlyMap<string, string>;
}

function loadErrorOf(error: PyRaise): LoadError {
  const exception = error.exception;
  const variable = exception.variable ?? null;
  let kind: LoadErrorKind;
  if (error.kindHint) kind = error.kindHint;
  else if (variable) kind = "missing-env";
  else if (error.isInstance("ImportError")) kind = "import";
  else if (error.isInstance("SyntaxError")) kind = "syntax";
  else if (error.isInstance("ImproperlyConfigured")) kind = "improperly-configured";
  else kind = "runtime";
  return {
    kind,
    variable,
    message: `${exception.exceptionClass.name}: ${exception.message}`.slice(0, 1000),
    file: error.origin.file || null,
    line: error.origin.line || null,
  };
}

/**
 * Evaluates a settings module for one environment, without running it: what
 * `django.conf.settings` would hold, each value with the place it was assigned.
 */
export function evaluateSettingsModule(options: SettingsEvaluationOptions): SettingsEvaluation {
  const first = evaluateOnce(options);
  if (options.environment.kind !== "unset" || first.evaluation.loadError === null) return first.evaluation;
  // With every optional variable unset, settings that raise right after reading one unset
  // (`SECRET_KEY = os.getenv("X")` then `if not SECRET_KEY: raise ImproperlyConfigured`) require it,
  // as `os.environ["X"]` would: read them again with it provided, so the other defaults still show.
  const required = new Set(options.environment.required ?? []);
  let last = first;
  for (let attempt = 0; attempt < MAX_REQUIRED_RETRIES; attempt++) {
    const variable = last.lastUnsetRead;
    if (variable === undefined || required.has(variable)) break;
    required.add(variable);
    last = evaluateOnce({ ...options, environment: { kind: "unset", required: new Set(required) } });
    if (last.evaluation.loadError === null) return last.evaluation;
  }
  return first.evaluation;
}

/** How many variables a raise may make required, one after the other, before the load error stands. */
const MAX_REQUIRED_RETRIES = 3;

function evaluateOnce(options: SettingsEvaluationOptions): { evaluation: SettingsEvaluation; lastUnsetRead: string | undefined } {
  const { environment } = options;
  const env = new EnvState(environment);
  const evaluation = evaluateIn(options, env);
  return { evaluation, lastUnsetRead: env.unsetReads.last };
}

function evaluateIn(options: SettingsEvaluationOptions, env: EnvState): SettingsEvaluation {
  const { source, settingsModule, djangoVersion, environment } = options;
  for (const [name, value] of options.entryDefaults ?? []) env.setDefault(name, value);
  const interpreter = new Interpreter(source, env, djangoVersion, options.budget ?? DEFAULT_BUDGET);
  const base = {
    settingsModule,
    djangoVersion,
    environment,
    externalCalls: interpreter.externalCalls,
    possibleErrors: interpreter.possibleErrors,
    importCycles: interpreter.importCycles,
    unreadable: interpreter.unreadable,
  };
  const files = () => [
    ...new Set(
      [...[...interpreter.modules.values()].map((m) => m.file.path), ...interpreter.includedFiles].filter((p) => p !== "<string>"),
    ),
  ];
  let namespaceModule: ReturnType<Interpreter["importModule"]>;
  try {
    namespaceModule = interpreter.importSettingsModule(settingsModule, { file: "", line: 0, column: 0 });
  } catch (error) {
    if (error instanceof PyRaise) {
      return { ...base, loadError: loadErrorOf(error), settings: new Map(), files: files(), limit: null };
    }
    if (error instanceof CannotRead) {
      interpreter.unreadable.push({ reason: error.reason, origin: error.origin });
      const reason = `djship could not read ${error.reason}`;
      return { ...base, loadError: null, settings: unknownSettings(djangoVersion, reason), files: files(), limit: null };
    }
    if (error instanceof EvaluationLimit) {
      return { ...base, loadError: null, settings: unknownSettings(djangoVersion, error.message), files: files(), limit: error.message };
    }
    throw error;
  }
  if (!("namespace" in namespaceModule) || !("file" in namespaceModule)) {
    return {
      ...base,
      loadError: {
        kind: "import",
        variable: null,
        message: `ModuleNotFoundError: No module named '${settingsModule}'`,
        file: null,
        line: null,
      },
      settings: new Map(),
      files: files(),
      limit: null,
    };
  }
  const explicit = new Map<string, SettingBinding>();
  const dynamic = namespaceModule.namespace.get(DYNAMIC_ASSIGNMENT);
  for (const [name, binding] of namespaceModule.namespace) {
    if (isSettingName(name)) explicit.set(name, { value: binding.value, origin: binding.origin });
  }
  const defaults = new Map<string, Value>();
  for (const [name, value] of globalDefaults(djangoVersion)) defaults.set(name, fromJson(value));
  const { failure } = applySettingsClass(djangoVersion, explicit, defaults);
  if (failure) {
    return {
      ...base,
      loadError: {
        kind: failure.setting === "TIME_ZONE" ? "runtime" : "improperly-configured",
        variable: null,
        message: `${failure.setting === "TIME_ZONE" ? "ValueError" : "ImproperlyConfigured"}: ${failure.message}`,
        file: failure.origin?.file ?? null,
        line: failure.origin?.line ?? null,
      },
      settings: new Map(),
      files: files(),
      limit: null,
    };
  }
  // Settings.__init__ records the module it loaded as a setting of its own.
  if (!explicit.has("SETTINGS_MODULE")) explicit.set("SETTINGS_MODULE", { value: str(settingsModule), origin: null });
  const settings = new Map<string, ResolvedSetting>();
  const names = [...new Set([...defaults.keys(), ...explicit.keys()])].sort();
  for (const name of names) {
    const own = explicit.get(name);
    if (own && own.value.kind !== "unbound") {
      settings.set(name, {
        name,
        value: lazySettingsValue(name, resolveUnbound(own.value, defaults.get(name))),
        origin: own.origin,
        isDefault: false,
      });
    } else {
      const value = defaults.get(name);
      // Names written through globals() with a computed name may override any default.
      // On a path that writes nothing through globals(), the setting keeps Django's default.
      if (value && dynamic)
        settings.set(name, { name, value: resolveUnbound(dynamic.value, value), origin: dynamic.origin, isDefault: false });
      else if (value) settings.set(name, { name, value: lazySettingsValue(name, value), origin: null, isDefault: true });
    }
  }
  return { ...base, loadError: null, settings, files: files(), limit: null };
}

/** Alternatives where a path left a name unassigned take Django's default on that path. */
function resolveUnbound(value: Value, fallback: Value | undefined): Value {
  if (value.kind !== "alternatives") return value;
  const options = value.options.map((option) =>
    option.value.kind === "unbound"
      ? { value: fallback ?? unknown("not set on this path, and Django has no default"), origin: null }
      : option,
  );
  return { ...value, options };
}

/** Django reads every upper-case module attribute as a setting (`setting.isupper()`). */
export function isSettingName(name: string): boolean {
  return name === name.toUpperCase() && name !== name.toLowerCase();
}

/**
 * Settings djship did not read at all, because which module runs is decided by code it does not
 * follow: every setting unknown, the reason as the limit (CFG105 says so; no settings rule fires).
 */
export function settingsNotFollowed(options: SettingsEvaluationOptions, reason: string): SettingsEvaluation {
  return {
    settingsModule: options.settingsModule,
    djangoVersion: options.djangoVersion,
    environment: options.environment,
    loadError: null,
    settings: unknownSettings(options.djangoVersion, reason),
    externalCalls: [],
    possibleErrors: [],
    importCycles: [],
    files: [],
    limit: reason,
    unreadable: [],
  };
}

function unknownSettings(series: DjangoSeries, reason: string): Map<string, ResolvedSetting> {
  const settings = new Map<string, ResolvedSetting>();
  for (const name of globalDefaults(series).keys()) {
    settings.set(name, { name, value: unknown(reason), origin: null, isDefault: false });
  }
  return settings;
}
