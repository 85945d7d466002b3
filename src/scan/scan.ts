import { randomBytes } from "node:crypto";
import type { LookupFunction } from "node:net";
import { fingerprint } from "../findings/baseline.js";
import type { Catalog } from "../findings/catalog.js";
import type { Finding } from "../findings/finding.js";
import { formatMessage, SEVERITY_RANK, type Severity } from "../findings/vocabulary.js";
import { UsageError } from "../util/errors.js";
import { TOOL } from "../version.js";
import { probeCatalog, SITE_ERROR, scanDocUrl } from "./catalog.js";
import { type AnyProbe, type Outcome, type ProbeResult, type RequestSpec, requestKey } from "./define.js";
import { formatEvidence } from "./evidence.js";
import { Fetcher } from "./fetch/client.js";
import { DEFAULT_FETCH_OPTIONS, type FetchOptions, type Pin, parsePin } from "./fetch/options.js";
import { type Grade, scoreOutcomes } from "./grade/grade.js";
import { PROBES } from "./registry.js";
import type { ErrorKind, HttpChain, HttpResponse, Observation, RedirectHop, SiteContext } from "./types.js";

export const SCAN_TOOL = TOOL;

export const USER_AGENT = `djship/${SCAN_TOOL.version} (+https://github.com/djship/djship)`;

export interface ScanOptions {
  /** Sites scanned at once (default 8). */
  readonly concurrency?: number;
  /** Extra trusted CA certificates, PEM text (the CLI reads --ca FILE). */
  readonly ca?: string;
  /** Go on past a certificate that does not verify; it is still reported. */
  readonly insecure?: boolean;
  /** Names pinned to addresses, as curl's --resolve: "HOST:PORT:ADDR" or parsed pins. */
  readonly resolve?: readonly (string | Pin)[];
  readonly connectTimeoutMs?: number;
  /** Total time per request. */
  readonly requestTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxRedirects?: number;
  /** Name resolution for names not pinned (default: the system's). */
  readonly lookup?: LookupFunction;
  /** Only these probes (tests); default: all. */
  readonly probes?: readonly AnyProbe[];
  /** Called as each site finishes. */
  readonly onProgress?: (progress: { done: number; total: number; site: ScanSite }) => void;
}

export interface ScanSite {
  readonly url: string;
  readonly finalUrl: string | null;
  /** The redirects the URL given went through to reach finalUrl, oldest first (empty when it answered itself). */
  readonly redirects: readonly RedirectHop[];
  readonly grade: Grade | null;
  readonly score: number | null;
  readonly error: { readonly kind: ErrorKind; readonly message: string } | null;
  /** Each probe's outcomes (probe id → outcome ids), for machines and the comparison tests. */
  readonly outcomes: Readonly<Record<string, readonly string[]>>;
  /** This site's unsuppressed findings per severity. */
  readonly summary: Readonly<Record<Severity, number>>;
}

export interface ScanResult {
  readonly tool: { name: string; version: string };
  readonly sites: readonly ScanSite[];
  readonly findings: readonly Finding[];
  readonly summary: Record<Severity, number> & { suppressed: number };
  readonly catalog: Catalog;
}

/** The URL as typed: a bare name means https://NAME/. */
export function normalizeUrl(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`"${text}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${text}: only http:// and https:// URLs can be scanned`);
  if (url.username || url.password) throw new UsageError(`${text}: URLs with credentials are not scanned`);
  url.hash = "";
  return url.href;
}

const ERROR_FIXES: Record<ErrorKind, string> = {
  refused: "Check that the server listens on this address and port, and that no firewall rejects the connection.",
  dns: "Check the host name; for a name that is not in DNS yet, pin it with --resolve HOST:PORT:ADDR.",
  timeout:
    "Check that the server answers within the time limit; a server that accepts and never answers exhausts workers and proxies alike.",
  tls: "Install a certificate from a public CA for this name with its full chain (ssl_certificate fullchain.pem); for a staging CA pass --ca FILE, or --insecure to scan past it.",
  "too-large": "Keep response headers small: a response over the limit is refused by proxies and browsers too.",
  "redirect-loop":
    "Fix the redirects: behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER (and proxy_set_header X-Forwarded-Proto $scheme;), or SECURE_SSL_REDIRECT loops.",
  protocol: "Check that the server speaks HTTP/1.1 on this port (not TLS on an http:// URL or the reverse) and sends complete responses.",
};

/** Runs `job` over `items` with at most `limit` at once, keeping their order. */
async function pool<T, R>(items: readonly T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** The plain-HTTP entry derived from the page request when the URL given was http://. */
function chainFromPage(start: string, page: HttpResponse): HttpChain {
  const hops: RedirectHop[] = [...(page.redirects ?? [])];
  if (page.url.startsWith("http:")) hops.push({ url: page.url, status: page.status, location: "" });
  const firstHttps = hops.findIndex((hop) => hop.location.startsWith("https:"));
  const kept = firstHttps >= 0 ? hops.slice(0, firstHttps + 1) : hops;
  const last = kept[kept.length - 1];
  return { kind: "chain", start, hops: kept, end: last?.location || last?.url || start };
}

function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) if (!finding.suppressed) counts[finding.severity]++;
  return counts;
}

