import {
  hostnameOf,
  type ParseResult,
  parseQs,
  parseQsl,
  portOf,
  quote,
  UrlValueError,
  unquote,
  unquotePlus,
  urlparse,
  urlsplit,
  urlunparse,
  urlunsplit,
  userinfo,
} from "../urllib.js";
import { int, list, NONE, type ObjectValue, type Origin, str, tuple, type Value } from "../value.js";
import { registerObjectType } from "./builtins.js";
import { raise } from "./exceptions.js";
import { moduleOf } from "./library.js";
import { expectString, known, native } from "./natives.js";

const FIELDS = ["scheme", "netloc", "path", "params", "query", "fragment"] as const;
const SPLIT_FIELDS = ["scheme", "netloc", "path", "query", "fragment"] as const;

/** A urllib.parse ParseResult or SplitResult, holding the parsed parts. */
export function urlResult(parts: ParseResult | Omit<ParseResult, "params">, isSplit: boolean): ObjectValue {
  return {
    kind: "object",
    type: isSplit ? "urllib.parse.SplitResult" : "urllib.parse.ParseResult",
    attributes: new Map(),
    native: parts,
  };
}

function callUrlParser(fn: (url: string) => ParseResult | Omit<ParseResult, "params">, isSplit: boolean) {
  return native(
    isSplit ? "urllib.parse.urlsplit" : "urllib.parse.urlparse",
    ({ args, origin }) => {
      const text = expectString(args[0], "url", origin);
      try {
        return urlResult(fn(text), isSplit);
      } catch (error) {
        if (error instanceof UrlValueError) return raise("ValueError", error.message, origin);
        throw error;
      }
    },
    { pure: true },
  );
}

function resultLookup(self: ObjectValue, name: string, origin: Origin, isSplit: boolean): Value | undefined {
  const parts = self.native as ParseResult;
  const fields = isSplit ? SPLIT_FIELDS : FIELDS;
  if ((fields as readonly string[]).includes(name)) return str(parts[name as keyof ParseResult] ?? "");
  switch (name) {
    case "username": {
      const { username } = userinfo(parts.netloc);
      return username === null ? NONE : str(username);
    }
    case "password": {
      const { password } = userinfo(parts.netloc);
      return password === null ? NONE : str(password);
    }
    case "hostname": {
      const host = hostnameOf(parts.netloc);
      return host === null ? NONE : str(host);
    }
    case "port":
      try {
        const port = portOf(parts.netloc);
        return port === null ? NONE : int(port);
      } catch (error) {
        if (error instanceof UrlValueError) return raise("ValueError", error.message, origin);
        throw error;
      }
    case "geturl":
      return native("geturl", () => str(isSplit ? urlunsplit(parts) : urlunparse(parts)), { pure: true });
    case "_replace":
      return native("_replace", ({ kwargs, origin: callOrigin }) => {
        const next = { ...parts } as Record<string, string>;
        for (const [key, value] of kwargs) next[key] = expectString(value, key, callOrigin);
        return urlResult(next as unknown as ParseResult, isSplit);
      });
    case "__getitem__":
      return native("__getitem__", ({ args, origin: callOrigin }) => {
        const index = known(args[0] ?? NONE);
        if (index.kind !== "int") return raise("TypeError", "tuple indices must be integers", callOrigin);
        const field = fields[index.value < 0 ? fields.length + index.value : index.value];
        if (!field) return raise("IndexError", "tuple index out of range", callOrigin);
        return str(parts[field as keyof ParseResult] ?? "");
      });
    case "__iter__":
      return native("__iter__", () => tuple(fields.map((field) => str(parts[field as keyof ParseResult] ?? ""))));
    default:
      return undefined;
  }
}

registerObjectType("urllib.parse.ParseResult", (self, name, _host, origin) => resultLookup(self, name, origin, false));
registerObjectType("urllib.parse.SplitResult", (self, name, _host, origin) => resultLookup(self, name, origin, true));

export function urllib(): Value {
  const pure = { pure: true };
  return moduleOf("urllib.parse", {
    urlparse: callUrlParser((url) => urlparse(url), false),
    urlsplit: callUrlParser((url) => urlsplit(url), true),
    unquote: native("urllib.parse.unquote", ({ args, origin }) => str(unquote(expectString(args[0], "string", origin))), pure),
    unquote_plus: native(
      "urllib.parse.unquote_plus",
      ({ args, origin }) => str(unquotePlus(expectString(args[0], "string", origin))),
      pure,
    ),
    quote: native(
      "urllib.parse.quote",
      ({ args, kwargs, origin }) => {
        const safe = args[1] ?? kwargs.get("safe");
        return str(quote(expectString(args[0], "string", origin), safe ? expectString(safe, "safe", origin) : "/"));
      },
      pure,
    ),
    parse_qs: native(
      "urllib.parse.parse_qs",
      ({ args, origin }) => {
        const result = parseQs(expectString(args[0], "qs", origin));
        const pairs = [...result].map(([key, values]) => [str(key), list(values.map((v) => str(v)))] as const);
        return { kind: "dict", entries: new Map(pairs.map(([k, v]) => [`s:${k.value}`, { key: k, value: v }])) };
      },
      pure,
    ),
    parse_qsl: native(
      "urllib.parse.parse_qsl",
      ({ args, origin }) => list(parseQsl(expectString(args[0], "qs", origin)).map(([k, v]) => tuple([str(k), str(v)]))),
      pure,
    ),
  });
}
