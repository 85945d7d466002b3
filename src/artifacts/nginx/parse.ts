import { posix } from "node:path";

/** One nginx directive: `name args...;` or `name args... { block }`, with where it was written. */
export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly file: string;
  readonly line: number;
  /** The directives inside `{ }`, includes expanded; undefined for a simple directive. */
  readonly block?: readonly NginxDirective[];
}

export interface NginxProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Where the parser finds included files: the tree's paths, and a bounded reader. */
export interface NginxSource {
  readonly files: readonly string[];
  read(path: string): string | undefined;
}

interface Token {
  readonly value: string;
  readonly line: number;
  /** Quoted tokens are never special: `"{"` is an argument, `{` opens a block. */
  readonly quoted: boolean;
}

/**
 * Splits nginx configuration text into tokens as ngx_conf_read_token does
 * (https://github.com/nginx/nginx/blob/master/src/core/ngx_conf_file.c): whitespace separates
 * words; `;`, `{` and `}` are tokens of their own; `#` starts a comment at the start of a word;
 * single and double quotes group, with backslash escapes; `${name}` is a variable, not a block.
 */
export function tokenizeNginx(text: string, file: string, problems: NginxProblem[]): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === "\n") {
      line++;
      i++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "#") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (ch === ";" || ch === "{" || ch === "}") {
      tokens.push({ value: ch, line, quoted: false });
      i++;
      continue;
    }
    const start = line;
    if (ch === '"' || ch === "'") {
      let value = "";
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i] as string;
        if (c === "\\" && i + 1 < n) {
          const next = text[i + 1] as string;
          // nginx keeps the backslash except before the quote, another backslash, t, r and n.
          value += next === ch || next === "\\" ? next : next === "t" ? "\t" : next === "r" ? "\r" : next === "n" ? "\n" : c + next;
          if (next === "\n") line++;
          i += 2;
          continue;
        }
        if (c === ch) {
          closed = true;
          i++;
          break;
        }
        if (c === "\n") line++;
        value += c;
        i++;
      }
      if (!closed) {
        problems.push({ file, line: start, message: "unexpected end of file, expecting a closing quote" });
        return tokens;
      }
      const after = text[i];
      if (after !== undefined && !/[\s;{})]/.test(after)) {
        problems.push({ file, line, message: `unexpected "${after}" after a quoted string` });
      }
      tokens.push({ value, line: start, quoted: true });
      continue;
    }
    let value = "";
    while (i < n) {
      const c = text[i] as string;
      if (c === "\\" && i + 1 < n) {
        value += c + text[i + 1];
        if (text[i + 1] === "\n") line++;
        i += 2;
        continue;
      }
      if (c === "$" && text[i + 1] === "{") {
        const close = text.indexOf("}", i);
        // An unclosed ${ is an ordinary character, as nginx treats it when it reads the word.
        if (close >= 0) {
          value += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      if (/[\s;{}]/.test(c)) break;
      if ((c === '"' || c === "'") && value === "") break;
      value += c;
      i++;
    }
    if (value === "") {
      // Never loop on a character no branch consumes.
      i++;
      continue;
    }
    tokens.push({ value, line: start, quoted: false });
  }
  return tokens;
}

/** Includes followed at most this deep, and files included at most this many times in all. */
const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDES = 200;

function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (const ch of pattern) {
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^$()|{}\\[\]]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/**
 * The tree files an `include` names. nginx resolves a relative path against its prefix (the folder
 * of nginx.conf); in a repository that is not known, so the including file's folder and the entry
 * file's folder are tried, and an absolute /etc/nginx/... path is matched by its tail
 * (conf.d/app.conf) against files under a folder that holds the entry file.
 */
