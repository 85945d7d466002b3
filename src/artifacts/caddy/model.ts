import type { CaddyDirective, CaddyfileParse, CaddyProblem } from "./parse.js";

/** A site address as Caddy reads it: `[scheme://][host][:port][/path]` (https://caddyserver.com/docs/caddyfile/concepts#addresses). */
export interface CaddyAddress {
  readonly text: string;
  readonly scheme: "http" | "https" | "";
  readonly host: string;
  readonly port: string;
  readonly path: string;
}

/** A `reverse_proxy` directive: where it sends requests and which forwarded headers it trusts. */
export interface CaddyReverseProxy {
  readonly file: string;
  readonly line: number;
  /** Upstreams as written (`app:8000`, `http://app:8000`, `{$UPSTREAM}`), from the line and `to`. */
  readonly upstreams: readonly string[];
  /** The same as Caddy dials them: scheme dropped, default port added (app → app:80). */
  readonly dials: readonly string[];
  /** The path or named matcher it is under (`/api/*`, `@app`); undefined for every request. */
  readonly matcher: string | undefined;
  /** `trusted_proxies` of this reverse_proxy: whose X-Forwarded-* it passes on instead of replacing. */
  readonly trustedProxies: readonly CaddyTrustedRange[];
  /** `header_up` fields set or removed towards the app, lower case (with a leading - when removed). */
  readonly headerUp: readonly string[];
}

/** One range of a `trusted_proxies` list, with where it is written. */
export interface CaddyTrustedRange {
  readonly range: string;
  readonly file: string;
  readonly line: number;
}

/** A response header the site sets or removes (`header` directive). */
export interface CaddyHeader {
  readonly file: string;
  readonly line: number;
  /** The field, lower case, without its operator prefix. */
  readonly name: string;
  readonly operation: "set" | "add" | "delete" | "default";
  readonly value: string | undefined;
}

/** A `file_server` with the path it answers for and the root it serves from. */
export interface CaddyFileServer {
  readonly file: string;
  readonly line: number;
  /** The request path prefix it serves (`/static/`), from its matcher or its handle/handle_path block; undefined for any path. */
  readonly pathPrefix: string | undefined;
  /** Whether the prefix is stripped before the root is joined (handle_path, uri strip_prefix). */
  readonly stripsPrefix: boolean;
  /** The root in effect (`root * /srv/static`); undefined when none is set (Caddy serves the working folder). */
  readonly root: string | undefined;
}

export interface CaddySiteModel {
  readonly file: string;
  readonly line: number;
  readonly addresses: readonly CaddyAddress[];
  /** Whether Caddy serves this site over HTTPS: automatic HTTPS for a host name, or a `tls` directive. */
  readonly isTls: boolean;
  /** Whether Caddy redirects plain HTTP to this site's HTTPS (automatic HTTPS does unless turned off). */
  readonly redirectsHttp: boolean;
  readonly tls: CaddyDirective | undefined;
  readonly reverseProxies: readonly CaddyReverseProxy[];
  readonly headers: readonly CaddyHeader[];
  readonly fileServers: readonly CaddyFileServer[];
  /** Environment variables the site reads without a default. */
  readonly env: readonly string[];
}

/** One Caddyfile (entry file, imports expanded) as the facts rules read. */
export interface CaddyConfig {
  readonly path: string;
  readonly files: readonly string[];
  readonly global: readonly CaddyDirective[];
  readonly sites: readonly CaddySiteModel[];
  /** `servers { trusted_proxies static ... }` in the global options: whose X-Forwarded-For sets the client address. */
  readonly trustedProxies: readonly CaddyTrustedRange[];
  /** `auto_https off` / `disable_redirects` in the global options. */
  readonly autoHttps: "on" | "off" | "disable_redirects" | "disable_certs" | "ignore_loaded_certs";
  readonly problems: readonly CaddyProblem[];
}

/** `private_ranges` in trusted_proxies, as Caddy expands it (modules/caddyhttp/ip_range.go, PrivateRangesCIDR). */
export const CADDY_PRIVATE_RANGES = ["192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8", "127.0.0.1/8", "fd00::/8", "::1"];

