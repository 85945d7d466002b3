/**
 * What the template and admin rules share: TEMPLATES as django.template.engines builds it, and the
 * subclass tests of contrib.admin's check_dependencies (which, unlike the security checks, accept a
 * subclass of the middleware or backend it looks for).
 */
import { DJANGO_TEMPLATES, djangoClass } from "../../django/known-code.js";
import type { DictValue, Value } from "../../python/value.js";
import type { Tri, World } from "../world.js";

export interface TemplateEngine {
  readonly index: number;
  readonly config: DictValue;
  /** isinstance(engine, DjangoTemplates). */
  readonly isDjango: Tri;
}

/** The TEMPLATES entries, or undefined when the setting or an entry is not a known dict. */
export function templateEngines(world: World): TemplateEngine[] | undefined {
  const templates = world.items("TEMPLATES");
  if (!templates) return undefined;
  const engines: TemplateEngine[] = [];
  for (const [index, config] of templates.entries()) {
    if (config.kind !== "dict") return undefined;
    const backend = config.entries.get("s:BACKEND")?.value;
    engines.push({ index, config, isDjango: backend ? isSubclassPath(world, backend, DJANGO_TEMPLATES) : undefined });
  }
  return engines;
}

/** The first DjangoTemplates engine (what admin's check examines), null when there is none. */
export function firstDjangoEngine(world: World): TemplateEngine | null | undefined {
  const engines = templateEngines(world);
  if (!engines) return undefined;
  for (const engine of engines) {
    if (engine.isDjango === true) return engine;
    if (engine.isDjango === undefined) return undefined;
  }
  return null;
}

/** A key of an engine's OPTIONS dict; `fallback` when absent, undefined when not known. */
export function engineOption(engine: TemplateEngine, key: string, fallback: Value): Value | undefined {
  const options = engine.config.entries.get("s:OPTIONS")?.value;
  if (!options) return fallback;
  if (options.kind !== "dict") return undefined;
  return options.entries.get(`s:${key}`)?.value ?? fallback;
}

/** `name in engine.context_processors` (the OPTIONS list, compared exactly). */
export function hasContextProcessor(engine: TemplateEngine, name: string): Tri {
  const processors = engineOption(engine, "context_processors", { kind: "list", items: [] });
  if (!processors || (processors.kind !== "list" && processors.kind !== "tuple")) return undefined;
  let result: Tri = false;
  for (const item of processors.items) {
    if (item.kind === "str") {
      if (item.value === name) return true;
    } else result = undefined;
  }
  return result;
}

/** issubclass(import_string(path), target): ImportError counts as no (admin's checks skip it). */
export function isSubclassPath(world: World, path: Value, target: string): Tri {
  if (path.kind !== "str") return undefined;
  const ancestors = djangoClass(path.value);
  if (ancestors) return ancestors.includes(target);
  const code = world.code;
  if (!code || path.value.startsWith("django.")) return undefined;
  const symbol = code.dotted(path.value);
  if (symbol.kind === "missing-module" || symbol.kind === "missing-attribute") return false;
  return code.isSubclass(symbol, target);
}

/** admin/checks.py _contains_subclass(target, settings.NAME). */
export function containsSubclass(world: World, setting: string, target: string): Tri {
  const items = world.items(setting);
  if (!items) return undefined;
  let result: Tri = false;
  for (const item of items) {
    const sub = isSubclassPath(world, item, target);
    if (sub === true) return true;
    if (sub === undefined) result = undefined;
  }
  return result;
}

/** auth/checks.py _subclass_index: the first entry that is the class or a subclass, -1 when none. */
export function subclassIndex(world: World, setting: string, target: string): number | undefined {
  const items = world.items(setting);
  if (!items) return undefined;
  for (const [index, item] of items.entries()) {
    const sub = isSubclassPath(world, item, target);
    if (sub === true) return index;
    if (sub === undefined) return undefined;
  }
  return -1;
}