export function resolveInclude(pattern: string, from: string, entry: string, files: readonly string[]): string[] {
  const candidates = new Set<string>();
  const tails: string[] = [];
  if (pattern.startsWith("/")) {
    const tail = pattern.replace(/^\/etc\/nginx\//, "").replace(/^\/usr\/local\/nginx\/conf\//, "");
    if (tail !== pattern) tails.push(tail);
    else tails.push(pattern.split("/").slice(-2).join("/"));
  } else tails.push(pattern);
  for (const tail of tails) {
    for (const base of new Set([posix.dirname(from), posix.dirname(entry), posix.dirname(posix.dirname(entry))])) {
      const full = posix.normalize(posix.join(base, tail));
      if (/[*?[]/.test(full)) {
        const regex = globToRegExp(full);
        for (const file of files) if (regex.test(file)) candidates.add(file);
      } else if (files.includes(full)) candidates.add(full);
    }
    if (candidates.size > 0) break;
  }
  // nginx includes glob matches in alphabetical order.
  return [...candidates].sort();
}

/**
 * Parses nginx configuration into a directive tree with positions, expanding `include` with files
 * of the tree (globs sorted, cycles and depth bounded). Unbalanced braces, missing `;` and
 * unterminated quotes become problems with lines. Never throws.
 */
export function parseNginx(
  path: string,
  text: string,
  source?: NginxSource,
): { directives: NginxDirective[]; files: string[]; problems: NginxProblem[] } {
  const problems: NginxProblem[] = [];
  const files = new Set<string>([path]);
  let includes = 0;
  const parseFile = (file: string, content: string, stack: readonly string[]): NginxDirective[] => {
    const tokens = tokenizeNginx(content, file, problems);
    let pos = 0;
    const parseBlock = (inside: boolean, openLine: number): NginxDirective[] => {
      const out: NginxDirective[] = [];
      while (pos < tokens.length) {
        const token = tokens[pos] as Token;
        if (!token.quoted && token.value === "}") {
          pos++;
          if (!inside) {
            problems.push({ file, line: token.line, message: 'unexpected "}"' });
            continue;
          }
          return out;
        }
        if (!token.quoted && (token.value === ";" || token.value === "{")) {
          problems.push({ file, line: token.line, message: `unexpected "${token.value}"` });
          pos++;
          if (token.value === "{") parseBlock(true, token.line);
          continue;
        }
        const name = token.value;
        const args: string[] = [];
        pos++;
        let terminated = false;
        while (pos < tokens.length) {
          const t = tokens[pos] as Token;
          if (!t.quoted && t.value === ";") {
            pos++;
            terminated = true;
            out.push(...expand({ name, args, file, line: token.line }));
            break;
          }
          if (!t.quoted && t.value === "{") {
            pos++;
            terminated = true;
            const block = parseBlock(true, t.line);
            out.push({ name, args, file, line: token.line, block });
            break;
          }
          if (!t.quoted && t.value === "}") {
            problems.push({ file, line: token.line, message: `directive "${name}" is not terminated by ";"` });
            terminated = true;
            out.push({ name, args, file, line: token.line });
            break;
          }
          args.push(t.value);
          pos++;
        }
        if (!terminated) {
          problems.push({ file, line: token.line, message: `unexpected end of file, expecting ";" or "}" after "${name}"` });
          out.push({ name, args, file, line: token.line });
        }
      }
      if (inside) problems.push({ file, line: openLine, message: 'unexpected end of file, expecting "}"' });
      return out;
    };
    const expand = (directive: NginxDirective): NginxDirective[] => {
      if (directive.name !== "include" || !source || directive.args.length !== 1) return [directive];
      const targets = resolveInclude(directive.args[0] as string, file, path, source.files);
      const out: NginxDirective[] = [directive];
      for (const target of targets) {
        if (stack.includes(target)) {
          problems.push({ file, line: directive.line, message: `include of ${target} loops back to itself` });
          continue;
        }
        if (stack.length >= MAX_INCLUDE_DEPTH || ++includes > MAX_INCLUDES) {
          problems.push({ file, line: directive.line, message: "includes nested too deeply" });
          continue;
        }
        const included = source.read(target);
        if (included === undefined) {
          problems.push({ file, line: directive.line, message: `${target} cannot be read` });
          continue;
        }
        files.add(target);
        out.push(...parseFile(target, included, [...stack, target]));
      }
      return out;
    };
    return parseBlock(false, 1);
  };
  const directives = parseFile(path, text, [path]);
  return { directives, files: [...files], problems };
}

// ------------------------------------------------------------------ the semantic model

export interface NginxListen {
  readonly address: string | null;
  readonly port: number;
  readonly ssl: boolean;
  readonly defaultServer: boolean;
  readonly line: number;
}

export interface NginxHeader {
  readonly name: string;
  readonly value: string;
  readonly always: boolean;
  readonly file: string;
  readonly line: number;
}

export interface NginxLocation {
  /** `=`, `~`, `~*`, `^~`, or "" for a prefix location; "@" for a named one. */
  readonly modifier: string;
  readonly path: string;
  readonly file: string;
  readonly line: number;
  readonly alias?: { readonly value: string; readonly line: number; readonly file: string };
  readonly root?: { readonly value: string; readonly line: number; readonly file: string };
  readonly proxyPass?: { readonly value: string; readonly line: number; readonly file: string };
  readonly uwsgiPass?: { readonly value: string; readonly line: number; readonly file: string };
  readonly return?: { readonly code: number | null; readonly target: string | null; readonly line: number; readonly file: string };
  /** Effective after inheritance: the nearest level that has any add_header wins entirely. */
  readonly headers: readonly NginxHeader[];
  /** Whether the location declares add_header itself (and so drops the server's). */
  readonly ownHeaders: boolean;
  /** Effective proxy_set_header, inherited the same way. */
  readonly proxyHeaders: readonly NginxHeader[];
  readonly settings: NginxInherited;
  readonly locations: readonly NginxLocation[];
}

/** Directives a level inherits from the one above unless it sets them itself. */
export interface NginxInherited {
  readonly clientMaxBodySize?: NginxValue;
  readonly proxyReadTimeout?: NginxValue;
  readonly proxyBuffering?: NginxValue;
  readonly sslProtocols?: NginxValue;
  readonly gzip?: NginxValue;
  readonly brotli?: NginxValue;
  readonly expires?: NginxValue;
  readonly root?: NginxValue;
}

export interface NginxValue {
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export interface NginxServer {
  readonly file: string;
  readonly line: number;
  readonly listen: readonly NginxListen[];
  readonly serverNames: readonly string[];
  readonly serverNameLine: number | null;
  readonly sslCertificate: NginxValue | null;
  /** A server-level `return 301 https://...` or `rewrite ... https://... permanent`. */
  readonly redirect: { readonly code: number | null; readonly target: string; readonly line: number } | null;
  readonly headers: readonly NginxHeader[];
  readonly proxyHeaders: readonly NginxHeader[];
  readonly settings: NginxInherited;
  readonly locations: readonly NginxLocation[];
}

export interface NginxUpstream {
  readonly name: string;
  readonly servers: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface NginxConfig {
  /** The entry file (one that no other file includes). */
  readonly path: string;
  readonly files: readonly string[];
  readonly directives: readonly NginxDirective[];
  readonly servers: readonly NginxServer[];
  readonly upstreams: readonly NginxUpstream[];
  readonly problems: readonly NginxProblem[];
}

const INHERITED: Record<keyof NginxInherited, string> = {
  clientMaxBodySize: "client_max_body_size",
  proxyReadTimeout: "proxy_read_timeout",
  proxyBuffering: "proxy_buffering",
  sslProtocols: "ssl_protocols",
  gzip: "gzip",
  brotli: "brotli",
  expires: "expires",
  root: "root",
};

function inherit(parent: NginxInherited, block: readonly NginxDirective[]): NginxInherited {
  const out: Record<string, NginxValue> = { ...(parent as Record<string, NginxValue>) };
  for (const [key, name] of Object.entries(INHERITED)) {
    const own = block.filter((d) => d.name === name).pop();
    if (own) out[key] = { value: own.args.join(" "), file: own.file, line: own.line };
  }
  return out as NginxInherited;
}

function headersOf(
  block: readonly NginxDirective[],
  name: string,
  parent: readonly NginxHeader[],
): { headers: NginxHeader[]; own: boolean } {
  const own = block
    .filter((d) => d.name === name && d.args.length >= 2)
    .map((d) => ({
      name: (d.args[0] as string).toLowerCase(),
      value: d.args[1] as string,
      always: d.args[2] === "always",
      file: d.file,
      line: d.line,
    }));
  // "These directives are inherited from the previous configuration level if and only if there are
  // no add_header directives defined on the current level." (ngx_http_headers_module)
  return own.length > 0 ? { headers: own, own: true } : { headers: [...parent], own: false };
}

function value(d: NginxDirective | undefined): NginxValue | undefined {
  return d ? { value: d.args.join(" "), file: d.file, line: d.line } : undefined;
}

function locationOf(
  d: NginxDirective,
  parentHeaders: readonly NginxHeader[],
  parentProxy: readonly NginxHeader[],
  parent: NginxInherited,
): NginxLocation {
  const block = d.block ?? [];
  const [first, second] = d.args;
  const modifier = d.args.length >= 2 ? (first as string) : first?.startsWith("@") ? "@" : "";
  const path = d.args.length >= 2 ? (second as string) : (first ?? "");
  const headers = headersOf(block, "add_header", parentHeaders);
  const proxy = headersOf(block, "proxy_set_header", parentProxy);
  const settings = inherit(parent, block);
  const ret = block.filter((x) => x.name === "return").pop();
  const last = (name: string) => block.filter((x) => x.name === name).pop();
  return {
    modifier,
    path,
    file: d.file,
    line: d.line,
    ...(last("alias") ? { alias: value(last("alias")) } : {}),
    ...(last("root") ? { root: value(last("root")) } : {}),
    ...(last("proxy_pass") ? { proxyPass: value(last("proxy_pass")) } : {}),
    ...(last("uwsgi_pass") ? { uwsgiPass: value(last("uwsgi_pass")) } : {}),
    ...(ret ? { return: returnOf(ret) } : {}),
    headers: headers.headers,
    ownHeaders: headers.own,
    proxyHeaders: proxy.headers,
    settings,
    locations: block.filter((x) => x.name === "location" && x.block).map((x) => locationOf(x, headers.headers, proxy.headers, settings)),
  } as NginxLocation;
}

function returnOf(d: NginxDirective): { code: number | null; target: string | null; line: number; file: string } {
  const [a, b] = d.args;
  if (a && /^\d{3}$/.test(a)) return { code: Number(a), target: b ?? null, line: d.line, file: d.file };
  return { code: 302, target: a ?? null, line: d.line, file: d.file };
}

function listenOf(d: NginxDirective): NginxListen {
  const [address = "80", ...flags] = d.args;
  let host: string | null = null;
  let port = 80;
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(address);
  if (v6) {
    host = `[${v6[1]}]`;
    port = v6[2] ? Number(v6[2]) : 80;
  } else if (/^\d+$/.test(address)) port = Number(address);
  else if (address.startsWith("unix:")) {
    host = address;
    port = 0;
  } else {
    const [h, p] = address.split(":");
    host = h ?? null;
    port = p ? Number(p) : 80;
  }
  return {
    address: host,
    port,
    ssl: flags.includes("ssl") || flags.includes("quic"),
    defaultServer: flags.includes("default_server") || flags.includes("default"),
    line: d.line,
  };
}

/** Builds servers, locations and upstreams from a parsed tree, applying nginx's inheritance rules. */
export function nginxModel(path: string, parsed: ReturnType<typeof parseNginx>): NginxConfig {
  const servers: NginxServer[] = [];
  const upstreams: NginxUpstream[] = [];
  const visit = (
    block: readonly NginxDirective[],
    headers: readonly NginxHeader[],
    proxy: readonly NginxHeader[],
    settings: NginxInherited,
  ) => {
    for (const d of block) {
      if (d.name === "http" && d.block) {
        const h = headersOf(d.block, "add_header", headers);
        const p = headersOf(d.block, "proxy_set_header", proxy);
        visit(d.block, h.headers, p.headers, inherit(settings, d.block));
      } else if (d.name === "upstream" && d.block) {
        upstreams.push({
          name: d.args[0] ?? "",
          servers: d.block.filter((x) => x.name === "server").map((x) => x.args[0] ?? ""),
          file: d.file,
          line: d.line,
        });
      } else if (d.name === "server" && d.block) {
        const inner = d.block;
        const h = headersOf(inner, "add_header", headers);
        const p = headersOf(inner, "proxy_set_header", proxy);
        const s = inherit(settings, inner);
        const names = inner.filter((x) => x.name === "server_name");
        const ret = inner.filter((x) => x.name === "return").pop();
        const rewrite = inner.find(
          (x) => x.name === "rewrite" && /^https:\/\//.test(x.args[1] ?? "") && /permanent|redirect/.test(x.args[2] ?? ""),
        );
        const parsedReturn = ret ? returnOf(ret) : undefined;
        servers.push({
          file: d.file,
          line: d.line,
          listen: inner.filter((x) => x.name === "listen").map(listenOf),
          serverNames: names.flatMap((x) => x.args),
          serverNameLine: names[0]?.line ?? null,
          sslCertificate: value(inner.filter((x) => x.name === "ssl_certificate").pop()) ?? null,
          redirect: parsedReturn?.target
            ? { code: parsedReturn.code, target: parsedReturn.target, line: parsedReturn.line }
            : rewrite
              ? { code: 301, target: rewrite.args[1] as string, line: rewrite.line }
              : null,
          headers: h.headers,
          proxyHeaders: p.headers,
          settings: s,
          locations: inner.filter((x) => x.name === "location" && x.block).map((x) => locationOf(x, h.headers, p.headers, s)),
        });
      } else if ((d.name === "stream" || d.name === "events" || d.name === "mail") && d.block) {
        // Not HTTP: nothing here serves Django.
      }
    }
  };
  // A site file (conf.d/*.conf, sites-enabled/*) is included inside http {}: its top-level
  // directives are the http level, which its servers inherit. In a whole nginx.conf the top level
  // is the main context, where none of the inherited directives is allowed (nginx -t refuses them).
  visit(parsed.directives, [], [], inherit({}, parsed.directives));
  return { path, files: parsed.files, directives: parsed.directives, servers, upstreams, problems: parsed.problems };
}

/** Every location of a server, nested ones included. */
export function allLocations(server: { readonly locations: readonly NginxLocation[] }): NginxLocation[] {
  const out: NginxLocation[] = [];
  const walk = (locations: readonly NginxLocation[]) => {
    for (const location of locations) {
      out.push(location);
      walk(location.locations);
    }
  };
  walk(server.locations);
  return out;
}

/** Whether a server terminates TLS: a `listen ... ssl` or a certificate. */
export function isTls(server: NginxServer): boolean {
  return server.listen.some((l) => l.ssl) || (server.sslCertificate !== null && server.listen.some((l) => l.port === 443));
}

/** nginx sizes: `10m`, `512k`, `1g`, bytes otherwise; 0 means unlimited. */
export function parseNginxSize(text: string): number | undefined {
  const match = /^(\d+)([kKmMgG]?)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? "").toLowerCase();
  return Number(match[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1);
}

/** nginx times in seconds: `60`, `60s`, `2m`, `1h`, `500ms`, combinations like `1m30s`. */
export function parseNginxTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
  let total = 0;
  let rest = trimmed;
  while (rest) {
    const match = /^(\d+)(ms|s|m|h|d|w|M|y)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * (units[match[2] as string] as number);
    rest = rest.slice(match[0].length);
  }
  return total;
}
