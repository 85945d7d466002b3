/**
 * django-environ 0.12, modelled on its source (environ/environ.py): the scheme defaults of
 * `Env(...)`, `get_value`'s casting rules (a default is returned as is, uncast), `$VAR` proxies,
 * `read_env`, and the URL parsers behind env.db(), env.cache() and env.email().
 * https://github.com/joke2k/django-environ/blob/main/environ/environ.py
 */

import {
  hostnameOf,
  type ParseResult,
  parseQs,
  portOf,
  quote,
  UrlValueError,
  unquote,
  unquotePlus,
  urlparse,
  urlunparse,
  userinfo,
} from "../urllib.js";
import {
  bool,
  type DictValue,
  dict,
  float,
  fromJson,
  int,
  type Json,
  list,
  mergeDeps,
  type NativeCallArgs,
  NONE,
  type ObjectValue,
  type Origin,
  pyEquals,
  pyRepr,
  str,
  strDict,
  tuple,
  unknown,
  type Value,
  withDeps,
} from "../value.js";
import { builtinTypeOf, exceptionNative, parseIntText, pySplit, registerObjectType, stripChars } from "./builtins.js";
import { PyRaise, raise } from "./exceptions.js";
import { missingRequired, moduleOf, type NativeLibrary, readEnv } from "./library.js";
import { argument, expectString, type Host, Indeterminate, known, native, PATH_LIKE_TYPES } from "./natives.js";
import { osPathAbspath, osPathDirname, osPathJoin } from "./paths.js";
import { urlResult } from "./urllib-module.js";

const BOOLEAN_TRUE_STRINGS = ["true", "on", "ok", "y", "yes", "1"];
const POSTGRES_FAMILY = ["postgres", "postgresql", "psql", "pgsql", "postgis"];
const DB_SCHEMES: Record<string, string> = {
  postgres: "django.db.backends.postgresql",
  postgresql: "django.db.backends.postgresql",
  psql: "django.db.backends.postgresql",
  pgsql: "django.db.backends.postgresql",
  postgis: "django.contrib.gis.db.backends.postgis",
  cockroachdb: "django_cockroachdb",
  mysql: "django.db.backends.mysql",
  mysql2: "django.db.backends.mysql",
  "mysql-connector": "mysql.connector.django",
  mysqlgis: "django.contrib.gis.db.backends.mysql",
  mssql: "mssql",
  oracle: "django.db.backends.oracle",
  pyodbc: "sql_server.pyodbc",
  redshift: "django_redshift_backend",
  spatialite: "django.contrib.gis.db.backends.spatialite",
  sqlite: "django.db.backends.sqlite3",
  ldap: "ldapdb.backends.ldap",
};
const DB_BASE_OPTIONS = ["CONN_MAX_AGE", "ATOMIC_REQUESTS", "AUTOCOMMIT", "DISABLE_SERVER_SIDE_CURSORS", "CONN_HEALTH_CHECKS"];
const CACHE_BASE_OPTIONS = ["TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION", "BINARY"];
const EMAIL_SCHEMES: Record<string, string> = {
  smtp: "django.core.mail.backends.smtp.EmailBackend",
  smtps: "django.core.mail.backends.smtp.EmailBackend",
  "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
  "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
  consolemail: "django.core.mail.backends.console.EmailBackend",
  filemail: "django.core.mail.backends.filebased.EmailBackend",
  memorymail: "django.core.mail.backends.locmem.EmailBackend",
  dummymail: "django.core.mail.backends.dummy.EmailBackend",
};
const CHANNELS_SCHEMES: Record<string, string> = {
  inmemory: "channels.layers.InMemoryChannelLayer",
  redis: "channels_redis.core.RedisChannelLayer",
  "redis+pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
};

function cacheSchemes(host: Host): Record<string, string> {
  // compat.py: django-redis wins when installed; Django's own RedisCache from 4.0; pymemcache's
  // backend only when pymemcache is installed (djship assumes neither is).
  const redis = host.djangoVersion >= "4.0" ? "django.core.cache.backends.redis.RedisCache" : "redis_cache.RedisCache";
  return {
    dbcache: "django.core.cache.backends.db.DatabaseCache",
    dummycache: "django.core.cache.backends.dummy.DummyCache",
    filecache: "django.core.cache.backends.filebased.FileBasedCache",
    locmemcache: "django.core.cache.backends.locmem.LocMemCache",
    memcache: "django.core.cache.backends.memcached.MemcachedCache",
    pymemcache: "django.core.cache.backends.memcached.PyLibMCCache",
    pylibmc: "django.core.cache.backends.memcached.PyLibMCCache",
    rediscache: redis,
    redis,
    rediss: redis,
  };
}

