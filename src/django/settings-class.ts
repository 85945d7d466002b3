import { existsSync } from "node:fs";
import { join } from "node:path";
/**
 * What django.conf.Settings and LazySettings do to a settings module's values after importing it,
 * per release series: the list-or-tuple checks, the STORAGES shims of 4.2 and 5.0, the
 * PASSWORD_RESET_TIMEOUT_DAYS shim of 3.2, the TIME_ZONE check, and the script prefix that
 * `settings.STATIC_URL` gains on access.
 * https://github.com/django/django/blob/stable/5.2.x/django/conf/__init__.py
 */
import { type Alternative, int, type Origin, str, strDict, truthy, type Value } from "../python/value.js";
import { atLeast, type DjangoSeries } from "./versions.js";

export interface SettingBinding {
  value: Value;
  origin: Origin | null;
}

export interface SettingsFailure {
  message: string;
  /** The setting whose value caused it. */
  setting: string;
  origin: Origin | null;
}

function tupleSettings(series: DjangoSeries): string[] {
  const names = ["INSTALLED_APPS", "TEMPLATE_DIRS", "LOCALE_PATHS"];
  // ALLOWED_HOSTS joined in 4.0 (ticket #29606), SECRET_KEY_FALLBACKS arrived in 4.1.
  if (atLeast(series, "4.0")) names.unshift("ALLOWED_HOSTS");
  if (atLeast(series, "4.1")) names.push("SECRET_KEY_FALLBACKS");
  return names;
}

/** Options of a value: itself, or each alternative. */
function options(value: Value): Alternative[] {
  return value.kind === "alternatives" ? [...value.options] : [{ value, origin: null }];
}

/**
 * Applies Settings.__init__ to the explicit settings of a module, in place. Returns the failure
 * Django would raise, if every path raises it; failures on some paths only are returned as possible.
 */
export function applySettingsClass(
  series: DjangoSeries,
  explicit: Map<string, SettingBinding>,
  defaults: ReadonlyMap<string, Value>,
): { failure: SettingsFailure | undefined; possible: SettingsFailure[] } {
  const possible: SettingsFailure[] = [];
  for (const name of tupleSettings(series)) {
    const binding = explicit.get(name);
    if (!binding) continue;
    const bad = options(binding.value).filter((o) => !["list", "tuple", "unknown", "unbound"].includes(o.value.kind));
    if (bad.length === 0) continue;
    const failure: SettingsFailure = {
      message: `The ${name} setting must be a list or a tuple.${series === "3.2" ? " " : ""}`,
      setting: name,
      origin: bad[0]?.origin ?? binding.origin,
    };
    if (binding.value.kind !== "alternatives") return { failure, possible };
    possible.push(failure);
  }

  if (series === "3.2") {
    const days = explicit.get("PASSWORD_RESET_TIMEOUT_DAYS");
    if (days) {
      if (explicit.has("PASSWORD_RESET_TIMEOUT")) {
        return {
          failure: {
            message: "PASSWORD_RESET_TIMEOUT_DAYS/PASSWORD_RESET_TIMEOUT are mutually exclusive.",
            setting: "PASSWORD_RESET_TIMEOUT_DAYS",
            origin: days.origin,
          },
          possible,
        };
      }
      if (days.value.kind === "int") explicit.set("PASSWORD_RESET_TIMEOUT", { value: int(days.value.value * 86400), origin: days.origin });
    }
  }

  const timeZone = explicit.get("TIME_ZONE")?.value ?? defaults.get("TIME_ZONE");
  if (timeZone?.kind === "str" && timeZone.value && !isKnownTimeZone(timeZone.value)) {
    return {
      failure: {
        message: `Incorrect timezone setting: ${timeZone.value}`,
        setting: "TIME_ZONE",
        origin: explicit.get("TIME_ZONE")?.origin ?? null,
      },
      possible,
    };
  }

  // 4.2 and 5.0 keep DEFAULT_FILE_STORAGE / STATICFILES_STORAGE in step with STORAGES. Only names
  // the module itself set count as overridden, as in Settings.is_overridden().
  if (atLeast(series, "4.2") && !atLeast(series, "5.1")) {
    const overridden = new Set(explicit.keys());
    for (const [legacy, alias] of [
      ["DEFAULT_FILE_STORAGE", "default"],
      ["STATICFILES_STORAGE", "staticfiles"],
    ] as const) {
      const binding = explicit.get(legacy);
      if (!binding) continue;
      if (overridden.has("STORAGES")) {
        return { failure: { message: `${legacy}/STORAGES are mutually exclusive.`, setting: legacy, origin: binding.origin }, possible };
      }
      const current = explicit.get("STORAGES")?.value ?? defaults.get("STORAGES");
      if (current?.kind === "dict") {
        const updated = strDict({});
        for (const [hash, entry] of current.entries) updated.entries.set(hash, entry);
        updated.entries.set(`s:${alias}`, { key: str(alias), value: strDict({ BACKEND: binding.value }) });
        explicit.set("STORAGES", { value: updated, origin: binding.origin });
      }
    }
    const own = overridden.has("STORAGES") ? explicit.get("STORAGES") : undefined;
    if (own) {
      const backendOf = (alias: string): Value => {
        if (own.value.kind !== "dict") return { kind: "unknown", reason: "STORAGES is not a dict djship can read" };
        const entry = own.value.entries.get(`s:${alias}`)?.value;
        if (!entry) return { kind: "none" };
        if (entry.kind !== "dict") return { kind: "unknown", reason: "a STORAGES entry djship cannot read" };
        return entry.entries.get("s:BACKEND")?.value ?? { kind: "none" };
      };
      explicit.set("DEFAULT_FILE_STORAGE", { value: backendOf("default"), origin: own.origin });
      explicit.set("STATICFILES_STORAGE", { value: backendOf("staticfiles"), origin: own.origin });
    }
  }
  return { failure: undefined, possible };
}

/** What `settings.NAME` returns for a value the Settings object holds (LazySettings.__getattr__). */
export function lazySettingsValue(name: string, value: Value): Value {
  if ((name === "STATIC_URL" || name === "MEDIA_URL") && value.kind === "str") {
    // _add_script_prefix: a relative URL gains the script prefix, '/' outside a request.
    if (!/^(https?:\/\/|\/)/.test(value.value)) return str(`/${value.value}`, value.deps);
  }
  return value;
}

/** Whether SECRET_KEY would raise "must not be empty" when read. */
export function isEmptySecretKey(value: Value): boolean {
  return truthy(value) === false;
}

const zoneCache = new Map<string, boolean>();
const ZONEINFO = "/usr/share/zoneinfo";
let hasZoneinfo: boolean | undefined;

/**
 * Django's own test: when /usr/share/zoneinfo exists, TIME_ZONE must name a file in it; when it does
 * not (some containers), Django skips the check, and so does djship.
 */
export function isKnownTimeZone(name: string): boolean {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached;
  hasZoneinfo ??= existsSync(ZONEINFO);
  let known = true;
  // zoneinfo_root.joinpath(*TIME_ZONE.split("/")).exists(): a folder such as "America" passes too.
  if (hasZoneinfo) known = existsSync(join(ZONEINFO, ...name.split("/")));
  zoneCache.set(name, known);
  return known;
}
