import type { ErrorKind, FetchError } from "../types.js";

// OpenSSL's verification results and Node's TLS codes: a certificate or handshake problem.
const TLS_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "EPROTO",
]);

const DESCRIPTIONS: Record<string, string> = {
  CERT_HAS_EXPIRED: "the certificate has expired",
  CERT_NOT_YET_VALID: "the certificate is not valid yet",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate chain ends in an untrusted root",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is not trusted or the chain is incomplete",
  ERR_TLS_CERT_ALTNAME_INVALID: "the certificate does not cover this host name",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "the connection was closed before a complete response",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved (DNS failure)",
  HPE_HEADER_OVERFLOW: "the response headers are larger than the limit",
};

/** The kind of a socket, TLS or HTTP-parser error, for messages and the JSON contract. */
export function errorKind(code: string | undefined): ErrorKind {
  if (!code) return "protocol";
  if (["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EACCES"].includes(code)) return "refused";
  if (["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"].includes(code)) return "dns";
  if (code === "ETIMEDOUT" || code === "DJSHIP_TIMEOUT") return "timeout";
  if (code === "HPE_HEADER_OVERFLOW" || code === "DJSHIP_TOO_LARGE") return "too-large";
  if (TLS_CODES.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return "tls";
  return "protocol";
}

/** A FetchError from whatever node:net, node:tls or node:http threw. */
export function fetchError(error: unknown): FetchError {
  const e = error as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code;
  const kind = errorKind(code);
  const described = (code && DESCRIPTIONS[code]) ?? (e?.reason || e?.message || String(error));
  return { kind, message: `${described}${code && !described.includes(code) ? ` (${code})` : ""}`, ...(code ? { code } : {}) };
}

export function timeoutError(what: string, ms: number): FetchError {
  return { kind: "timeout", message: `${what} within ${ms} ms`, code: "DJSHIP_TIMEOUT" };
}