/** The NOTSET sentinel of Env. */
const NOTSET: Value = { kind: "external", name: "environ.NoValue" };

function isNotSet(value: Value | undefined): boolean {
  return value === undefined || value === NOTSET;
}

interface EnvState {
  scheme: Map<string, Value>;
  fileAware: boolean;
}

function envObject(scheme: Map<string, Value>, fileAware: boolean): ObjectValue {
  const state: EnvState = { scheme, fileAware };
  return {
    kind: "object",
    type: "environ.Env",
    attributes: new Map<string, Value>([
      ["smart_cast", bool(true)],
      ["escape_proxy", bool(false)],
      ["prefix", str("")],
    ]),
    native: state,
  };
}

/** `_cast`: ast.literal_eval, or the string itself when it is not a literal. */
function literalOrString(host: Host, text: string, origin: Origin): Value {
  try {
    return host.literalEval(text, origin);
  } catch (error) {
    if (error instanceof PyRaise && (error.isInstance("ValueError") || error.isInstance("SyntaxError"))) return str(text);
    throw error;
  }
}

function castInt(text: string): Value {
  return /^\p{Nd}+$/u.test(text) ? int(Number(text)) : str(text);
}

/** Env.parse_value. */
function parseValue(host: Host, value: Value, cast: Value | undefined, builtins: ReadonlyMap<string, Value>, origin: Origin): Value {
  if (!cast || cast.kind === "none") return value;
  const v = known(value);
  const isBuiltin = (name: string) => cast === builtins.get(name);
  const text = (): string => {
    if (v.kind !== "str") return raise("AttributeError", `'${v.kind}' object has no attribute 'split'`, origin);
    return v.value;
  };
  if (isBuiltin("bool")) {
    try {
      const number =
        v.kind === "str"
          ? parseIntText(v.value, 10, origin)
          : v.kind === "bool"
            ? Number(v.value)
            : v.kind === "int"
              ? v.value
              : Number.NaN;
      if (Number.isNaN(number))
        throw new PyRaise(
          { kind: "exception", exceptionClass: { name: "ValueError", mro: ["ValueError", "Exception", "BaseException"] }, message: "" },
          origin,
        );
      return bool(number !== 0);
    } catch (error) {
      if (!(error instanceof PyRaise) || !error.isInstance("ValueError")) throw error;
      return bool(BOOLEAN_TRUE_STRINGS.includes(stripChars(text().toLowerCase(), " \t\n\r\x0b\x0c", true, true)));
    }
  }
  const c = known(cast);
  if (c.kind === "list" && c.items.length > 0) {
    const itemCast = c.items[0] as Value;
    return list(
      text()
        .split(",")
        .filter((x) => x)
        .map((x) => host.call(itemCast, [str(x)], new Map(), origin)),
    );
  }
  if (c.kind === "tuple" && c.items.length > 0) {
    const itemCast = c.items[0] as Value;
    const parts = stripChars(stripChars(text(), "(", true, true), ")", true, true).split(",");
    return tuple(parts.filter((x) => x).map((x) => host.call(itemCast, [str(x)], new Map(), origin)));
  }
  if (c.kind === "dict") {
    const get = (key: string, fallback: Value | undefined) => c.entries.get(`s:${key}`)?.value ?? fallback;
    const keyCast = get("key", builtins.get("str")) as Value;
    const valueCast = get("value", builtins.get("str")) as Value;
    const byKey = known(get("cast", dict()) as Value);
    const result = dict();
    for (const item of text()
      .split(";")
      .filter((x) => x)) {
      const parts = item.split("=");
      if (parts.length !== 2)
        return raise("ValueError", `dictionary update sequence element has length ${parts.length}; 2 is required`, origin);
      const [k, val] = parts as [string, string];
      const specific = byKey.kind === "dict" ? byKey.entries.get(`s:${k}`)?.value : undefined;
      result.entries.set(`s:${k}`, {
        key: host.call(keyCast, [str(k)], new Map(), origin),
        value: parseValue(host, str(val), specific ?? valueCast, builtins, origin),
      });
    }
    return rehash(result);
  }
  if (isBuiltin("dict")) {
    const result = dict();
    for (const item of text()
      .split(",")
      .filter((x) => x)) {
      const at = item.indexOf("=");
      if (at < 0) return raise("ValueError", "dictionary update sequence element #0 has length 1; 2 is required", origin);
      result.entries.set(`s:${item.slice(0, at)}`, { key: str(item.slice(0, at)), value: str(item.slice(at + 1)) });
    }
    return result;
  }
  if (isBuiltin("list"))
    return list(
      text()
        .split(",")
        .filter((x) => x)
        .map((x) => str(x)),
    );
  if (isBuiltin("tuple")) {
    const parts = stripChars(stripChars(text(), "(", true, true), ")", true, true).split(",");
    return tuple(parts.filter((x) => x).map((x) => str(x)));
  }
  if (isBuiltin("float")) {
    const cleaned = text().replace(/[^\d,.-]/g, "");
    const parts = cleaned.split(/[,.]/);
    const floatText = parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join("")}.${parts[parts.length - 1]}`;
    const number = Number(floatText);
    if (floatText === "" || Number.isNaN(number) || !/^-?\d*\.?\d*$/.test(floatText)) {
      return raise("ValueError", `could not convert string to float: ${pyRepr(str(floatText))}`, origin);
    }
    return float(number);
  }
  return host.call(cast, [v], new Map(), origin);
}

function rehash(value: DictValue): DictValue {
  const result = dict();
  for (const entry of value.entries.values()) {
    const k = entry.key;
    const hash = k.kind === "str" ? `s:${k.value}` : k.kind === "int" ? `n:${k.value}` : undefined;
    if (hash) result.entries.set(hash, entry);
  }
  return result;
}

interface GetValueOptions {
  cast?: Value | undefined;
  default?: Value | undefined;
  parseDefault?: boolean;
}

function jsonOf(value: Value | undefined): Json {
  if (!value || value === NOTSET) return null;
  if (value.kind === "str" || value.kind === "bool" || value.kind === "int" || value.kind === "float") return value.value;
  if (value.kind === "none") return null;
  return pyRepr(value) ?? null;
}

/** Env.get_value. */
function getValue(
  host: Host,
  self: ObjectValue,
  variable: string,
  options: GetValueOptions,
  builtins: ReadonlyMap<string, Value>,
  origin: Origin,
  depth = 0,
): Value {
  const state = self.native as EnvState;
  const prefixValue = self.attributes.get("prefix");
  const prefix = prefixValue?.kind === "str" ? prefixValue.value : "";
  const name = `${prefix}${variable}`;
  let cast: Value | undefined = options.cast && options.cast.kind !== "none" ? options.cast : undefined;
  let fallback: Value = options.default ?? NOTSET;
  const info = state.scheme.get(name);
  if (info) {
    const hasDefault = (info.kind === "tuple" || info.kind === "list") && info.items.length === 2;
    if (hasDefault) {
      const items = (info as { items: readonly Value[] }).items;
      cast ??= items[0];
      if (isNotSet(fallback)) fallback = items[1] as Value;
    } else {
      cast ??= info;
    }
  }
  if (state.fileAware) {
    const fileVariable = readEnv(host, `${name}_FILE`, null, origin);
    if (fileVariable.state !== "unset") {
      return unknown(`the contents of the file ${name}_FILE points to`, origin, fileVariable.deps);
    }
  }
  const read = readEnv(host, name, jsonOf(fallback), origin);
  if (read.state === "unknown") return read.value;
  let value: Value;
  if (read.state === "set") {
    value = str(read.value);
  } else {
    if (isNotSet(fallback)) {
      return missingRequired(host, name, origin, () => raise("ImproperlyConfigured", `Set the ${name} environment variable`, origin, name));
    }
    value = fallback;
  }
  if (value.kind === "str" && value.value.startsWith("$") && depth < 20) {
    const proxied = value.value.replace(/^\$+/, "");
    const result = getValue(host, self, proxied, { cast, default: fallback }, builtins, origin, depth + 1);
    return withDeps(result, read.deps);
  }
  const escapeProxy = self.attributes.get("escape_proxy");
  if (escapeProxy?.kind === "bool" && escapeProxy.value && value.kind === "str") value = str(value.value.replace(/\\\$/g, "$"));
  const smartCast = self.attributes.get("smart_cast");
  if ((smartCast?.kind !== "bool" || smartCast.value) && !cast && fallback.kind !== "none" && !isNotSet(fallback)) {
    cast = builtinTypeOf(fallback, builtins) ?? (fallback.kind === "object" ? undefined : undefined);
  }
  if (fallback.kind === "none" && value.kind === "str" && value.value === "") value = NONE;
  const differs = isNotSet(fallback) ? true : value === fallback ? false : pyEquals(value, fallback) !== true;
  if (differs || (options.parseDefault && value.kind !== "none")) value = parseValue(host, value, cast, builtins, origin);
  return withDeps(value, read.deps);
}

/** Env.db_url_config. */
export function dbUrlConfig(host: Host, urlValue: Value, engine: Value | undefined, origin: Origin): Value {
  const u = known(urlValue);
  let url: ParseResult;
  if (u.kind === "object" && u.type === "urllib.parse.ParseResult") {
    url = u.native as ParseResult;
  } else {
    const text = expectString(u, "url", origin);
    if (text === "sqlite://:memory:") return strDict({ ENGINE: str(DB_SCHEMES.sqlite as string), NAME: str(":memory:") });
    try {
      url = urlparse(text);
    } catch (error) {
      if (!(error instanceof UrlValueError)) throw error;
      url = urlparse(quote(text, ":/?&=@"));
    }
  }
  if (!url.path) url = urlparse(quote(urlunparse(url), ":/?&=@"));
  let path = url.path.slice(1);
  path = unquotePlus(path.split("?", 2)[0] as string);
  if (url.scheme === "sqlite" && path === "") path = ":memory:";
  if (url.scheme === "ldap") {
    path = `${url.scheme}://${hostnameOf(url.netloc) ?? ""}`;
    const p = safePort(url.netloc, origin);
    if (p) path += `:${p}`;
  }
  const hostPart = url.netloc.slice(url.netloc.lastIndexOf("@") + 1);
  let hostname: string | null;
  let port: number | string | null;
  if (POSTGRES_FAMILY.includes(url.scheme) && hostPart.includes(",")) {
    const hosts = hostPart.split(",").map((h) => {
      const at = h.lastIndexOf(":");
      return at < 0 ? [h] : [h.slice(0, at), h.slice(at + 1)];
    });
    const width = Math.max(...hosts.map((h) => h.length));
    hostname = hosts.map((h) => h[0] ?? "").join(",");
    port =
      width === 2
        ? hosts
            .map((h) => h[1])
            .filter((p) => p)
            .join(",")
        : "";
  } else {
    hostname = hostnameOf(url.netloc);
    try {
      port = portOf(url.netloc);
    } catch (error) {
      if (!(error instanceof UrlValueError)) throw error;
      port = "";
    }
  }
  const { username, password } = userinfo(url.netloc);
  const portValue: Value = typeof port === "number" ? int(port) : port ? castInt(port) : str("");
  const config = new Map<string, Value>([
    ["NAME", str(path || "")],
    ["USER", str(username ? unquote(username) : "")],
    ["PASSWORD", str(password ? unquote(password) : "")],
    ["HOST", str(hostname || "")],
    ["PORT", portValue.kind === "int" && portValue.value === 0 ? str("") : portValue],
  ]);
  if ((POSTGRES_FAMILY.includes(url.scheme) && path.startsWith("/")) || (path.includes("cloudsql") && path.startsWith("/"))) {
    const at = path.lastIndexOf("/");
    config.set("HOST", str(path.slice(0, at)));
    config.set("NAME", str(path.slice(at + 1)));
  }
  if (url.scheme === "oracle" && path === "") {
    config.set("NAME", config.get("HOST") as Value);
    config.set("HOST", str(""));
  }
  if (url.scheme === "oracle") {
    const p = config.get("PORT") as Value;
    if (p.kind === "str" && p.value === "") config.delete("PORT");
    else config.set("PORT", str(p.kind === "int" ? String(p.value) : p.kind === "str" ? p.value : ""));
  }
  if (url.query) {
    const options = new Map<string, Value>();
    for (const [key, values] of parseQs(url.query)) {
      if (DB_BASE_OPTIONS.includes(key.toUpperCase())) config.set(key.toUpperCase(), literalOrString(host, values[0] as string, origin));
      else options.set(key, castInt(values[0] as string));
    }
    config.set("OPTIONS", dict([...options].map(([k, v]) => [str(k), v] as const)));
  }
  const engineValue = engine && engine.kind !== "none" ? known(engine) : undefined;
  let engineName = engineValue?.kind === "str" ? engineValue.value : url.scheme;
  if (engineName in DB_SCHEMES) engineName = DB_SCHEMES[engineName] as string;
  if (!engineName) return dict();
  config.set("ENGINE", str(engineName));
  return dict([...config].map(([k, v]) => [str(k), v] as const));
}

