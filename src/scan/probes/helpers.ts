/** What two probes or more share: the static asset request, cookie and page parsing. */
import type { GetRequest } from "../define.js";
import { type HttpResponse, header } from "../types.js";

/** A page fetched over plain HTTP or whose URL is not https. */
export function isPlainHttp(response: HttpResponse): boolean {
  return response.url.startsWith("http:");
}

/**
 * Django's technical error pages, shown only with DEBUG on. Both say "you have <code>DEBUG = True</code>"
 * (matched on the <code> part: the apostrophe before it differs between versions); the 500 page
 * (also used for 400s like DisallowedHost) has the exception summary and traceback.
 * https://github.com/django/django/blob/stable/5.2.x/django/views/templates/technical_500.html
 */
export function technicalPage(body: string): "404" | "500" | undefined {
  if (!body.includes("<code>DEBUG = True</code>")) return undefined;
  if (body.includes('id="traceback"') || body.includes("Exception Type:</th>")) return "500";
  return "404";
}

export function htmlTitle(body: string): string | undefined {
  return /<title[^>]*>([^<]{0,300})<\/title>/i.exec(body)?.[1]?.trim().replace(/\s+/g, " ");
}

/** The first same-site stylesheet or script on the page, under /static/ when there is one. */
export function staticAssetPath(page: HttpResponse): string | null {
  const base = new URL(page.url);
  const candidates: string[] = [];
  for (const match of page.body.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"'>\s]+)["'][^>]*>/gi)) {
    const tag = match[0];
    if (/^<link/i.test(tag) && !/rel\s*=\s*["']?[^"'>]*stylesheet/i.test(tag)) continue;
    const value = match[1] as string;
    let url: URL;
    try {
      url = new URL(value.replace(/&amp;/g, "&"), base);
    } catch {
      continue;
    }
    if (url.host !== base.host || !/\.(css|js|mjs)$/i.test(url.pathname)) continue;
    candidates.push(`${url.pathname}${url.search}`);
  }
  return candidates.find((p) => p.includes("/static/")) ?? candidates[0] ?? null;
}

/** The page's first stylesheet or script, asked for as a browser would: compressed if the server can. */
export const STATIC_ASSET_REQUEST: GetRequest = {
  kind: "get",
  id: "static-asset",
  path: staticAssetPath,
  headers: { "Accept-Encoding": "gzip, deflate, br" },
  maxBytes: 256 * 1024,
};

/** A static file name carrying a content hash, as ManifestStaticFilesStorage writes them (name.0123456789ab.css). */
export function isHashedName(path: string): boolean {
  const file = path.split("?")[0]?.split("/").pop() ?? "";
  return /\.[0-9a-f]{8,64}\.[a-z0-9]+$/i.test(file) || /[.-][0-9a-f]{16,64}\.[a-z0-9]+$/i.test(file);
}

/** Cache-Control max-age (or s-maxage) in seconds; undefined when the header has none. */
export function maxAge(response: HttpResponse): number | undefined {
  const cacheControl = header(response, "cache-control");
  if (!cacheControl) return undefined;
  if (/\bno-store\b|\bno-cache\b/i.test(cacheControl)) return 0;
  const match = /\bmax-age\s*=\s*"?(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) : undefined;
}

export interface Cookie {
  readonly name: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** The SameSite value as sent (lower case), "" when the attribute has no value, undefined when absent. */
  readonly sameSite: string | undefined;
  /** The Set-Cookie line, for evidence. */
  readonly line: string;
  /** Max-Age=0 or an Expires in the past: a deletion, not a cookie the browser keeps. */
  readonly deletes: boolean;
}

/** Parses Set-Cookie lines (RFC 6265 section 5.2: name=value, then attributes). */
export function parseSetCookie(line: string): Cookie | undefined {
  const [pair, ...attributes] = line.split(";");
  const eq = pair?.indexOf("=") ?? -1;
  const name = (eq >= 0 ? pair?.slice(0, eq) : pair)?.trim();
  if (!name) return undefined;
  let secure = false;
  let httpOnly = false;
  let sameSite: string | undefined;
  let deletes = false;
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split("=");
    const key = rawKey?.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (key === "secure") secure = true;
    else if (key === "httponly") httpOnly = true;
    else if (key === "samesite") sameSite = value.toLowerCase();
    else if (key === "max-age" && /^-?\d+$/.test(value) && Number(value) <= 0) deletes = true;
    else if (key === "expires" && Date.parse(value) < Date.parse("2000-01-01")) deletes = true;
  }
  return { name, secure, httpOnly, sameSite, line: line.slice(0, 300), deletes };
}

/** Cookies a session depends on, by name: Django's sessionid and the usual others (as the MDN Observatory). */
export function isSessionCookie(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.includes("sess") || lower.includes("login");
}

export function isCsrfCookie(name: string): boolean {
  return name.toLowerCase().includes("csrf");
}

/** A header line for evidence, as sent: "Name: value" (the value cut at 200 characters). */
export function headerLine(name: string, value: string | undefined): string {
  const pretty = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  if (value === undefined) return `no ${pretty} header`;
  return `${pretty}: ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`;
}

/** The values of a <meta> the page declares (http-equiv or name), lower-case key. */
export function metaValues(body: string, attribute: "http-equiv" | "name", key: string): string[] {
  const values: string[] = [];
  for (const match of body.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = match[0];
    const attr = new RegExp(`\\b${attribute}\\s*=\\s*["']?([^"'>\\s]+)`, "i").exec(tag)?.[1];
    if (attr?.toLowerCase() !== key) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value !== undefined) values.push(value);
  }
  return values;
}

