import type { Area } from "../findings/vocabulary.js";
import type { FetchFailure, HttpChain, HttpResponse, Observation, SiteContext, Skipped, TlsObservation } from "./types.js";

/** A probe's user documentation: rendered by docs/scan.md, `djship explain` and SARIF. */
export interface ProbeDoc {
  /** What the probe requests and looks for, in one sentence. */
  readonly what: string;
  /** Why it matters in production. */
  readonly why: string;
  /** The fix on the Django side (the setting) and at the proxy (the nginx directive). */
  readonly fix: string;
  readonly references?: readonly string[];
}

/**
 * The requests a probe can declare. scan/fetch sends them, bounded in time and bytes; requests two
 * probes declare alike are sent once.
 */
export type RequestSpec = PageRequest | HttpEntryRequest | TlsRequest | GetRequest;

/** The URL given, redirects followed: the page a browser lands on. Always there when probes run. */
export interface PageRequest {
  readonly kind: "page";
}

/** The plain-HTTP entry: the http:// URL given, or http://host/ (port 80) for an https:// one. */
export interface HttpEntryRequest {
  readonly kind: "http-entry";
}

/** A TLS handshake with the final host: `legacy` offers only TLS 1.0 and 1.1. */
export interface TlsRequest {
  readonly kind: "tls";
  readonly variant: "default" | "legacy";
}

/** One GET or HEAD on the final origin, redirects not followed. */
export interface GetRequest {
  readonly kind: "get";
  /** The path; `{random}` is replaced by a token fresh for each scan. A function derives it from the page (null: skip). */
  readonly path: string | ((page: HttpResponse) => string | null);
  /** Names a derived request, so probes that share it share one request. */
  readonly id?: string;
  readonly method?: "GET" | "HEAD";
  readonly headers?: Readonly<Record<string, string>>;
  /** Sends this Host header instead of the URL's (the TLS server name stays the real host). */
  readonly hostHeader?: string;
  /** Reads at most this many body bytes (default: the fetch limit). */
  readonly maxBytes?: number;
}

type ObservationOf<R extends RequestSpec> = R extends PageRequest
  ? HttpResponse
  : R extends HttpEntryRequest
    ? HttpChain | FetchFailure | Skipped
    : R extends TlsRequest
      ? TlsObservation | FetchFailure | Skipped
      : HttpResponse | FetchFailure | Skipped;

export type Observed<R extends Record<string, RequestSpec>> = { readonly [K in keyof R]: ObservationOf<R[K]> };

/** `ok` outcomes make no finding; the others make one of that severity. */
export type OutcomeSeverity = "ok" | "info" | "warning" | "error";

export interface Outcome {
  readonly severity: OutcomeSeverity;
  /** The finding's message, with {placeholders} filled from the result's data. Required unless ok. */
  readonly message?: string;
  /** Overrides the doc's fix for this outcome. */
  readonly fix?: string;
}

export interface ProbeResult<O extends string> {
  readonly outcome: O;
  /** The observation that proves it: its request and response line become the evidence. */
  readonly evidence?: Observation;
  /** The header line or body excerpt that proves it, appended to the evidence. */
  readonly proof?: string;
  readonly data?: Readonly<Record<string, string | number | undefined>>;
}

export interface Probe<R extends Record<string, RequestSpec>, O extends Record<string, Outcome>> {
  /** Kebab-case, permanent: the key of its weights in scan/grade. */
  readonly id: string;
  /** SCN and three digits, permanent. */
  readonly code: string;
  /** The checklist area the probe speaks to. */
  readonly area: Area;
  readonly doc: ProbeDoc;
  readonly requests: R;
  readonly outcomes: O;
  /**
   * Pure: judges the observations. Returns one result, or several when one probe finds several
   * things (each exposed file); never an empty list.
   */
  evaluate(observed: Observed<R>, site: SiteContext): ProbeResult<keyof O & string> | readonly ProbeResult<keyof O & string>[];
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds probes of every request and outcome set.
export type AnyProbe = Probe<any, any>;

export function defineProbe<const R extends Record<string, RequestSpec>, const O extends Record<string, Outcome>>(
  probe: Probe<R, O>,
): Probe<R, O> {
  return probe;
}

/** A request's identity: two probes declaring the same one share its answer. */
export function requestKey(spec: RequestSpec): string {
  switch (spec.kind) {
    case "page":
    case "http-entry":
      return spec.kind;
    case "tls":
      return `tls:${spec.variant}`;
    case "get": {
      const path = typeof spec.path === "string" ? spec.path : `derived:${spec.id ?? "anonymous"}`;
      const headers = Object.entries(spec.headers ?? {})
        .map(([k, v]) => `${k.toLowerCase()}=${v}`)
        .sort()
        .join("&");
      return `${spec.method ?? "GET"} ${path} host=${spec.hostHeader ?? ""} ${headers} max=${spec.maxBytes ?? ""}`;
    }
  }
}