/** Parses a site address; Caddy's own rules: a scheme or a port of 80/443 decides HTTP or HTTPS. */
export function parseCaddyAddress(text: string): CaddyAddress {
  let rest = text;
  let scheme: CaddyAddress["scheme"] = "";
  const schemeMatch = /^(https?):\/\//i.exec(rest);
  if (schemeMatch) {
    scheme = (schemeMatch[1] as string).toLowerCase() as "http" | "https";
    rest = rest.slice(schemeMatch[0].length);
  }
  const slash = rest.indexOf("/");
  const path = slash >= 0 ? rest.slice(slash) : "";
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  let host = hostPort;
  let port = "";
  const bracket = /^\[([^\]]*)\](?::(\d+|\{[^}]*\}))?$/.exec(hostPort);
  if (bracket) {
    host = bracket[1] as string;
    port = bracket[2] ?? "";
  } else {
    const colon = hostPort.lastIndexOf(":");
    if (colon >= 0 && hostPort.indexOf(":") === colon) {
      host = hostPort.slice(0, colon);
      port = hostPort.slice(colon + 1);
    }
  }
  return { text, scheme, host: host.toLowerCase(), port, path };
}

/** Whether an address is served over HTTPS: `https://`, :443, or a host name without http:// or :80. */
function addressIsTls(address: CaddyAddress, autoHttps: CaddyConfig["autoHttps"]): boolean {
  if (address.scheme === "https" || address.port === "443") return true;
  if (address.scheme === "http" || address.port === "80") return false;
  if (autoHttps === "off" || autoHttps === "disable_certs") return false;
  // Automatic HTTPS needs a host to get a certificate for; `:8080` alone is plain HTTP.
  return address.host !== "" && address.host !== "*";
}

/** Whether a directive's first argument is a matcher token: `*`, a path, or a named matcher. */
export function isMatcherToken(arg: string | undefined): boolean {
  return arg !== undefined && (arg === "*" || arg.startsWith("/") || arg.startsWith("@"));
}

/** The address Caddy dials for an upstream (reverseproxy's parseUpstreamDialAddress, simplified): host:port. */
export function caddyDial(upstream: string): string {
  if (upstream.startsWith("unix/") || upstream.includes("{")) return upstream;
  const match = /^(?:(https?|h2c):\/\/)?([^/]*)/i.exec(upstream);
  const scheme = (match?.[1] ?? "").toLowerCase();
  const hostPort = match?.[2] ?? upstream;
  if (/:\d+$/.test(hostPort) && !/^\[[^\]]*\]$/.test(hostPort)) return hostPort;
  return `${hostPort}:${scheme === "https" ? 443 : 80}`;
}

function* walk(directives: readonly CaddyDirective[]): Generator<CaddyDirective> {
  for (const directive of directives) {
    yield directive;
    if (directive.block) yield* walk(directive.block);
  }
}

/** The path prefix a path matcher (`/static/*`, `/static/`) names; undefined for anything else. */
function pathPrefix(matcher: string | undefined): string | undefined {
  if (!matcher?.startsWith("/")) return undefined;
  return matcher.replace(/\*$/, "");
}

/** Named matchers of a site: `@name path /static/*` or `@name { path /static/* }`, their first path. */
function namedPaths(directives: readonly CaddyDirective[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const directive of walk(directives)) {
    if (!directive.name.startsWith("@")) continue;
    const inline = directive.args[0] === "path" ? directive.args[1] : directive.args[0]?.startsWith("/") ? directive.args[0] : undefined;
    const nested = directive.block?.find((d) => d.name === "path")?.args[0];
    const path = inline ?? nested;
    if (path) out.set(directive.name, path);
  }
  return out;
}

function rangesOf(directive: CaddyDirective, from: number): CaddyTrustedRange[] {
  return directive.args
    .slice(from)
    .flatMap((range) => (range === "private_ranges" ? CADDY_PRIVATE_RANGES : [range]))
    .map((range) => ({ range, file: directive.file, line: directive.line }));
}

