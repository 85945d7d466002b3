import type { Observation } from "./types.js";

function requestLine(method: string, url: string, headers: Readonly<Record<string, string>> | undefined): string {
  const shown = Object.entries(headers ?? {})
    .filter(([name]) => !/^accept/i.test(name))
    .map(([name, value]) => `${name}: ${value}`);
  return `${method} ${url}${shown.length ? ` (${shown.join(", ")})` : ""}`;
}

/** One line that proves a finding: the request, the response line, and the header or excerpt that matters. */
export function formatEvidence(observation: Observation | undefined, proof?: string): string {
  const tail = proof ? ` · ${proof}` : "";
  if (!observation) return proof ?? "";
  switch (observation.kind) {
    case "http":
      return (
        `${requestLine(observation.method, observation.url, observation.requestHeaders)} → HTTP/${observation.httpVersion} ${observation.status} ${observation.statusText}`.trimEnd() +
        tail
      );
    case "failure":
      return `${requestLine(observation.method, observation.url, observation.requestHeaders)} → ${observation.error.message}${tail}`;
    case "skipped":
      return `${observation.reason}${tail}`;
    case "chain":
      return (
        observation.hops.map((hop) => `GET ${hop.url} → ${hop.status}${hop.location ? ` Location: ${hop.location}` : ""}`).join("; ") + tail
      );
    case "tls": {
      const leaf = observation.chain[0];
      const certificate = leaf
        ? `; certificate ${leaf.subject || "(no subject)"} issued by ${leaf.issuer || "?"}, valid until ${leaf.validTo}`
        : "";
      const problems = [observation.authorizationError, observation.hostnameError].filter(Boolean).join("; ");
      return `TLS handshake ${observation.host}:${observation.port}${observation.servername ? ` (SNI ${observation.servername})` : ""} → ${observation.protocol ?? "?"}, ALPN ${observation.alpn ?? "none"}${certificate}${problems ? `; ${problems}` : ""}${tail}`;
    }
  }
}
