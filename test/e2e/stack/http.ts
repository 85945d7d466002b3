/** HTTP(S) requests to the stack on loopback, with the test CA and APP_HOST as SNI and Host. */
import http from "node:http";
import https from "node:https";
import { APP_HOST } from "../servers.js";

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  readonly host?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
  /** POST this body (sent as it is, with its Content-Length); GET without it. */
  readonly body?: string;
}

/** One request to 127.0.0.1:port; HTTPS verifies the certificate against `ca` for the Host name. */
export function request(
  scheme: "http" | "https",
  port: number,
  path: string,
  options: RequestOptions & { ca?: string } = {},
): Promise<Reply> {
  const host = options.host ?? APP_HOST;
  const client = scheme === "https" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.body === undefined ? "GET" : "POST",
        headers: {
          Host: host,
          ...(options.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
        ...(scheme === "https" ? { ca: options.ca, servername: host, agent: false } : { agent: false }),
        timeout: options.timeoutMs ?? 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > 8 * 1024 * 1024) req.destroy(new Error("response over 8 MiB"));
          else chunks.push(chunk);
        });
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            text: () => body.toString("utf8"),
            json: <T>() => JSON.parse(body.toString("utf8")) as T,
          });
        });
        response.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`request ${path} timed out`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The cookies a reply sets, as one Cookie header value. */
export function cookiesOf(reply: Reply): string {
  return (reply.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}
