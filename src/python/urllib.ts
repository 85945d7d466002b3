/**
 * Ports of the parts of Python 3.11's urllib.parse that database and cache URL helpers rely on.
 * They must agree with CPython byte for byte: dj-database-url and django-environ build DATABASES
 * from these results, and the differential tests compare against real Python.
 * https://github.com/python/cpython/blob/3.11/Lib/urllib/parse.py
 */

export interface SplitResult {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

export interface ParseResult extends SplitResult {
  params: string;
}

export class UrlValueError extends Error {}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]$/;
// WHATWG C0 control or space, stripped from the front only.
const LEADING_C0 = /^[\u0000-\u0020]+/;

const USES_PARAMS = new Set([
  "",
  "ftp",
  "hdl",
  "prospero",
  "http",
  "imap",
  "https",
  "shttp",
  "rtsp",
  "rtspu",
  "sip",
  "sips",
  "mms",
  "sftp",
  "tel",
]);

export const USES_NETLOC = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
  "itms-services",
]);

function splitNetloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of "/?#") {
    const found = url.indexOf(c, start);
    if (found >= 0) delim = Math.min(delim, found);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

export function urlsplit(input: string, defaultScheme = "", allowFragments = true): SplitResult {
  let url = input.replace(LEADING_C0, "").replace(/[\t\r\n]/g, "");
  let scheme = defaultScheme.trim().replace(/[\t\r\n]/g, "");
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  const first = url[0] ?? "";
  if (colon > 0 && /^[A-Za-z]$/.test(first)) {
    const candidate = url.slice(0, colon);
    if ([...candidate].every((c) => SCHEME_CHARS.test(c))) {
      scheme = candidate.toLowerCase();
      url = url.slice(colon + 1);
    }
  }
  if (url.slice(0, 2) === "//") {
    [netloc, url] = splitNetloc(url, 2);
    if ((netloc.includes("[") && !netloc.includes("]")) || (netloc.includes("]") && !netloc.includes("["))) {
      throw new UrlValueError("Invalid IPv6 URL");
    }
  }
  if (allowFragments && url.includes("#")) {
    const at = url.indexOf("#");
    fragment = url.slice(at + 1);
    url = url.slice(0, at);
  }
  if (url.includes("?")) {
    const at = url.indexOf("?");
    query = url.slice(at + 1);
    url = url.slice(0, at);
  }
  return { scheme, netloc, path: url, query, fragment };
}

export function urlparse(input: string, defaultScheme = "", allowFragments = true): ParseResult {
  const split = urlsplit(input, defaultScheme, allowFragments);
  let path = split.path;
  let params = "";
  if (USES_PARAMS.has(split.scheme) && path.includes(";")) {
    // _splitparams: params start at the first ';' after the last '/'.
    const slash = path.lastIndexOf("/");
    const semicolon = slash >= 0 ? path.indexOf(";", slash) : path.indexOf(";");
    if (semicolon >= 0) {
      params = path.slice(semicolon + 1);
      path = path.slice(0, semicolon);
    }
  }
  return { ...split, path, params };
}

function rpartition(text: string, separator: string): [string, string, string] {
  const at = text.lastIndexOf(separator);
  return at < 0 ? ["", "", text] : [text.slice(0, at), separator, text.slice(at + separator.length)];
}

function partition(text: string, separator: string): [string, string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, "", ""] : [text.slice(0, at), separator, text.slice(at + separator.length)];
}

export function userinfo(netloc: string): { username: string | null; password: string | null } {
  const [info, hasInfo] = rpartition(netloc, "@");
  if (!hasInfo) return { username: null, password: null };
  const [username, hasPassword, password] = partition(info, ":");
  return { username, password: hasPassword ? password : null };
}

function hostinfo(netloc: string): { hostname: string; port: string | null } {
  const [, , host] = rpartition(netloc, "@");
  const [, openBracket, bracketed] = partition(host, "[");
  let hostname: string;
  let port: string;
  if (openBracket) {
    let rest: string;
    [hostname, , rest] = partition(bracketed, "]");
    [, , port] = partition(rest, ":");
  } else {
    [hostname, , port] = partition(host, ":");
  }
  return { hostname, port: port ? port : null };
}

export function hostnameOf(netloc: string): string | null {
  const { hostname } = hostinfo(netloc);
  if (!hostname) return null;
  const [name, percent, zone] = partition(hostname, "%");
  return name.toLowerCase() + percent + zone;
}

/** The `port` property: an int, null, or a ValueError as Python raises it. */
export function portOf(netloc: string): number | null {
  const { port } = hostinfo(netloc);
  if (port === null) return null;
  if (!/^[0-9]+$/.test(port)) throw new UrlValueError(`Port could not be cast to integer value as '${port}'`);
  const value = Number.parseInt(port, 10);
  if (!(value >= 0 && value <= 65535)) throw new UrlValueError("Port out of range 0-65535");
  return value;
}

/** urllib.parse.unquote: percent-decoding as UTF-8, invalid sequences replaced with U+FFFD. */
export function unquote(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  });
}

export function unquotePlus(text: string): string {
  return unquote(text.replace(/\+/g, " "));
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** urllib.parse.quote with Python's default safe characters ('/'). */
export function quote(text: string, safe = "/"): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (byte < 128 && (ALWAYS_SAFE.test(ch) || safe.includes(ch))) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** urllib.parse.parse_qsl with keep_blank_values=False, '&' as the only separator (3.11). */
export function parseQsl(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const nameValue of query.split("&")) {
    if (!nameValue) continue;
    const at = nameValue.indexOf("=");
    if (at < 0) continue;
    const value = nameValue.slice(at + 1);
    if (!value.length) continue;
    pairs.push([unquotePlus(nameValue.slice(0, at)), unquotePlus(value)]);
  }
  return pairs;
}

/** urllib.parse.parse_qs: values grouped by name in first-seen order. */
export function parseQs(query: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [name, value] of parseQsl(query)) {
    const values = result.get(name);
    if (values) values.push(value);
    else result.set(name, [value]);
  }
  return result;
}

export function urlunsplit(parts: SplitResult): string {
  let { scheme, netloc, path: url, query, fragment } = parts;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== "//")) {
    if (url && url[0] !== "/") url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  if (fragment) url = `${url}#${fragment}`;
  return url;
}

export function urlunparse(parts: ParseResult): string {
  const path = parts.params ? `${parts.path};${parts.params}` : parts.path;
  return urlunsplit({ ...parts, path });
}
