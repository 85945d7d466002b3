/**
 * What scan/fetch observes and probes read: plain data, so a probe's tests can feed it recorded
 * observations and no probe needs a socket.
 */

/** Why a request, or a whole site, could not be completed. Part of the JSON contract. */
export type ErrorKind = "refused" | "dns" | "timeout" | "tls" | "too-large" | "redirect-loop" | "protocol";

export const ERROR_KINDS: readonly ErrorKind[] = ["refused", "dns", "timeout", "tls", "too-large", "redirect-loop", "protocol"];

export interface FetchError {
  readonly kind: ErrorKind;
  readonly message: string;
  /** The low-level code (ECONNREFUSED, CERT_HAS_EXPIRED, HPE_HEADER_OVERFLOW...), when there is one. */
  readonly code?: string;
}

/** One HTTP request and the response to it (redirects not followed unless `redirects` is set). */
export interface HttpResponse {
  readonly kind: "http";
  readonly method: "GET" | "HEAD";
  readonly url: string;
  /** The request headers worth showing as evidence (Host when it was not the URL's, Origin...). */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  /** Header names in lower case; every value of a repeated header, in order. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The body as read, byte for byte (latin1), at most the request's byte cap. */
  readonly body: string;
  readonly bodyBytes: number;
  /** The body was longer than the cap: only its beginning was read. */
  readonly truncated: boolean;
  /** Redirects followed to reach this response, oldest first (the page request only). */
  readonly redirects?: readonly RedirectHop[];
}

export interface RedirectHop {
  readonly url: string;
  readonly status: number;
  readonly location: string;
}

/** A request that got no usable response. */
export interface FetchFailure {
  readonly kind: "failure";
  readonly method: "GET" | "HEAD" | "TLS";
  readonly url: string;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly error: FetchError;
}

/** A request that was not made, and why (no HTTPS to probe, no static asset on the page...). */
export interface Skipped {
  readonly kind: "skipped";
  readonly reason: string;
}

/** The plain-HTTP entry: the hops from an http:// URL, up to the first https:// one. */
export interface HttpChain {
  readonly kind: "chain";
  readonly start: string;
  /** Each response on the way: status and Location (empty when it did not redirect). */
  readonly hops: readonly RedirectHop[];
  /** Where the chain ended: the last URL requested or redirected to. */
  readonly end: string;
}

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAltNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
  readonly selfIssued: boolean;
}

/** One TLS handshake: what the server offered and what the certificate says. */
export interface TlsObservation {
  readonly kind: "tls";
  readonly host: string;
  readonly port: number;
  /** The SNI sent (null for an IP address). */
  readonly servername: string | null;
  readonly variant: "default" | "legacy";
  /** The negotiated protocol (TLSv1.3...). */
  readonly protocol: string | null;
  /** The ALPN protocol the server chose (h2, http/1.1) or null. */
  readonly alpn: string | null;
  /** The chain verifies against the trusted roots (and --ca). */
  readonly authorized: boolean;
  /** OpenSSL's reason when it does not (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED...). */
  readonly authorizationError: string | null;
  /** The certificate's names do not cover the host: the reason, or null when they do. */
  readonly hostnameError: string | null;
  /** The chain as the server sent it, leaf first. */
  readonly chain: readonly CertificateInfo[];
  /** When the observation was made (ISO), so expiry is judged against it, not the clock at evaluation. */
  readonly observedAt: string;
}

export type Observation = HttpResponse | FetchFailure | Skipped | HttpChain | TlsObservation;

/** What a probe knows of the site besides its requests. */
export interface SiteContext {
  /** The URL as given. */
  readonly url: string;
  /** Where the page request ended after redirects. */
  readonly finalUrl: string;
  /** The final URL is https. */
  readonly isHttps: boolean;
  readonly host: string;
}

/** A header's values (lower-case name), or an empty list. */
export function headerValues(response: HttpResponse, name: string): readonly string[] {
  return response.headers[name.toLowerCase()] ?? [];
}

/** A header's first value, or undefined. */
export function header(response: HttpResponse, name: string): string | undefined {
  return response.headers[name.toLowerCase()]?.[0];
}

export function isResponse(observation: Observation | undefined): observation is HttpResponse {
  return observation?.kind === "http";
}