interface SiteOutcome {
  site: ScanSite;
  findings: Finding[];
}

class SiteScan {
  readonly #url: string;
  readonly #fetcher: Fetcher;
  readonly #probes: readonly AnyProbe[];
  readonly #token = randomBytes(6).toString("hex");

  readonly #schemeAssumed: boolean;

  constructor(url: string, fetcher: Fetcher, probes: readonly AnyProbe[], schemeAssumed = false) {
    this.#schemeAssumed = schemeAssumed;
    this.#url = url;
    this.#fetcher = fetcher;
    this.#probes = probes;
  }

  async run(): Promise<SiteOutcome> {
    const page = await this.#fetcher.follow(this.#url);
    if (page.kind === "failure") {
      // The URL answered, but a redirect led somewhere that failed: name where, or "connection
      // refused" reads as if the URL given did not answer (an http:// entry whose HTTPS is down).
      const where = page.url !== this.#url && page.error.kind !== "redirect-loop" ? `it redirects to ${page.url}, which failed: ` : "";
      return this.#unreachable(page.error.kind, where + this.#plainHttpHint(page.error.message), formatEvidence(page));
    }
    const final = new URL(page.url);
    const site: SiteContext = {
      url: this.#url,
      finalUrl: page.url,
      isHttps: final.protocol === "https:",
      host: final.hostname.replace(/^\[(.*)\]$/, "$1"),
    };
    const observations = await this.#observe(page, site);
    const findings: Finding[] = [];
    const graded: { probe: string; outcome: string }[] = [];
    const outcomes: Record<string, string[]> = {};
    const occurrences = new Map<string, number>();
    for (const probe of this.#probes) {
      const observed: Record<string, Observation> = {};
      for (const [name, spec] of Object.entries(probe.requests as Record<string, RequestSpec>)) {
        observed[name] = observations.get(requestKey(spec)) ?? { kind: "skipped", reason: "not requested" };
      }
      const returned = probe.evaluate(observed, site) as ProbeResult<string> | readonly ProbeResult<string>[];
      const results = Array.isArray(returned) ? returned : [returned as ProbeResult<string>];
      outcomes[probe.id] = [...new Set(results.map((r) => r.outcome))];
      for (const result of results) {
        const outcome = (probe.outcomes as Record<string, Outcome>)[result.outcome];
        if (!outcome) throw new Error(`probe ${probe.id} returned an undeclared outcome "${result.outcome}"`);
        graded.push({ probe: probe.id, outcome: result.outcome });
        if (outcome.severity === "ok") continue;
        const data = Object.fromEntries(
          Object.entries(result.data ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined),
        );
        const message = formatMessage(outcome.message ?? result.outcome, data);
        const evidenceUrl = result.evidence && "url" in result.evidence ? result.evidence.url : page.url;
        const key = `${probe.code}\0${result.outcome}`;
        const occurrence = occurrences.get(key) ?? 0;
        occurrences.set(key, occurrence + 1);
        findings.push(
          this.#finding(probe.code, outcome.severity, probe.area, message, evidenceUrl, formatEvidence(result.evidence, result.proof), {
            fix: outcome.fix ?? probe.doc.fix,
            fingerprintKey: result.outcome,
            occurrence,
          }),
        );
      }
    }
    const { score, grade } = scoreOutcomes(graded);
    return {
      site: {
        url: this.#url,
        finalUrl: page.url,
        redirects: page.redirects ?? [],
        grade,
        score,
        error: null,
        outcomes,
        summary: countSeverities(findings),
      },
      findings,
    };
  }

  /** Sends every request the probes declare, each once, a few at a time. */
  async #observe(page: HttpResponse, site: SiteContext): Promise<Map<string, Observation>> {
    const specs = new Map<string, RequestSpec>();
    for (const probe of this.#probes) {
      for (const spec of Object.values(probe.requests as Record<string, RequestSpec>)) specs.set(requestKey(spec), spec);
    }
    const observations = new Map<string, Observation>();
    const final = new URL(page.url);
    await pool([...specs], 4, async ([key, spec]) => {
      observations.set(key, await this.#request(spec, page, final, site));
    });
    return observations;
  }

  async #request(spec: RequestSpec, page: HttpResponse, final: URL, site: SiteContext): Promise<Observation> {
    switch (spec.kind) {
      case "page":
        return page;
      case "http-entry": {
        if (this.#url.startsWith("http:")) return chainFromPage(this.#url, page);
        // "HTTP on port 80": an https:// URL's plain-HTTP twin is the host as given, on the default port.
        return this.#fetcher.chain(`http://${new URL(this.#url).hostname}/`);
      }
      case "tls": {
        if (!site.isHttps) return { kind: "skipped", reason: "the site is served over plain HTTP" };
        const port = final.port ? Number(final.port) : 443;
        return this.#fetcher.handshake(site.host, port, spec.variant);
      }
      case "get": {
        const path = typeof spec.path === "string" ? spec.path : spec.path(page);
        if (path === null) return { kind: "skipped", reason: "nothing on the page to request" };
        const url = new URL(path.replaceAll("{random}", this.#token), final.origin).href;
        return this.#fetcher.get(url, {
          ...(spec.method ? { method: spec.method } : {}),
          ...(spec.headers ? { headers: spec.headers } : {}),
          ...(spec.hostHeader ? { hostHeader: spec.hostHeader } : {}),
          ...(spec.maxBytes ? { maxBytes: spec.maxBytes } : {}),
        });
      }
    }
  }

  /**
   * "host:8000" was tried as https:// and the server answered in plain HTTP: OpenSSL reads the
   * HTTP reply as a TLS record of a wrong version. Say so, and which URL to give instead.
   */
  #plainHttpHint(message: string): string {
    if (!this.#schemeAssumed || !/wrong version number|packet length too long|http request/i.test(message)) return message;
    const url = new URL(this.#url);
    return `${url.host} answers plain HTTP, not HTTPS: without a scheme djship tries https://; to scan it over HTTP give http://${url.host}${url.pathname}`;
  }

  #unreachable(kind: ErrorKind, message: string, evidence: string): SiteOutcome {
    const finding = this.#finding(
      SITE_ERROR.code,
      "error",
      "server",
      `${this.#url} could not be scanned: ${message}`,
      this.#url,
      evidence,
      {
        fix: ERROR_FIXES[kind],
        fingerprintKey: kind,
        occurrence: 0,
      },
    );
    return {
      site: {
        url: this.#url,
        finalUrl: null,
        redirects: [],
        grade: null,
        score: null,
        error: { kind, message },
        outcomes: {},
        summary: countSeverities([finding]),
      },
      findings: [finding],
    };
  }

  #finding(
    code: string,
    severity: Severity,
    area: Finding["area"],
    message: string,
    url: string,
    evidence: string,
    extra: { fix: string; fingerprintKey: string; occurrence: number },
  ): Finding {
    return {
      rule: code,
      djangoCheck: null,
      severity,
      area,
      message,
      file: null,
      line: null,
      column: null,
      env: [],
      project: null,
      fix: extra.fix,
      docUrl: scanDocUrl(code),
      related: [],
      suppressed: false,
      // The site as given and the outcome, not the message: days left and byte counts change between runs.
      fingerprint: fingerprint(code, this.#url, extra.fingerprintKey, message, extra.occurrence),
      url,
      evidence,
    };
  }
}

