/**
 * dj-database-url 3.x, modelled on its source: config() reads DATABASE_URL (or `env`) with a
 * default, parse() maps the scheme to an engine, and the keyword options always land in the result.
 * https://github.com/jazzband/dj-database-url/blob/master/dj_database_url/__init__.py
 */

import { hostnameOf, parseQs, portOf, UrlValueError, unquote, urlsplit, userinfo } from "../urllib.js";
import {
  bool,
  type DictValue,
  dict,
  int,
  type NativeCallArgs,
  NONE,
  type Origin,
  str,
  strDict,
  unknown,
  type Value,
  withDeps,
} from "../value.js";
import { exceptionNative } from "./builtins.js";
import { raise } from "./exceptions.js";
import { moduleOf, type NativeLibrary, readEnv } from "./library.js";
import { argument, expectString, type Host, known, native } from "./natives.js";

const ENGINES: Record<string, string> = {
  spatialite: "django.contrib.gis.db.backends.spatialite",
  "mysql-connector": "mysql.connector.django",
  mysqlgis: "django.contrib.gis.db.backends.mysql",
  oraclegis: "django.contrib.gis.db.backends.oracle",
  cockroach: "django_cockroachdb",
  sqlite: "django.db.backends.sqlite3",
  oracle: "django.db.backends.oracle",
  mssqlms: "mssql",
  mssql: "sql_server.pyodbc",
  mysql: "django.db.backends.mysql",
  mysql2: "django.db.backends.mysql",
  postgres: "django.db.backends.postgresql",
  postgresql: "django.db.backends.postgresql",
  pgsql: "django.db.backends.postgresql",
  postgis: "django.contrib.gis.db.backends.postgis",
  redshift: "django_redshift_backend",
  timescale: "timescale.db.backends.postgresql",
  timescalegis: "timescale.db.backends.postgis",
};

function optionValue(value: string): Value {
  if (/^\p{Nd}+$/u.test(value)) return int(Number(value));
  if (value.toLowerCase() === "true" || value.toLowerCase() === "false") return bool(value.toLowerCase() === "true");
  return str(value);
}

interface ParseOptions {
  engine: Value | undefined;
  connMaxAge: Value;
  connHealthChecks: Value;
  disableServerSideCursors: Value;
  sslRequire: Value;
  testOptions: Value | undefined;
}

export function readOptions(call: NativeCallArgs, offset: number): ParseOptions {
  return {
    engine: argument(call, offset, "engine"),
    connMaxAge: argument(call, offset + 1, "conn_max_age") ?? int(0),
    connHealthChecks: argument(call, offset + 2, "conn_health_checks") ?? bool(false),
    disableServerSideCursors: argument(call, offset + 3, "disable_server_side_cursors") ?? bool(false),
    sslRequire: argument(call, offset + 4, "ssl_require") ?? bool(false),
    testOptions: argument(call, offset + 5, "test_options"),
  };
}