function safePort(netloc: string, origin: Origin): number | null {
  try {
    return portOf(netloc);
  } catch (error) {
    if (error instanceof UrlValueError) return raise("ValueError", error.message, origin);
    throw error;
  }
}

function parseUrlValue(value: Value, origin: Origin): ParseResult | undefined {
  const v = known(value);
  if (v.kind === "object" && v.type === "urllib.parse.ParseResult") return v.native as ParseResult;
  if (v.kind === "str") {
    try {
      return urlparse(v.value);
    } catch (error) {
      if (error instanceof UrlValueError) return raise("ValueError", error.message, origin);
      throw error;
    }
  }
  return undefined;
}

/** Env.cache_url_config. */
function cacheUrlConfig(host: Host, urlValue: Value, backend: Value | undefined, origin: Origin): Value {
  const v = known(urlValue);
  if (!(v.kind === "object") && (v.kind === "none" || (v.kind === "str" && v.value === ""))) return dict();
  const url = parseUrlValue(v, origin);
  if (!url) return unknown("a cache URL djship cannot read", origin);
  const schemes = cacheSchemes(host);
  if (!(url.scheme in schemes)) return raise("ImproperlyConfigured", `Invalid cache schema ${url.scheme}`, origin);
  const locations = url.netloc.split(",");
  const config = new Map<string, Value>([
    ["BACKEND", str(schemes[url.scheme] as string)],
    ["LOCATION", locations.length === 1 ? str(locations[0] as string) : list(locations.map((l) => str(l)))],
  ]);
  if (url.scheme === "filecache") config.set("LOCATION", str(url.netloc + url.path));
  if (!url.netloc && ["memcache", "pymemcache"].includes(url.scheme)) {
    config.set("LOCATION", str(`unix:${url.path}`));
  } else if (url.scheme.startsWith("redis")) {
    const scheme = hostnameOf(url.netloc) ? url.scheme.replace("cache", "") : "unix";
    const all = url.netloc.split(",").map((loc) => `${scheme}://${loc}${url.path}`);
    config.set("LOCATION", all.length === 1 ? str(all[0] as string) : list(all.map((l) => str(l))));
  }
  if (url.query) {
    const options = new Map<string, Value>();
    for (const [key, values] of parseQs(url.query)) {
      const upper = key.toUpperCase();
      const parsed = literalOrString(host, values[0] as string, origin);
      if (CACHE_BASE_OPTIONS.includes(upper)) config.set(upper, parsed);
      else options.set(upper, parsed);
    }
    config.set("OPTIONS", dict([...options].map(([k, val]) => [str(k), val] as const)));
  }
  if (backend && backend.kind !== "none") config.set("BACKEND", known(backend));
  return dict([...config].map(([k, val]) => [str(k), val] as const));
}