/**
 * Scans live deployments over HTTP(S) the way a browser and an attacker would: GET, HEAD and TLS
 * handshakes only, a handful of requests per site, every one bounded in time and bytes. Returns a
 * grade and score per site (null with `error` when the site could not be scanned) and findings in
 * the same shape as audit's, with `url` and `evidence`.
 */
export async function scan(urls: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  if (urls.length === 0) throw new UsageError("no URL to scan");
  const normalized = urls.map(normalizeUrl);
  // Sites typed without a scheme, which djship tried as https://: see SiteScan's plainHttpHint.
  const schemeAssumed = new Set(urls.filter((u) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(u.trim())).map(normalizeUrl));
  const probes = options.probes ?? PROBES;
  const fetchOptions: FetchOptions = {
    ...DEFAULT_FETCH_OPTIONS,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    ca: options.ca,
    insecure: options.insecure ?? false,
    resolve: (options.resolve ?? []).map((pin) => (typeof pin === "string" ? parsePin(pin) : pin)),
    lookup: options.lookup,
    userAgent: USER_AGENT,
  };
  let done = 0;
  const outcomes = await pool(normalized, options.concurrency ?? 8, async (url) => {
    const fetcher = new Fetcher(fetchOptions);
    try {
      const outcome = await new SiteScan(url, fetcher, probes, schemeAssumed.has(url)).run();
      done++;
      options.onProgress?.({ done, total: normalized.length, site: outcome.site });
      return outcome;
    } finally {
      fetcher.close();
    }
  });
  const siteOf = new Map<Finding, number>();
  outcomes.forEach((o, index) => {
    for (const finding of o.findings) siteOf.set(finding, index);
  });
  // Worst first, then in the order the sites were given.
  const findings = [...siteOf.keys()].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      (siteOf.get(a) ?? 0) - (siteOf.get(b) ?? 0) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
  const summary = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppressed) summary.suppressed++;
    else summary[finding.severity]++;
  }
  return { tool: { ...SCAN_TOOL }, sites: outcomes.map((o) => o.site), findings, summary, catalog: probeCatalog(probes) };
}