/** dj_database_url.parse. */
export function parseDatabaseUrl(url: string, options: ParseOptions, origin: Origin): Value {
  if (url === "sqlite://:memory:") return strDict({ ENGINE: str(ENGINES.sqlite as string), NAME: str(":memory:") });
  let split: ReturnType<typeof urlsplit>;
  let port: number | null;
  try {
    split = urlsplit(url);
    port = portOf(split.netloc);
  } catch (error) {
    if (error instanceof UrlValueError) {
      return raise(
        "ParseError",
        "This string is not a valid url, possibly because some of its parts is not properly urllib.parse.quote()'ed.",
        origin,
      );
    }
    throw error;
  }
  const engine = ENGINES[split.scheme];
  if (!engine) {
    const schemes = Object.keys(ENGINES).sort().join(", ");
    return raise(
      "UnknownSchemeError",
      `Scheme '${split.scheme}://' is unknown. Did you forget to register custom backend? Following schemes have registered backends: ${schemes}.`,
      origin,
    );
  }
  const { username, password } = userinfo(split.netloc);
  const optionsDict: DictValue = dict();
  for (const [key, values] of parseQs(split.query)) {
    const parsed = values.map(optionValue);
    optionsDict.entries.set(`s:${key}`, {
      key: str(key),
      value: parsed.length === 1 ? (parsed[0] as Value) : { kind: "list", items: parsed },
    });
  }
  const config = new Map<string, Value>([
    ["ENGINE", str(engine)],
    ["USER", str(unquote(username ?? ""))],
    ["PASSWORD", str(unquote(password ?? ""))],
    ["HOST", str(unquote(hostnameOf(split.netloc) ?? ""))],
    ["PORT", port === null || port === 0 ? str("") : int(port)],
    ["NAME", str(unquote(split.path.slice(1)))],
    ["OPTIONS", optionsDict],
  ]);
  // Each engine's postprocess step.
  if (split.scheme === "sqlite") {
    const name = config.get("NAME") as Value;
    if (name.kind === "str" && !name.value) config.set("NAME", str(":memory:"));
  } else if (["oracle", "mssqlms", "mssql"].includes(split.scheme)) {
    const p = config.get("PORT") as Value;
    config.set("PORT", str(p.kind === "int" ? String(p.value) : p.kind === "str" ? p.value : ""));
  } else if (["mysql", "mysql2"].includes(split.scheme)) {
    const ca = optionsDict.entries.get("s:ssl-ca");
    if (ca) {
      optionsDict.entries.delete("s:ssl-ca");
      if (ca.value.kind !== "str" || ca.value.value)
        optionsDict.entries.set("s:ssl", { key: str("ssl"), value: strDict({ ca: ca.value }) });
    }
  } else if (["postgres", "postgresql", "pgsql", "postgis", "redshift", "timescale", "timescalegis"].includes(split.scheme)) {
    const schema = optionsDict.entries.get("s:currentSchema");
    if (schema) {
      optionsDict.entries.delete("s:currentSchema");
      optionsDict.entries.set("s:options", {
        key: str("options"),
        value: str(`-c search_path=${schema.value.kind === "str" ? schema.value.value : ""}`),
      });
    }
  }
  if (known(options.sslRequire).kind === "bool" && (known(options.sslRequire) as { value: boolean }).value) {
    optionsDict.entries.set("s:sslmode", { key: str("sslmode"), value: str("require") });
  }
  config.set("CONN_MAX_AGE", options.connMaxAge);
  config.set("CONN_HEALTH_CHECKS", options.connHealthChecks);
  config.set("DISABLE_SERVER_SIDE_CURSORS", options.disableServerSideCursors);
  if (options.engine && options.engine.kind !== "none" && !(options.engine.kind === "str" && !options.engine.value)) {
    config.set("ENGINE", options.engine);
  }
  if (
    options.testOptions &&
    options.testOptions.kind !== "none" &&
    !(options.testOptions.kind === "dict" && options.testOptions.entries.size === 0)
  ) {
    config.set("TEST", options.testOptions);
  }
  if (optionsDict.entries.size === 0) config.delete("OPTIONS");
  return dict([...config].map(([k, v]) => [str(k), v] as const));
}

function dbUrlModule(host: Host): Value {
  return moduleOf("dj_database_url", {
    DEFAULT_ENV: str("DATABASE_URL"),
    config: native("dj_database_url.config", (call) => {
      const { origin } = call;
      const envName = expectString(argument(call, 0, "env") ?? str("DATABASE_URL"), "env", origin);
      const fallback = argument(call, 1, "default") ?? NONE;
      const read = readEnv(host, envName, fallback.kind === "str" ? fallback.value : null, origin);
      if (read.state === "unknown") return unknown(`a database parsed from ${envName}`, origin, read.deps);
      const value = read.state === "set" ? str(read.value) : fallback;
      const v = known(value);
      const isEmpty = v.kind === "none" || (v.kind === "str" && v.value === "");
      if (isEmpty) return withDeps(dict(), read.deps);
      return withDeps(parseDatabaseUrl(expectString(v, "url", origin), readOptions(call, 2), origin), read.deps);
    }),
    parse: native(
      "dj_database_url.parse",
      (call) => parseDatabaseUrl(expectString(argument(call, 0, "url"), "url", call.origin), readOptions(call, 1), call.origin),
      { pure: true },
    ),
    ParseError: exceptionNative("ParseError"),
    UnknownSchemeError: exceptionNative("UnknownSchemeError"),
  });
}

/** dj-database-url: `import dj_database_url`. */
export const dbUrlLibrary: NativeLibrary = {
  roots: ["dj_database_url"],
  module: (name, host) => (name === "dj_database_url" ? dbUrlModule(host) : undefined),
};
