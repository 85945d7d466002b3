import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import tls from "node:tls";
import type { CertificateInfo, FetchFailure, HttpChain, HttpResponse, RedirectHop, TlsObservation } from "../types.js";
import { fetchError, timeoutError } from "./errors.js";
import { type FetchOptions, pinnedAddress } from "./options.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Building a context from Node's ~140 roots plus --ca costs tens of milliseconds: once per CA and
// variant per process, not once per connection.
const contexts = new Map<string, tls.SecureContext>();

function secureContext(ca: string | undefined, variant: "default" | "legacy"): tls.SecureContext | undefined {
  if (!ca && variant === "default") return undefined;
  const key = `${variant}\0${ca ?? ""}`;
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({
      ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}),
      ...(variant === "legacy"
        ? // OpenSSL 3 refuses TLS 1.0/1.1 below security level 0; asking is the only way to know a server offers them.
          { minVersion: "TLSv1" as const, maxVersion: "TLSv1.1" as const, ciphers: "DEFAULT:@SECLEVEL=0" }
        : {}),
    });
    contexts.set(key, context);
  }
  return context;
}

export interface GetOptions {
  readonly method?: "GET" | "HEAD";
  readonly headers?: Readonly<Record<string, string>>;
  /** Host header to send instead of the URL's. */
  readonly hostHeader?: string;
  readonly maxBytes?: number;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/**
 * The one HTTP client of djship: GET and HEAD only, every request bounded in connect time, total
 * time, header size and body bytes, redirects followed only on request and never past the limit.
 * Holds keep-alive agents for one site; close() when the site is done.
 */
export class Fetcher {
  readonly #options: FetchOptions;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;