function siteModel(site: CaddyfileParse["sites"][number], autoHttps: CaddyConfig["autoHttps"]): CaddySiteModel {
  const addresses = site.addresses.map(parseCaddyAddress);
  const tls = site.directives.find((d) => d.name === "tls");
  const named = namedPaths(site.directives);
  const reverseProxies: CaddyReverseProxy[] = [];
  const headers: CaddyHeader[] = [];
  const fileServers: CaddyFileServer[] = [];
  const env = new Set<string>();

  const matcherPath = (arg: string | undefined) => (arg?.startsWith("@") ? named.get(arg) : arg);
  const visit = (
    directives: readonly CaddyDirective[],
    scope: { prefix: string | undefined; strips: boolean; root: string | undefined },
  ) => {
    // A root set in this block applies to the file_server of the same block (Caddy orders root before file_server).
    const rootDirective = directives.find((d) => d.name === "root");
    const root = rootDirective ? (isMatcherToken(rootDirective.args[0]) ? rootDirective.args[1] : rootDirective.args[0]) : scope.root;
    const strips = scope.strips || directives.some((d) => d.name === "uri" && d.args.includes("strip_prefix"));
    for (const directive of directives) {
      for (const name of directive.env) env.add(name);
      const first = directive.args[0];
      const matcher = isMatcherToken(first) ? first : undefined;
      const args = matcher ? directive.args.slice(1) : directive.args;
      if (directive.name === "reverse_proxy") {
        const to = (directive.block ?? []).filter((d) => d.name === "to").flatMap((d) => d.args);
        const upstreams = [...args, ...to];
        const trusted = (directive.block ?? []).filter((d) => d.name === "trusted_proxies").flatMap((d) => rangesOf(d, 0));
        const headerUp = (directive.block ?? [])
          .filter((d) => d.name === "header_up")
          .map((d) => (d.args[0] ?? "").toLowerCase().replace(/^\+/, ""));
        reverseProxies.push({
          file: directive.file,
          line: directive.line,
          upstreams,
          dials: upstreams.map(caddyDial),
          matcher: matcher ?? scope.prefix,
          trustedProxies: trusted,
          headerUp,
        });
        continue;
      }
      if (directive.name === "header") {
        const fields = args.length > 0 ? [{ args, at: directive }] : [];
        for (const line of directive.block ?? []) fields.push({ args: [line.name, ...line.args], at: line });
        for (const { args: fieldArgs, at } of fields) {
          const raw = fieldArgs[0] ?? "";
          if (raw === "defer" || raw === "") continue;
          const operator = raw[0];
          const operation = operator === "-" ? "delete" : operator === "+" ? "add" : operator === "?" ? "default" : "set";
          const name = raw.replace(/^[-+?>]/, "").toLowerCase();
          headers.push({ file: at.file, line: at.line, name, operation, value: fieldArgs[1] });
        }
        continue;
      }
      if (directive.name === "file_server") {
        const own = pathPrefix(matcherPath(matcher));
        fileServers.push({ file: directive.file, line: directive.line, pathPrefix: own ?? scope.prefix, stripsPrefix: strips, root });
        continue;
      }
      if (directive.block && (directive.name === "handle" || directive.name === "handle_path" || directive.name === "route")) {
        const prefix = pathPrefix(matcherPath(first)) ?? scope.prefix;
        visit(directive.block, { prefix, strips: strips || directive.name === "handle_path", root });
      }
    }
  };
  visit(site.directives, { prefix: undefined, strips: false, root: undefined });
  const isTls = tls !== undefined || addresses.some((a) => addressIsTls(a, autoHttps));
  return {
    file: site.file,
    line: site.line,
    addresses,
    isTls,
    redirectsHttp: isTls && autoHttps !== "off" && autoHttps !== "disable_redirects" && addresses.some((a) => a.scheme !== "http"),
    tls,
    reverseProxies,
    headers,
    fileServers,
    env: [...env],
  };
}

/** The facts of a parsed Caddyfile that rules read: sites, their TLS, proxies, headers, static serving. */
export function caddyModel(parsed: CaddyfileParse): CaddyConfig {
  const autoHttpsArg = parsed.global.find((d) => d.name === "auto_https")?.args[0];
  const autoHttps = (
    ["off", "disable_redirects", "disable_certs", "ignore_loaded_certs"].includes(autoHttpsArg ?? "") ? autoHttpsArg : "on"
  ) as CaddyConfig["autoHttps"];
  const trustedProxies: CaddyTrustedRange[] = [];
  for (const servers of parsed.global.filter((d) => d.name === "servers")) {
    for (const option of servers.block ?? []) {
      // `trusted_proxies static <ranges...>`: the only source Caddy ships (others are plugins).
      if (option.name === "trusted_proxies" && option.args[0] === "static") trustedProxies.push(...rangesOf(option, 1));
    }
  }
  return {
    path: parsed.path,
    files: parsed.files,
    global: parsed.global,
    sites: parsed.sites.map((site) => siteModel(site, autoHttps)),
    trustedProxies,
    autoHttps,
    problems: parsed.problems,
  };
}
