import type { LookupFunction } from "node:net";
import { UsageError } from "../../util/errors.js";

/** A name pinned to an address, as curl's --resolve HOST:PORT:ADDR (PORT may be `*`). */
export interface Pin {
  readonly host: string;
  readonly port: number | "*";
  readonly address: string;
}

/** Every bound of the one HTTP client; the defaults are the CLI's. */
export interface FetchOptions {
  /** Time to establish TCP (and TLS) before giving up, per connection. */
  readonly connectTimeoutMs: number;
  /** Total time for one request, from connecting to the last byte read. */
  readonly requestTimeoutMs: number;
  /** Body bytes read per response; the rest is not read (the response is marked truncated). */
  readonly maxBodyBytes: number;
  /** Size of the status line and headers; past it the response is refused as too large. */
  readonly maxHeaderBytes: number;
  /** Redirects followed from the URL given; a loop or one more is a redirect-loop error. */
  readonly maxRedirects: number;
  /** Extra trusted CA certificates (PEM), added to Node's roots. */
  readonly ca?: string | undefined;
  /** Go on past a certificate that does not verify (the TLS probes still report it). */
  readonly insecure: boolean;
  readonly resolve: readonly Pin[];
  /** Name resolution for names not pinned (default: the system's, dns.lookup). Tests inject failures. */
  readonly lookup?: LookupFunction | undefined;
  readonly userAgent: string;
}

export const DEFAULT_FETCH_OPTIONS: Omit<FetchOptions, "userAgent"> = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  // 1 MiB: far more than any page's head and enough to find markers in a body; a multi-gigabyte
  // response costs one MiB and is cut.
  maxBodyBytes: 1024 * 1024,
  // Node's default is 16 KiB; 32 KiB leaves room for sites with many cookies or long CSPs.
  maxHeaderBytes: 32 * 1024,
  maxRedirects: 5,
  insecure: false,
  resolve: [],
};

/** Parses --resolve HOST:PORT:ADDR (ADDR may be a bracketed IPv6 address). */
export function parsePin(text: string): Pin {
  const match = /^\[?([^\]:]+)\]?:(\d{1,5}|\*):(.+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--resolve takes HOST:PORT:ADDR, like curl (got "${text}")`);
  const [, host, port, rawAddress] = match as unknown as [string, string, string, string];
  const address = rawAddress.replace(/^\[(.*)\]$/, "$1");
  if (!/^[\d.]+$/.test(address) && !address.includes(":"))
    throw new UsageError(`--resolve ${text}: ADDR must be an IP address, not "${address}"`);
  const portNumber = port === "*" ? "*" : Number(port);
  if (portNumber !== "*" && (portNumber < 1 || portNumber > 65535)) throw new UsageError(`--resolve ${text}: port out of range`);
  return { host: host.toLowerCase(), port: portNumber, address };
}

/**
 * The address a pinned name has on `port`: the pin for that port, else (unlike curl) the name's
 * pin for any other port, so that a name pinned for a staging HTTPS port never reaches DNS when
 * djship also tries its plain-HTTP port.
 */
export function pinnedAddress(pins: readonly Pin[], host: string, port: number): string | undefined {
  const name = host.toLowerCase();
  return (
    pins.find((p) => p.host === name && p.port === port)?.address ??
    pins.find((p) => p.host === name && p.port === "*")?.address ??
    pins.find((p) => p.host === name)?.address
  );
}