/** Env.email_url_config. */
function emailUrlConfig(urlValue: Value, backend: Value | undefined, origin: Origin): Value {
  const url = parseUrlValue(urlValue, origin);
  if (!url) return unknown("an e-mail URL djship cannot read", origin);
  const path = unquotePlus((url.path.slice(1).split("?", 2)[0] as string) ?? "");
  const { username, password } = userinfo(url.netloc);
  const hostname = hostnameOf(url.netloc);
  const port = safePort(url.netloc, origin);
  const config = new Map<string, Value>([
    ["EMAIL_FILE_PATH", str(path)],
    ["EMAIL_HOST_USER", username === null ? NONE : str(unquote(username))],
    ["EMAIL_HOST_PASSWORD", password === null ? NONE : str(unquote(password))],
    ["EMAIL_HOST", hostname === null ? NONE : str(hostname)],
    ["EMAIL_PORT", port === null ? NONE : int(port)],
  ]);
  if (backend && backend.kind !== "none") config.set("EMAIL_BACKEND", known(backend));
  else if (!(url.scheme in EMAIL_SCHEMES)) return raise("ImproperlyConfigured", `Invalid email schema ${url.scheme}`, origin);
  else config.set("EMAIL_BACKEND", str(EMAIL_SCHEMES[url.scheme] as string));
  if (url.scheme === "smtps" || url.scheme === "smtp+tls") config.set("EMAIL_USE_TLS", bool(true));
  else if (url.scheme === "smtp+ssl") config.set("EMAIL_USE_SSL", bool(true));
  if (url.query) {
    const options = new Map<string, Value>();
    for (const [key, values] of parseQs(url.query)) {
      const upper = key.toUpperCase();
      const parsed = castInt(values[0] as string);
      if (upper === "EMAIL_USE_TLS" || upper === "EMAIL_USE_SSL") config.set(upper, parsed);
      else options.set(upper, parsed);
    }
    config.set("OPTIONS", dict([...options].map(([k, val]) => [str(k), val] as const)));
  }
  return dict([...config].map(([k, val]) => [str(k), val] as const));
}

