import { hashKey, str, type Value } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";

function entry(dict: Value, key: string): Value | undefined {
  if (dict.kind !== "dict") return undefined;
  const hash = hashKey(str(key));
  return hash ? dict.entries.get(hash)?.value : undefined;
}

/** Loggers whose configuration keeps Django's request errors: naming one re-enables it and its children. */
const DJANGO_LOGGERS = ["django", "django.request"];

export default defineSettingsRule({
  code: "OBS100",
  slug: "logging-missing",
  area: "observability",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "LOGGING is not configured, or it disables Django's own loggers so that request errors are dropped.",
    why: "Django's default logging prints to the console only while DEBUG is on: in production, the traceback of a 500 goes nowhere but an e-mail to ADMINS. A LOGGING dict without 'disable_existing_loggers': False (dictConfig defaults it to True) switches off the django loggers Django set up before it, and with them every request error, unless it configures the django logger again.",
    fix: "Set LOGGING with 'disable_existing_loggers': False and a handler that writes to stdout (a StreamHandler) on the root logger, so the platform collects the logs; keep level INFO or WARNING.",
    bad: { "mysite/settings.py": "DEBUG = False\n" },
    good: {
      "mysite/settings.py":
        'DEBUG = False\nLOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/logging/#default-logging-configuration",
      "https://docs.python.org/3/library/logging.config.html#dictionary-schema-details",
    ],
  },
  messages: {
    missing: "LOGGING is not set: with DEBUG off, Django logs nothing to the console and errors reach only the ADMINS e-mail",
    dropsErrors:
      "LOGGING disables existing loggers ({disable}) and does not configure the django logger: request errors and their tracebacks are dropped",
  },
  test(world) {
    // LOGGING_CONFIG = None: the project configures logging itself, elsewhere.
    if (world.isNone("LOGGING_CONFIG") === true) return false;
    const logging = world.value("LOGGING");
    if (logging.kind !== "dict") return undefined;
    if (logging.entries.size === 0) return { at: "LOGGING", messageId: "missing" };
    const incremental = entry(logging, "incremental");
    if (incremental?.kind === "bool" && incremental.value) return false;
    const disable = entry(logging, "disable_existing_loggers");
    // dictConfig's default is True when the key is absent.
    const disables = disable === undefined ? true : disable.kind === "bool" ? disable.value : undefined;
    if (disables === undefined) return undefined;
    if (!disables) return false;
    const loggers = entry(logging, "loggers");
    if (loggers !== undefined && loggers.kind !== "dict") return undefined;
    if (loggers?.kind === "dict" && DJANGO_LOGGERS.some((name) => entry(loggers, name) !== undefined)) return false;
    if (loggers?.kind === "dict" && [...loggers.entries.values()].some((e) => e.key.kind !== "str")) return undefined;
    return { at: "LOGGING", messageId: "dropsErrors", data: { disable: disable === undefined ? "by default" : "True" } };
  },
});