  constructor(options: FetchOptions) {
    this.#options = options;
    // A handful of sockets per site: enough to overlap requests, not enough to load a server.
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  }

  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  #lookup(host: string, port: number): LookupFunction | undefined {
    const address = pinnedAddress(this.#options.resolve, host, port);
    if (!address) return this.#options.lookup;
    const family = address.includes(":") ? 6 : 4;
    return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options?.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    }) as LookupFunction;
  }

  /** One request, no redirect followed. */
  get(url: string, options: GetOptions = {}): Promise<HttpResponse | FetchFailure> {
    return this.#request(url, options, false);
  }

  async #request(url: string, options: GetOptions, isRetry: boolean): Promise<HttpResponse | FetchFailure> {
    const method = options.method ?? "GET";
    const requestHeaders: Record<string, string> = {};
    if (options.hostHeader) requestHeaders.Host = options.hostHeader;
    for (const [name, value] of Object.entries(options.headers ?? {})) requestHeaders[name] = value;
    const failure = (error: FetchFailure["error"]): FetchFailure => ({ kind: "failure", method, url, requestHeaders, error });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failure({ kind: "protocol", message: "not a valid URL" });
    }
    if (target.protocol !== "http:" && target.protocol !== "https:")
      return failure({ kind: "protocol", message: "only http and https URLs can be scanned" });
    const host = hostOf(target);
    const port = portOf(target);
    const maxBytes = options.maxBytes ?? this.#options.maxBodyBytes;
    const isHttps = target.protocol === "https:";
    const result = await new Promise<HttpResponse | FetchFailure | "retry">((resolve) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const settle = (value: HttpResponse | FetchFailure | "retry") => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        resolve(value);
      };
      const requestOptions: https.RequestOptions = {
        method,
        host,
        port,
        path: `${target.pathname}${target.search}`,
        headers: {
          "User-Agent": this.#options.userAgent,
          Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          // Bodies are read as sent: no decompression, so no compression bomb.
          "Accept-Encoding": "identity",
          ...requestHeaders,
        },
        agent: isHttps ? this.#httpsAgent : this.#httpAgent,
        maxHeaderSize: this.#options.maxHeaderBytes,
        insecureHTTPParser: false,
      };
      const lookup = this.#lookup(host, port);
      if (lookup) requestOptions.lookup = lookup;
      if (isHttps) {
        const context = secureContext(this.#options.ca, "default");
        if (context) (requestOptions as tls.ConnectionOptions).secureContext = context;
        requestOptions.rejectUnauthorized = !this.#options.insecure;
        if (!isIP(host)) requestOptions.servername = host;
      }
      const request = (isHttps ? https : http).request(requestOptions);
      const totalTimer = setTimeout(() => {
        settle(failure(timeoutError("no complete response", this.#options.requestTimeoutMs)));
        request.destroy();
      }, this.#options.requestTimeoutMs);
      request.on("socket", (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => {
          settle(failure(timeoutError("could not connect", this.#options.connectTimeoutMs)));
          request.destroy();
        }, this.#options.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed meanwhile: Node's documented race; try once afresh.
        if (request.reusedSocket && error.code === "ECONNRESET" && !isRetry) settle("retry");
        else settle(failure(fetchError(error)));
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        let truncated = false;
        const done = () =>
          settle({
            kind: "http",
            method,
            url,
            requestHeaders,
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? "",
            httpVersion: response.httpVersion,
            headers: Object.fromEntries(Object.entries(response.headersDistinct).map(([k, v]) => [k, v ?? []])),
            body: Buffer.concat(chunks).toString("latin1"),
            bodyBytes: bytes,
            truncated,
          });
        response.on("data", (chunk: Buffer) => {
          if (settled) return;
          const room = maxBytes - bytes;
          if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, room));
            bytes += room;
            truncated = chunk.length > room || response.readableLength > 0 || !response.complete;
            done();
            // The rest is never read: a multi-gigabyte body costs the cap and no more.
            response.destroy();
            return;
          }
          chunks.push(chunk);
          bytes += chunk.length;
        });
        response.on("end", done);
        response.on("error", (error) => settle(failure(fetchError(error))));
        response.on("aborted", () => settle(failure({ kind: "protocol", message: "the connection closed mid-response" })));
      });
      request.end();
    });
    if (result === "retry") return this.#request(url, options, true);
    return result;
  }

  /** GET `url`, following redirects (at most maxRedirects, never in a loop): the page a browser lands on. */
  async follow(url: string): Promise<HttpResponse | FetchFailure> {
    const hops: RedirectHop[] = [];
    const seen = new Set<string>();
    let current = url;
    for (;;) {
      seen.add(current);
      const response = await this.get(current);
      if (response.kind === "failure") return response;
      const location = response.headers.location?.[0];
      if (!REDIRECT_STATUSES.has(response.status) || !location) return { ...response, redirects: hops };
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return { ...response, redirects: hops };
      }
      next.hash = "";
      hops.push({ url: current, status: response.status, location: next.href });
      if (next.protocol !== "http:" && next.protocol !== "https:") return { ...response, redirects: hops.slice(0, -1) };
      if (seen.has(next.href)) return redirectFailure(url, `${url}: redirect loop (${[...hops.map((h) => h.url), next.href].join(" → ")})`);
      if (hops.length > this.#options.maxRedirects)
        return redirectFailure(url, `more than ${this.#options.maxRedirects} redirects (last to ${next.href})`);
      current = next.href;
    }
  }

  /** The plain-HTTP entry: requests from an http:// URL up to the first redirect to https://. */
  async chain(url: string): Promise<HttpChain | FetchFailure> {
    const hops: RedirectHop[] = [];
    let current = url;
    for (let i = 0; i <= this.#options.maxRedirects; i++) {
      const response = await this.get(current, { maxBytes: 16 * 1024 });
      if (response.kind === "failure") return hops.length === 0 ? response : { kind: "chain", start: url, hops, end: current };
      const location = response.headers.location?.[0];
      let next: URL | undefined;
      try {
        next = location && REDIRECT_STATUSES.has(response.status) ? new URL(location, current) : undefined;
      } catch {
        next = undefined;
      }
      hops.push({ url: current, status: response.status, location: next?.href ?? "" });
      if (next?.protocol !== "http:" || hops.some((h) => h.url === next.href)) {
        return { kind: "chain", start: url, hops, end: next?.href ?? current };
      }
      current = next.href;
    }
    return { kind: "chain", start: url, hops, end: current };
  }

  /** One TLS handshake: certificate chain, protocol and ALPN. Never sends a request. */
  handshake(host: string, port: number, variant: "default" | "legacy"): Promise<TlsObservation | FetchFailure> {
    const url = `https://${host.includes(":") ? `[${host}]` : host}:${port}/`;
    const servername = isIP(host) ? null : host;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: TlsObservation | FetchFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(value);
      };
      const failure = (error: FetchFailure["error"]): FetchFailure => ({ kind: "failure", method: "TLS", url, error });
      const lookup = this.#lookup(host, port);
      const context = secureContext(this.#options.ca, variant);
      const socket = tls.connect({
        host,
        port,
        ...(servername ? { servername } : {}),
        ...(lookup ? { lookup } : {}),
        ...(context ? { secureContext: context } : {}),
        // Verification is judged here, not enforced: the probes report what is wrong.
        rejectUnauthorized: false,
        ALPNProtocols: ["h2", "http/1.1"],
      });
      const timer = setTimeout(
        () => settle(failure(timeoutError("no completed handshake", this.#options.connectTimeoutMs))),
        this.#options.connectTimeoutMs,
      );
      socket.on("error", (error) => settle(failure(fetchError(error))));
      socket.on("secureConnect", () => {
        const peer = socket.getPeerCertificate(true);
        const chain: CertificateInfo[] = [];
        let cert: tls.DetailedPeerCertificate | undefined = peer && Object.keys(peer).length > 0 ? peer : undefined;
        const seen = new Set<string>();
        while (cert && !seen.has(cert.fingerprint256) && chain.length < 10) {
          seen.add(cert.fingerprint256);
          chain.push(certificateInfo(cert));
          cert = cert.issuerCertificate;
        }
        const identity = peer && Object.keys(peer).length > 0 ? tls.checkServerIdentity(host, peer) : new Error("no certificate");
        const authError = socket.authorizationError as unknown;
        settle({
          kind: "tls",
          host,
          port,
          servername,
          variant,
          protocol: socket.getProtocol() ?? null,
          alpn: typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null,
          authorized: socket.authorized,
          authorizationError: authError ? String((authError as { code?: string }).code ?? authError) : null,
          hostnameError: identity ? identity.message : null,
          chain,
          observedAt: new Date().toISOString(),
        });
      });
    });
  }
}

function redirectFailure(url: string, message: string): FetchFailure {
  return { kind: "failure", method: "GET", url, error: { kind: "redirect-loop", message } };
}

function names(record: Record<string, string | string[] | undefined> | undefined): string {
  if (!record) return "";
  return Object.entries(record)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ");
}

function certificateInfo(cert: tls.PeerCertificate): CertificateInfo {
  const subject = names(cert.subject as unknown as Record<string, string>);
  const issuer = names(cert.issuer as unknown as Record<string, string>);
  const iso = (text: string) => {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  };
  return {
    subject,
    issuer,
    subjectAltNames: (cert.subjectaltname ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    validFrom: iso(cert.valid_from),
    validTo: iso(cert.valid_to),
    fingerprint256: cert.fingerprint256,
    selfIssued: subject === issuer,
  };
}