function channelsUrlConfig(urlValue: Value, backend: Value | undefined, origin: Origin): Value {
  const url = parseUrlValue(urlValue, origin);
  if (!url) return unknown("a channels URL djship cannot read", origin);
  if (backend && backend.kind !== "none") return strDict({ BACKEND: known(backend) });
  if (!(url.scheme in CHANNELS_SCHEMES)) return raise("ImproperlyConfigured", `Invalid channels schema ${url.scheme}`, origin);
  const config: Record<string, Value> = { BACKEND: str(CHANNELS_SCHEMES[url.scheme] as string) };
  if (url.scheme === "redis" || url.scheme === "redis+pubsub") {
    config.CONFIG = strDict({ hosts: list([str(urlunparse({ ...url, scheme: "redis" }))]) });
  }
  return strDict(config);
}

/** Env.read_env: lines of KEY=value into os.environ, without overwriting what is set. */
function readEnvFile(host: Host, call: NativeCallArgs, builtins: ReadonlyMap<string, Value>): Value {
  const { origin } = call;
  const fileArgument = argument(call, 0, "env_file");
  let absolute: string;
  if (!fileArgument || fileArgument.kind === "none") {
    absolute = osPathJoin(osPathDirname(host.absoluteFile(origin)), ".env");
  } else {
    const f = known(fileArgument);
    if (f.kind === "str" || f.kind === "path") absolute = osPathAbspath(f.value, host.cwd);
    else if (f.kind === "object" && f.type === "environ.Path") absolute = f.native as string;
    else return NONE;
  }
  const overwrite = known(call.kwargs.get("overwrite") ?? argument(call, 1, "overwrite") ?? bool(false));
  const parseComments = known(call.kwargs.get("parse_comments") ?? bool(false));
  const content = host.readText(absolute);
  const overrides = new Map<string, string>();
  if (content !== undefined) {
    for (const line of content.split(/\r\n|\r|\n/)) {
      const match = /^(?:export )?([A-Za-z_0-9]+)=(.*)$/s.exec(line);
      if (!match) continue;
      const key = match[1] as string;
      let value = match[2] as string;
      if (parseComments.kind === "bool" && parseComments.value) {
        const quoted = /^\s*'(.*)'\s*(#.*\s*)?$/s.exec(value);
        if (quoted) value = quoted[1] as string;
        else value = /^(.*?)(#.*\s*)?$/s.exec(value)?.[1] ?? value;
      } else {
        const single = /^'(.*)'$/s.exec(value);
        if (single) value = single[1] as string;
      }
      const double = /^"(.*)"$/s.exec(value);
      if (double) value = (double[1] as string).replace(/\\(.)/g, (_m, ch: string) => ("rnt".includes(ch) ? `\\${ch}` : ch));
      overrides.set(key, value);
    }
  }
  for (const [key, value] of call.kwargs) {
    if (["env_file", "overwrite", "parse_comments", "encoding"].includes(key)) continue;
    const text = builtins.get("str") ? host.call(builtins.get("str") as Value, [value], new Map(), origin) : value;
    if (text.kind === "str") overrides.set(key, text.value);
  }
  if (content === undefined && overrides.size === 0) return NONE;
  for (const [key, value] of overrides) {
    if (overwrite.kind === "bool" && overwrite.value) host.env.set(key, value);
    else host.env.setDefault(key, value);
  }
  return NONE;
}

function environPath(root: string): ObjectValue {
  return { kind: "object", type: "environ.Path", attributes: new Map(), native: root };
}

PATH_LIKE_TYPES.add("environ.Path");
registerObjectType("environ.Path", (self, name, host) => {
  const root = self.native as string;
  const join = (call: NativeCallArgs) =>
    osPathAbspath(osPathJoin(root, ...call.args.map((a) => expectString(a, "path", call.origin))), host.cwd);
  switch (name) {
    case "__call__":
      return native("environ.Path()", (call) => str(join(call)), { pure: true });
    case "path":
      return native("environ.Path.path", (call) => environPath(join(call)), { pure: true });
    case "root":
      return str(root);
    case "__str__":
    case "__fspath__":
      return native("str", () => str(root));
    case "__sub__":
      return native(
        "environ.Path -",
        ({ args, origin }) => {
          const other = known(args[0] ?? NONE);
          if (other.kind === "int")
            return environPath(osPathAbspath(osPathJoin(root, ..."../".repeat(other.value).split("/").filter(Boolean)), host.cwd));
          if (other.kind === "str" && root.endsWith(other.value)) return environPath(stripChars(root, other.value, false, true));
          return raise("TypeError", "unsupported operand type(s) for -", origin);
        },
        { pure: true },
      );
    case "__add__":
      return native(
        "environ.Path +",
        ({ args, origin }) => environPath(osPathAbspath(osPathJoin(root, expectString(args[0], "path", origin)), host.cwd)),
        { pure: true },
      );
    default:
      return undefined;
  }
});

registerObjectType("environ.Env", (self, name, host) => {
  const builtins = host.builtins;
  const method = (_self: ObjectValue, methodName: string, impl: (call: NativeCallArgs) => Value) => native(`env.${methodName}`, impl);
  const get = (target: ObjectValue, call: NativeCallArgs, variable: Value | undefined, options: GetValueOptions) =>
    getValue(host, target, expectString(variable, "var", call.origin), options, builtins, call.origin);
  switch (name) {
    case "__call__":
      return method(self, name, (call) =>
        get(self, call, argument(call, 0, "var"), {
          cast: argument(call, 1, "cast"),
          default: argument(call, 2, "default"),
          parseDefault:
            known(argument(call, 3, "parse_default") ?? bool(false)).kind === "bool" &&
            (known(argument(call, 3, "parse_default") ?? bool(false)) as { value: boolean }).value,
        }),
      );
    case "str":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var"), { cast: builtins.get("str"), default: argument(call, 1, "default") });
        const multiline = argument(call, 2, "multiline");
        if (multiline && multiline.kind === "bool" && multiline.value && value.kind === "str") {
          return withDeps(str(value.value.replace(/(\\r)?\\n/g, "\n")), value.deps);
        }
        return value;
      });
    case "bytes":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var"), { cast: builtins.get("str"), default: argument(call, 1, "default") });
        return value.kind === "str" ? { kind: "bytes", value: value.value, ...(value.deps ? { deps: value.deps } : {}) } : value;
      });
    case "bool":
    case "int":
    case "float":
      return method(self, name, (call) =>
        get(self, call, argument(call, 0, "var"), { cast: builtins.get(name), default: argument(call, 1, "default") }),
      );
    case "json":
      return method(self, name, (call) =>
        get(self, call, argument(call, 0, "var"), {
          cast: native("json.loads", ({ args, origin }) => {
            try {
              return fromJson(JSON.parse(expectString(args[0], "s", origin)) as Json);
            } catch (error) {
              if (error instanceof SyntaxError) return raise("JSONDecodeError", "Expecting value", origin);
              throw error;
            }
          }),
          default: argument(call, 1, "default"),
        }),
      );
    case "list":
    case "tuple":
      return method(self, name, (call) => {
        const itemCast = argument(call, 1, "cast");
        const cast = itemCast && itemCast.kind !== "none" ? (name === "list" ? list([itemCast]) : tuple([itemCast])) : builtins.get(name);
        return get(self, call, argument(call, 0, "var"), { cast, default: argument(call, 2, "default") });
      });
    case "dict":
      return method(self, name, (call) =>
        get(self, call, argument(call, 0, "var"), {
          cast: argument(call, 1, "cast") ?? builtins.get("dict"),
          default: argument(call, 2, "default"),
        }),
      );
    case "url":
      return method(self, name, (call) =>
        get(self, call, argument(call, 0, "var"), {
          cast: native("urlparse", ({ args, origin }) => urlResult(parseUrlValue(args[0] ?? NONE, origin) as ParseResult, false)),
          default: argument(call, 1, "default"),
          parseDefault: true,
        }),
      );
    case "db_url":
    case "db":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var") ?? str("DATABASE_URL"), { default: argument(call, 1, "default") });
        return liftDeps(value, (v) => dbUrlConfig(host, v, argument(call, 2, "engine"), call.origin));
      });
    case "cache_url":
    case "cache":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var") ?? str("CACHE_URL"), {
          cast: native("urlparse", ({ args, origin }) => urlResult(parseUrlValue(args[0] ?? NONE, origin) as ParseResult, false)),
          default: argument(call, 1, "default"),
          parseDefault: true,
        });
        return liftDeps(value, (v) => cacheUrlConfig(host, v, argument(call, 2, "backend"), call.origin));
      });
    case "email_url":
    case "email":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var") ?? str("EMAIL_URL"), {
          cast: native("urlparse", ({ args, origin }) => urlResult(parseUrlValue(args[0] ?? NONE, origin) as ParseResult, false)),
          default: argument(call, 1, "default"),
          parseDefault: true,
        });
        return liftDeps(value, (v) => emailUrlConfig(v, argument(call, 2, "backend"), call.origin));
      });
    case "channels_url":
    case "channels":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var") ?? str("CHANNELS_URL"), {
          cast: native("urlparse", ({ args, origin }) => urlResult(parseUrlValue(args[0] ?? NONE, origin) as ParseResult, false)),
          default: argument(call, 1, "default"),
          parseDefault: true,
        });
        return liftDeps(value, (v) => channelsUrlConfig(v, argument(call, 2, "backend"), call.origin));
      });
    case "search_url":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var") ?? str("SEARCH_URL"), { default: argument(call, 1, "default") });
        return unknown("a search configuration djship does not model", call.origin, value.deps);
      });
    case "path":
      return method(self, name, (call) => {
        const value = get(self, call, argument(call, 0, "var"), { default: argument(call, 1, "default") });
        return liftDeps(value, (v) => environPath(osPathAbspath(expectString(v, "path", call.origin), host.cwd)));
      });
    case "read_env":
      return native("Env.read_env", (call) => readEnvFile(host, call, builtins));
    case "__contains__":
      return method(self, name, ({ args, origin }) => {
        const read = readEnv(host, expectString(args[0], "var", origin), null, origin);
        return read.state === "unknown" ? read.value : bool(read.state === "set", read.deps);
      });
    case "db_url_config":
      return native("Env.db_url_config", (call) =>
        dbUrlConfig(host, argument(call, 0, "url") ?? NONE, argument(call, 1, "engine"), call.origin),
      );
    case "cache_url_config":
      return native("Env.cache_url_config", (call) =>
        cacheUrlConfig(host, argument(call, 0, "url") ?? NONE, argument(call, 1, "backend"), call.origin),
      );
    case "NOTSET":
      return NOTSET;
    default:
      return undefined;
  }
});