export type CspParse = { ok: true; directives: Map<string, Set<string>> } | { ok: false; reason: string };

/**
 * Parses Content-Security-Policy values into directive → sources (lower case). A directive
 * repeated within one policy makes it invalid (browsers use the first; the MDN Observatory calls
 * it invalid so that people notice); with several policies, the first one that sets a directive
 * is kept — browsers enforce every policy, so this under-reports the strictest of them.
 */
export function parseCsp(values: readonly string[], options: { meta?: boolean } = {}): CspParse {
  const directives = new Map<string, Set<string>>();
  for (const value of values) {
    const policies = value.replace(/[\r\n]/g, "").split(",");
    for (const policy of policies) {
      const text = policy.trim();
      if (text.length < 6) return { ok: false, reason: `policy "${text}" is too short to mean anything` };
      const seen = new Set<string>();
      for (const entry of text.split(";")) {
        const [rawName, ...sources] = entry.trim().split(/\s+/);
        if (!rawName) continue;
        const name = rawName.toLowerCase();
        if (seen.has(name) && name !== "report-uri" && name !== "report-to") return { ok: false, reason: `directive ${name} is repeated` };
        seen.add(name);
        // Browsers ignore these in <meta> (CSP3 section 3.3).
        if (options.meta && ["frame-ancestors", "report-uri", "sandbox"].includes(name)) continue;
        if (directives.has(name)) continue;
        const list = sources.map((s) => s.toLowerCase());
        directives.set(name, new Set(list.length === 0 && name.endsWith("-src") ? ["'none'"] : list));
      }
    }
  }
  return { ok: true, directives };
}

/** Parses Strict-Transport-Security (RFC 6797 section 6.1); undefined when it cannot be read. */
export function parseHsts(value: string): { maxAge: number; includeSubDomains: boolean; preload: boolean } | undefined {
  // A comma means the header was sent twice and joined: browsers then ignore it.
  if (value.includes(",")) return undefined;
  let maxAge: number | undefined;
  let includeSubDomains = false;
  let preload = false;
  for (const part of value.split(";").map((p) => p.trim().toLowerCase())) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(part);
    if (match) maxAge = Number(match[1]);
    else if (part === "includesubdomains") includeSubDomains = true;
    else if (part === "preload") preload = true;
  }
  return maxAge === undefined ? undefined : { maxAge, includeSubDomains, preload };
}
