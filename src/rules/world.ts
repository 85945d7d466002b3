import { contribApp } from "../django/known-code.js";
import type { DjangoSeries } from "../django/versions.js";
import type { ProjectCode } from "../model/project-code.js";
import type { ResolvedSetting } from "../model/settings.js";
import { type Alternative, hashKey, type Origin, pyEquals, pyRepr, str, truthy, type Value } from "../python/value.js";

/** A three-valued answer: true, false, or undefined when djship cannot know. */
export type Tri = boolean | undefined;

/**
 * The settings as one possible run of Django would hold them: where a setting has alternatives,
 * the world has chosen one of them. Rules written against a world read like Django's own checks;
 * the rule runner replays them in every world that matters and tracks which settings they read.
 */
export class World {
  readonly reads = new Set<string>();

  constructor(
    private readonly settings: ReadonlyMap<string, ResolvedSetting>,
    private readonly choices: ReadonlyMap<string, number>,
    readonly series: DjangoSeries,
    /** "actual" is the environment asked for; "unset" has every optional variable unset. */
    readonly kind: "actual" | "unset",
    /**
     * The project's own code (apps, models, URLconfs, folders), for checks that Django decides by
     * importing it; undefined where a rule runs without a project.
     */
    readonly code?: ProjectCode,
  ) {}

  private chosen(name: string): Alternative | undefined {
    this.reads.add(name);
    const setting = this.settings.get(name);
    if (!setting) return undefined;
    if (setting.value.kind === "alternatives") {
      const index = this.choices.get(name);
      if (index !== undefined) return setting.value.options[index];
    }
    return { value: setting.value, origin: setting.origin };
  }

  /** The value `settings.NAME` holds in this world; an unknown value when the setting is absent. */
  value(name: string): Value {
    return this.chosen(name)?.value ?? { kind: "unknown", reason: `${name} is not a setting of this Django version` };
  }

  has(name: string): boolean {
    return this.settings.has(name);
  }

  /**
   * `settings.is_overridden(NAME)`: the settings module assigned it (on the path this world takes),
   * whatever the value, even Django's default.
   */
  isOverridden(name: string): boolean {
    this.reads.add(name);
    const setting = this.settings.get(name);
    if (!setting || setting.isDefault) return false;
    if (setting.value.kind === "alternatives" && this.choices.has(name)) return this.origin(name) !== null;
    return true;
  }

  origin(name: string): Origin | null {
    return this.chosen(name)?.origin ?? null;
  }

  /** Python truthiness of the setting. */
  truthy(name: string): Tri {
    return truthy(this.value(name));
  }

  /** `settings.NAME is True`. */
  isTrue(name: string): Tri {
    const value = this.value(name);
    if (value.kind === "bool") return value.value;
    return isKnown(value) ? false : undefined;
  }

  /** `settings.NAME is None`. */
  isNone(name: string): Tri {
    const value = this.value(name);
    if (value.kind === "none") return true;
    return isKnown(value) ? false : undefined;
  }

  /** `settings.NAME == literal`. */
  equals(name: string, literal: Value): Tri {
    return pyEquals(this.value(name), literal);
  }

  /** `item in settings.NAME` for a string item: list, tuple, set, dict keys or substring. */
  contains(name: string, item: string): Tri {
    return containsString(this.value(name), item);
  }

  /**
   * `apps.is_installed(name)`: whether an INSTALLED_APPS entry installs the app whose AppConfig.name
   * is `name` ("django.contrib.admin" is installed by "django.contrib.admin.apps.AdminConfig" too).
   */
  installed(name: string): Tri {
    const entries = this.items("INSTALLED_APPS");
    if (!entries) return undefined;
    let result: Tri = false;
    for (const item of entries) {
      if (item.kind !== "str") {
        result = undefined;
        continue;
      }
      const entry = item.value;
      if (entry === name) return true;
      const app = contribApp(entry) ?? this.code?.app(entry);
      if (app) {
        if (app.name === name) return true;
        continue;
      }
      // A third-party module entry installs the app of that name (its AppConfig.name, by the
      // convention every package follows); a third-party AppConfig class path may name any app.
      if (this.code?.whereIs(entry) === "project" || /(^|\.)[A-Z]\w*$/.test(entry)) result = undefined;
    }
    return result;
  }

  /** The setting's value as Python would print it, for messages (never for secrets). */
  repr(name: string): string {
    return pyRepr(this.value(name)) ?? "a value djship cannot know";
  }

  /** The setting's value when it is a known str. */
  string(name: string): string | undefined {
    const value = this.value(name);
    return value.kind === "str" ? value.value : undefined;
  }

  /** The items of a known list, tuple or set (items may themselves be unknown). */
  items(name: string): readonly Value[] | undefined {
    const value = this.value(name);
    return value.kind === "list" || value.kind === "tuple" || value.kind === "set" ? value.items : undefined;
  }
}

function isKnown(value: Value): boolean {
  return value.kind !== "unknown" && value.kind !== "alternatives" && value.kind !== "external";
}

/** `item in container` for a string item, three-valued. */
export function containsString(container: Value, item: string): Tri {
  switch (container.kind) {
    case "str":
      return container.value.includes(item);
    case "list":
    case "tuple":
    case "set": {
      let result: Tri = false;
      for (const candidate of container.items) {
        const same = pyEquals(candidate, str(item));
        if (same === true) return true;
        if (same === undefined) result = undefined;
      }
      return result;
    }
    case "dict": {
      const hash = hashKey(str(item));
      if (hash && container.entries.has(hash)) return true;
      return [...container.entries.values()].some((entry) => !isKnown(entry.key)) ? undefined : false;
    }
    default:
      return isKnown(container) ? false : undefined;
  }
}
