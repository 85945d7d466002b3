/**
 * The few parts of Django that settings modules use as values: ImproperlyConfigured, the lazy
 * translation functions (which return the text itself here), global_settings and the message
 * levels. Everything else under `django.` is left external.
 */
import { globalDefaults } from "../../django/defaults.js";
import { isDjangoSeries } from "../../django/versions.js";
import { fromJson, int, NONE, RANDOM_AT_START, str, tuple, unknown, type Value } from "../value.js";
import { exceptionNative } from "./builtins.js";
import { moduleOf, type NativeLibrary } from "./library.js";
import { type Host, native } from "./natives.js";

function translation(): Value {
  const identity = (name: string) => native(name, ({ args }) => args[args.length - 1] ?? str(""), { pure: true });
  const names = ["gettext_lazy", "gettext", "gettext_noop", "ugettext_lazy", "ugettext", "ugettext_noop", "pgettext_lazy", "pgettext", "_"];
  return moduleOf("django.utils.translation", Object.fromEntries(names.map((name) => [name, identity(name)])));
}

function messagesConstants(): Value {
  return moduleOf("django.contrib.messages.constants", {
    DEBUG: int(10),
    INFO: int(20),
    SUCCESS: int(25),
    WARNING: int(30),
    ERROR: int(40),
  });
}

function djangoModule(name: string, host: Host): Value | undefined {
  switch (name) {
    case "django": {
      const [major = "0", minor = "0"] = host.djangoVersion.split(".");
      return moduleOf("django", {
        VERSION: tuple([int(Number(major)), int(Number(minor)), int(0), str("final"), int(0)]),
        get_version: native("django.get_version", () => str(host.djangoVersion)),
      });
    }
    case "django.core.exceptions":
      return moduleOf(name, { ImproperlyConfigured: exceptionNative("ImproperlyConfigured") });
    case "django.utils.translation":
      return translation();
    case "django.conf.global_settings": {
      if (!isDjangoSeries(host.djangoVersion)) return undefined;
      const values: Record<string, Value> = {};
      for (const [key, value] of globalDefaults(host.djangoVersion)) values[key] = fromJson(value);
      return moduleOf(name, values);
    }
    case "django.conf":
      return moduleOf(name, {
        global_settings: djangoModule("django.conf.global_settings", host) ?? NONE,
        settings: { kind: "external", name: "django.conf.settings" },
      });
    case "django.contrib.messages":
      return moduleOf(name, {
        constants: messagesConstants(),
        ...Object.fromEntries(
          ["DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR"].map((level, i) => [level, int([10, 20, 25, 30, 40][i] as number)]),
        ),
      });
    case "django.contrib.messages.constants":
      return messagesConstants();
    case "django.utils.csp": {
      // 6.0+: the CSP constants settings modules build SECURE_CSP from (a StrEnum, so plain strings).
      const [major = 0] = host.djangoVersion.split(".").map(Number);
      if (major < 6) return undefined;
      const constants: Record<string, string> = {
        HEADER_ENFORCE: "Content-Security-Policy",
        HEADER_REPORT_ONLY: "Content-Security-Policy-Report-Only",
        NONE: "'none'",
        REPORT_SAMPLE: "'report-sample'",
        SELF: "'self'",
        STRICT_DYNAMIC: "'strict-dynamic'",
        UNSAFE_EVAL: "'unsafe-eval'",
        UNSAFE_HASHES: "'unsafe-hashes'",
        UNSAFE_INLINE: "'unsafe-inline'",
        WASM_UNSAFE_EVAL: "'wasm-unsafe-eval'",
        NONCE: "<CSP_NONCE_SENTINEL>",
      };
      const attributes = new Map<string, Value>(Object.entries(constants).map(([key, text]) => [key, str(text)]));
      return moduleOf(name, { CSP: { kind: "class", name: "CSP", attributes } });
    }
    case "django.core.management.utils":
      return moduleOf(name, {
        get_random_secret_key: native("get_random_secret_key", ({ origin }) => unknown(RANDOM_AT_START, origin)),
      });
    default:
      return undefined;
  }
}

/** Django itself, as far as settings modules use it as values. */
export const djangoLibrary: NativeLibrary = { roots: ["django"], module: djangoModule };
