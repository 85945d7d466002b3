/**
 * Tests for one probe, written like the rule tester's: a case is recorded observations (no
 * network), the expectation is the outcome and, for findings, words of the message.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMessage } from "../findings/vocabulary.js";
import type { AnyProbe, Outcome, ProbeResult } from "./define.js";
import type { FetchFailure, HttpChain, HttpResponse, Observation, SiteContext, Skipped, TlsObservation } from "./types.js";

/** A recorded response: status 200, no headers and an empty body unless given. */
export function response(
  url: string,
  fields: Partial<Omit<HttpResponse, "kind" | "url" | "headers">> & { headers?: Record<string, string | string[]> } = {},
): HttpResponse {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(fields.headers ?? {})) headers[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  const body = fields.body ?? "";
  return {
    kind: "http",
    method: fields.method ?? "GET",
    url,
    requestHeaders: fields.requestHeaders ?? {},
    status: fields.status ?? 200,
    statusText: fields.statusText ?? (fields.status === 404 ? "Not Found" : "OK"),
    httpVersion: fields.httpVersion ?? "1.1",
    headers,
    body,
    bodyBytes: fields.bodyBytes ?? Buffer.byteLength(body, "latin1"),
    truncated: fields.truncated ?? false,
    ...(fields.redirects ? { redirects: fields.redirects } : {}),
  };
}

export function failure(url: string, kind: FetchFailure["error"]["kind"] = "refused", message = "connection refused"): FetchFailure {
  return { kind: "failure", method: url.startsWith("TLS") ? "TLS" : "GET", url, error: { kind, message } };
}

export function skipped(reason = "not applicable"): Skipped {
  return { kind: "skipped", reason };
}

export function chain(start: string, hops: HttpChain["hops"]): HttpChain {
  const last = hops[hops.length - 1];
  return { kind: "chain", start, hops, end: last?.location || last?.url || start };
}

export function tlsObservation(fields: Partial<TlsObservation> = {}): TlsObservation {
  return {
    kind: "tls",
    host: "app.example.com",
    port: 443,
    servername: "app.example.com",
    variant: "default",
    protocol: "TLSv1.3",
    alpn: "h2",
    authorized: true,
    authorizationError: null,
    hostnameError: null,
    chain: [
      {
        subject: "CN=app.example.com",
        issuer: "CN=Example CA",
        subjectAltNames: ["DNS:app.example.com"],
        validFrom: "2026-01-01T00:00:00.000Z",
        validTo: "2026-04-01T00:00:00.000Z",
        fingerprint256: "AA:BB",
        selfIssued: false,
      },
    ],
    observedAt: "2026-02-01T00:00:00.000Z",
    ...fields,
  };
}

export function siteFor(url: string): SiteContext {
  const parsed = new URL(url);
  return { url, finalUrl: url, isHttps: parsed.protocol === "https:", host: parsed.hostname };
}

type Case = Record<string, Observation>;

function run(probe: AnyProbe, observed: Case, site: SiteContext): ProbeResult<string>[] {
  for (const name of Object.keys(probe.requests)) {
    if (!(name in observed)) (observed as Record<string, Observation>)[name] = skipped("not recorded");
  }
  const returned = probe.evaluate(observed, site) as ProbeResult<string> | ProbeResult<string>[];
  const results = Array.isArray(returned) ? returned : [returned];
  assert.ok(results.length > 0, `${probe.id}: evaluate returned no result`);
  for (const result of results) assert.ok(result.outcome in probe.outcomes, `${probe.id}: undeclared outcome ${result.outcome}`);
  return results;
}

function severityOf(probe: AnyProbe, outcome: string): Outcome["severity"] {
  return (probe.outcomes as Record<string, Outcome>)[outcome]?.severity ?? "ok";
}

/** fires: the probe gives `outcome` (a finding: not ok), with `includes` in its message. quiet: no finding at all. */
export function probeTester(probe: AnyProbe) {
  return {
    fires(name: string, observed: Case, expected: { outcome: string; includes?: string; evidence?: string }, site?: SiteContext) {
      test(`${probe.id} fires: ${name}`, () => {
        const results = run(
          probe,
          observed,
          site ?? siteFor((observed.page as HttpResponse | undefined)?.url ?? "https://app.example.com/"),
        );
        const match = results.find((r) => r.outcome === expected.outcome);
        assert.ok(match, `${probe.id}: expected ${expected.outcome}, got ${results.map((r) => r.outcome).join(", ")}`);
        assert.notEqual(severityOf(probe, expected.outcome), "ok", `${probe.id}: ${expected.outcome} is an ok outcome, not a finding`);
        const data = Object.fromEntries(Object.entries(match.data ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined));
        const message = formatMessage((probe.outcomes as Record<string, Outcome>)[expected.outcome]?.message ?? "", data);
        assert.doesNotMatch(message, /\{\w+\}/, `${probe.id}: message has unfilled placeholders: ${message}`);
        if (expected.includes)
          assert.ok(message.includes(expected.includes), `${probe.id}: message "${message}" lacks "${expected.includes}"`);
        if (expected.evidence)
          assert.ok((match.proof ?? "").includes(expected.evidence), `${probe.id}: proof "${match.proof}" lacks "${expected.evidence}"`);
      });
    },
    quiet(name: string, observed: Case, expected?: { outcome?: string }, site?: SiteContext) {
      test(`${probe.id} stays quiet: ${name}`, () => {
        const results = run(
          probe,
          observed,
          site ?? siteFor((observed.page as HttpResponse | undefined)?.url ?? "https://app.example.com/"),
        );
        for (const result of results)
          assert.equal(severityOf(probe, result.outcome), "ok", `${probe.id}: expected no finding, got ${result.outcome}`);
        if (expected?.outcome)
          assert.deepEqual(
            results.map((r) => r.outcome),
            [expected.outcome],
          );
      });
    },
  };
}