function environModule(host: Host): Value {
  const builtins = host.builtins;
  const envClass = (fileAware: boolean) =>
    native(fileAware ? "environ.FileAwareEnv" : "environ.Env", (call) => envObject(new Map(call.kwargs), fileAware), {
      attributes: new Map<string, Value>([
        ["read_env", native("Env.read_env", (call) => readEnvFile(host, call, builtins))],
        ["NOTSET", NOTSET],
        [
          "db_url_config",
          native("Env.db_url_config", (call) =>
            dbUrlConfig(host, argument(call, 0, "url") ?? NONE, argument(call, 1, "engine"), call.origin),
          ),
        ],
        [
          "cache_url_config",
          native("Env.cache_url_config", (call) =>
            cacheUrlConfig(host, argument(call, 0, "url") ?? NONE, argument(call, 1, "backend"), call.origin),
          ),
        ],
        ["BOOLEAN_TRUE_STRINGS", tuple(BOOLEAN_TRUE_STRINGS.map((s) => str(s)))],
      ]),
    });
  return moduleOf("environ", {
    Env: envClass(false),
    FileAwareEnv: envClass(true),
    Path: native(
      "environ.Path",
      ({ args, kwargs, origin }) => {
        const parts = args.map((a) => {
          const v = known(a);
          if (v.kind === "object" && v.type === "environ.Path") return v.native as string;
          return expectString(v, "path", origin);
        });
        let start = parts[0] ?? "";
        const isFile = kwargs.get("is_file");
        if (isFile && isFile.kind === "bool" && isFile.value) start = osPathDirname(start);
        return environPath(osPathAbspath(osPathJoin(start, ...parts.slice(1)), host.cwd));
      },
      { pure: true },
    ),
    ImproperlyConfigured: exceptionNative("ImproperlyConfigured"),
    NoValue: NOTSET,
  });
}

/** Applies a parser to a value that may be unknown, keeping its dependencies either way. */
function liftDeps(value: Value, parse: (value: Value) => Value): Value {
  if (value.kind === "unknown") return value;
  try {
    return withDeps(parse(value), mergeDeps(value.deps));
  } catch (error) {
    if (error instanceof Indeterminate) return unknown("a URL djship cannot know", undefined, value.deps);
    throw error;
  }
}

export { pySplit };

/** django-environ: `import environ`. */
export const environLibrary: NativeLibrary = {
  roots: ["environ"],
  module: (name, host) => (name === "environ" ? environModule(host) : undefined),
};
