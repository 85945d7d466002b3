/**
 * Hostile and broken targets, all small servers on loopback started by this file: each gives
 * findings or a clear error (SCN000 with error.kind), never a hang or a crash, and in seconds
 * (short timeouts through the library's options and the CLI's flags).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import tls from "node:tls";
import { scanDocument } from "../../src/report/scan-json.js";
import { type ScanResult, type ScanSite, scan } from "../../src/scan/scan.js";
import { ISOLATION_FLAGS } from "../helpers/python.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { freePort, makePki, type Pki, PYTHON, provisionE2e, runCli } from "./servers.js";

const FAST = { connectTimeoutMs: 500, requestTimeoutMs: 1500 };
const servers: (net.Server | http.Server)[] = [];

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A TCP server that does `handle` with every connection. */
function raw(handle: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    handle(socket);
  });
  return listen(server);
}

function site(result: ScanResult): ScanSite {
  const [first] = result.sites;
  assert.ok(first);
  return first;
}

/** Times a scan, and checks its JSON document against the schema as the CLI would print it. */
async function timed(work: () => Promise<ScanResult>, limitMs: number): Promise<ScanResult> {
  const started = performance.now();
  const value = await work();
  assertMatchesSchema("scan", JSON.parse(JSON.stringify(scanDocument(value))));
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `took ${Math.round(elapsed)} ms, over ${limitMs}`);
  return value;
}

async function expectError(url: string, kind: string, options: Parameters<typeof scan>[1] = {}, limitMs = 8000): Promise<ScanSite> {
  const result = await timed(() => scan([url], { ...FAST, ...options }), limitMs);
  const scanned = site(result);
  assert.equal(scanned.grade, null);
  assert.equal(scanned.score, null);
  assert.equal(scanned.error?.kind, kind, `expected ${kind}, got ${JSON.stringify(scanned.error)}`);
  assert.equal(result.findings.length, 1);
  assert.equal(result.findings[0]?.rule, "SCN000");
  assert.equal(result.findings[0]?.severity, "error");
  return scanned;
}

describe("hostile and broken targets", { timeout: 120_000 }, () => {
  let pki: Pki;
  const children: ChildProcess[] = [];

  before(() => {
    provisionE2e();
    pki = makePki();
  });
  after(async () => {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
    for (const server of servers) {
      if ("closeAllConnections" in server) server.closeAllConnections();
      server.close();
    }
    for (const child of children) child.kill("SIGKILL");
  });

  test("connection refused", async () => {
    const port = await freePort();
    const scanned = await expectError(`http://127.0.0.1:${port}/`, "refused");
    assert.match(scanned.error?.message ?? "", /connection refused/);
  });

  test("DNS failure (an injected resolver: the tests never query DNS)", async () => {
    const lookup = ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException) => void) => {
      process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" })));
    }) as unknown as net.LookupFunction;
    const scanned = await expectError("https://no-such-site.invalid/", "dns", { lookup });
    assert.match(scanned.error?.message ?? "", /does not resolve/);
  });

  test("connect timeout: a listener whose backlog is full", async (t) => {
    // Python's listen(0) without accept(): once the backlog holds a connection, the kernel drops SYNs.
    const child = spawn(PYTHON, [
      ...ISOLATION_FLAGS,
      "-c",
      "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)",
    ]);
    children.push(child);
    const port = await new Promise<number>((resolve) => child.stdout?.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
    const fillers = [0, 1, 2].map(() => net.connect({ host: "127.0.0.1", port }).on("error", () => {}));
    await new Promise((r) => setTimeout(r, 200));
    const hangs = await new Promise<boolean>((resolve) => {
      const probe = net.connect({ host: "127.0.0.1", port }).on("error", () => resolve(false));
      probe.once("connect", () => resolve(false));
      setTimeout(() => resolve(true), 300);
      setTimeout(() => probe.destroy(), 350);
    });
    if (!hangs) {
      t.skip("this kernel completes connections beyond the backlog; the total timeout below covers the hang");
      for (const f of fillers) f.destroy();
      return;
    }
    const scanned = await expectError(`http://127.0.0.1:${port}/`, "timeout", { connectTimeoutMs: 300 }, 4000);
    assert.match(scanned.error?.message ?? "", /could not connect within 300 ms/);
    for (const f of fillers) f.destroy();
  });

  test("a server that accepts and never answers", async () => {
    const port = await raw(() => {});
    const scanned = await expectError(`http://127.0.0.1:${port}/`, "timeout");
    assert.match(scanned.error?.message ?? "", /no complete response within 1500 ms/);
  });

  test("a server that trickles its headers, then one that trickles its body", async () => {
    const trickle = (prefix: string) =>
      raw((socket) => {
        let i = 0;
        const text = `${prefix}${"x".repeat(10_000)}`;
        const timer = setInterval(() => {
          if (socket.destroyed) return clearInterval(timer);
          socket.write(text[i++ % text.length] as string);
        }, 50);
        socket.on("close", () => clearInterval(timer));
      });
    await expectError(`http://127.0.0.1:${await trickle("HTTP/1.1 200 OK\r\nX-Slow: ")}/`, "timeout");
    await expectError(`http://127.0.0.1:${await trickle("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")}/`, "timeout");
  });

  test("endless redirects, and a redirect loop", async () => {
    const endless = http.createServer((request, response) => {
      const n = Number(/\/r\/(\d+)/.exec(request.url ?? "")?.[1] ?? 0);
      response.writeHead(302, { Location: `/r/${n + 1}` }).end();
    });
    const endlessPort = await listen(endless);
    const scanned = await expectError(`http://127.0.0.1:${endlessPort}/`, "redirect-loop");
    assert.match(scanned.error?.message ?? "", /more than 5 redirects/);
    const loop = http.createServer((request, response) => {
      response.writeHead(301, { Location: request.url === "/a" ? "/b" : "/a" }).end();
    });
    const loopPort = await listen(loop);
    const looped = await expectError(`http://127.0.0.1:${loopPort}/a`, "redirect-loop");
    assert.match(looped.error?.message ?? "", /redirect loop/);
  });

  test("a multi-gigabyte body is cut at the cap, and the site is still graded", async () => {
    let written = 0;
    const huge = http.createServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html", "Content-Length": String(5 * 1024 ** 3) });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!response.destroyed && written < 5 * 1024 ** 3) {
          written += chunk.length;
          if (!response.write(chunk)) return response.once("drain", pump);
        }
      };
      response.on("close", () => {});
      pump();
    });
    const port = await listen(huge);
    const result = await timed(() => scan([`http://127.0.0.1:${port}/`], { ...FAST, requestTimeoutMs: 5000 }), 10_000);
    const scanned = site(result);
    assert.equal(scanned.error, null);
    assert.notEqual(scanned.grade, null);
    // Each of the ~15 requests reads at most 1 MiB; kernel buffers add a few MiB per socket at most.
    assert.ok(written < 200 * 1024 ** 2, `the server wrote ${Math.round(written / 1024 ** 2)} MiB`);
  });

  test("oversized headers", async () => {
    const port = await raw((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(100_000)}\r\nContent-Length: 0\r\n\r\n`);
    });
    const scanned = await expectError(`http://127.0.0.1:${port}/`, "too-large");
    assert.match(scanned.error?.message ?? "", /headers are larger than the limit/);
  });

  test("not HTTP at all, and a connection closed without a word", async () => {
    const garbage = await raw((socket) => socket.end("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
    await expectError(`http://127.0.0.1:${garbage}/`, "protocol");
    const closes = await raw((socket) => socket.destroy());
    await expectError(`http://127.0.0.1:${closes}/`, "protocol");
  });

  test("TLS on an http:// URL, and plain HTTP on an https:// one", async () => {
    const tlsServer = tls.createServer({ cert: readFileSync(pki.fullchain), key: readFileSync(pki.key) }, (socket) => socket.end());
    tlsServer.on("tlsClientError", () => {});
    const tlsPort = await listen(tlsServer);
    await expectError(`http://127.0.0.1:${tlsPort}/`, "protocol");
    const plain = http.createServer((_q, r) => r.end("plain"));
    const plainPort = await listen(plain);
    const scanned = await expectError(`https://127.0.0.1:${plainPort}/`, "tls");
    assert.match(scanned.error?.message ?? "", /wrong version number|EPROTO|packet length/i);
  });

  test("a self-signed certificate: an error, or with --insecure a finding", async () => {
    const server = tls.createServer({
      cert: readFileSync(pki.selfSignedCert),
      key: readFileSync(pki.selfSignedKey),
      ALPNProtocols: ["http/1.1"],
    });
    server.on("secureConnection", (socket) => {
      socket.on("error", () => {});
      const body = "<title>self</title>";
      socket.once("data", () =>
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`),
      );
    });
    server.on("tlsClientError", () => {});
    const port = await listen(server);
    const url = `https://127.0.0.1:${port}/`;
    const stopped = await expectError(url, "tls");
    assert.match(stopped.error?.message ?? "", /self-signed/);
    const cli = await runCli(["scan", url, "--format", "json", "--timeout", "2", "--connect-timeout", "1"]);
    assert.equal(cli.code, 1);
    const document = JSON.parse(cli.stdout);
    assertMatchesSchema("scan", document);
    assert.deepEqual(document.sites[0].error.kind, "tls");
    const result = await timed(() => scan([url], { ...FAST, insecure: true }), 8000);
    assert.notEqual(site(result).grade, null);
    const certificate = result.findings.find((f) => f.rule === "SCN011");
    assert.match(certificate?.message ?? "", /self-signed/);
  });

  test("a trusted certificate for another name", async () => {
    const server = tls.createServer({ cert: readFileSync(pki.otherNameCert), key: readFileSync(pki.otherNameKey) });
    server.on("secureConnection", (socket) => socket.end());
    server.on("tlsClientError", () => {});
    const port = await listen(server);
    const ca = readFileSync(pki.caCert, "utf8");
    const scanned = await expectError(`https://app.example.com:${port}/`, "tls", { ca, resolve: [`app.example.com:${port}:127.0.0.1`] });
    assert.match(scanned.error?.message ?? "", /does not cover this host name/);
  });

  test("a catch-all that answers 200 to everything is not an exposed file", async () => {
    const page = "<!doctype html><html><head><title>Catch-all</title></head><body><p>Hello</p></body></html>";
    const catchAll = http.createServer((_q, r) => r.writeHead(200, { "Content-Type": "text/html" }).end(page));
    const port = await listen(catchAll);
    const result = await timed(() => scan([`http://127.0.0.1:${port}/`], FAST), 8000);
    const scanned = site(result);
    assert.deepEqual(scanned.outcomes["exposed-files"], ["none"]);
    assert.deepEqual(scanned.outcomes["directory-listing"], ["none"]);
    assert.deepEqual(scanned.outcomes["admin-default-path"], ["notFound"]);
    assert.deepEqual(scanned.outcomes["debug-page"], ["inconclusive"]);
    // Answering any Host header with the site is exactly what a catch-all does wrong.
    assert.deepEqual(scanned.outcomes["allowed-hosts"], ["acceptsAnyHost"]);
  });

  test("a site that leaks: exposed files, listings, CORS, versions, cookies", async () => {
    const files: Record<string, [string, string]> = {
      "/.env": ["text/plain", "SECRET_KEY=leak\nDATABASE_URL=postgres://app:pw@db/app\n"],
      "/.git/HEAD": ["text/plain", "ref: refs/heads/main\n"],
      "/db.sqlite3": ["application/octet-stream", "SQLite format 3\u0000rest"],
      "/media/": ["text/html", "<html><head><title>Index of /media/</title></head><body><h1>Index of /media/</h1></body></html>"],
    };
    const seen: { path: string; agent: string; method: string }[] = [];
    const leaky = http.createServer((request, response) => {
      seen.push({ path: request.url ?? "", agent: request.headers["user-agent"] ?? "", method: request.method ?? "" });
      const file = files[request.url ?? ""];
      const headers: Record<string, string> = { Server: "nginx/1.18.0", "Set-Cookie": "sessionid=abc; Path=/" };
      if (request.headers.origin) {
        headers["Access-Control-Allow-Origin"] = request.headers.origin;
        headers["Access-Control-Allow-Credentials"] = "true";
      }
      if (file) response.writeHead(200, { ...headers, "Content-Type": file[0] }).end(file[1], "latin1");
      else if (request.url === "/") response.writeHead(200, { ...headers, "Content-Type": "text/html" }).end("<title>Leaky</title>");
      else response.writeHead(404, headers).end("Not Found");
    });
    const port = await listen(leaky);
    const result = await timed(() => scan([`http://127.0.0.1:${port}/`], FAST), 8000);
    const exposed = result.findings.filter((f) => f.rule === "SCN005").map((f) => new URL(f.url ?? "").pathname);
    assert.deepEqual(exposed.sort(), ["/.env", "/.git/HEAD", "/db.sqlite3"]);
    const envFinding = result.findings.find((f) => f.url?.endsWith("/.env"));
    assert.doesNotMatch(envFinding?.evidence ?? "", /leak|postgres/, "evidence names the variable, never the secret");
    assert.ok(result.findings.some((f) => f.rule === "SCN006" && f.url?.endsWith("/media/")));
    assert.equal(result.findings.find((f) => f.rule === "SCN021")?.severity, "error");
    assert.match(result.findings.find((f) => f.rule === "SCN022")?.message ?? "", /nginx\/1\.18\.0/);
    assert.equal(result.findings.find((f) => f.rule === "SCN023")?.severity, "error");
    assert.equal(site(result).grade, "F");
    // A handful of requests, each GET, each with an honest User-Agent.
    assert.ok(seen.length <= 20, `${seen.length} requests`);
    assert.ok(seen.every((r) => r.method === "GET" && /^djship\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/djship\/djship\)$/.test(r.agent)));
  });

  test("many sites at once, some broken, in bounded time", async () => {
    const ok = http.createServer((_q, r) => r.writeHead(200, { "Content-Type": "text/html" }).end("<title>ok</title>"));
    const okPort = await listen(ok);
    const silent = await raw(() => {});
    const refused = await freePort();
    const urls = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? `http://127.0.0.1:${okPort}/?${i}`
        : i % 3 === 1
          ? `http://127.0.0.1:${silent}/?${i}`
          : `http://127.0.0.1:${refused}/?${i}`,
    );
    const result = await timed(() => scan(urls, { ...FAST, concurrency: 6 }), 12_000);
    assert.equal(result.sites.length, 12);
    assert.deepEqual(
      result.sites.map((s) => s.error?.kind ?? "ok"),
      urls.map((_, i) => (i % 3 === 0 ? "ok" : i % 3 === 1 ? "timeout" : "refused")),
    );
  });
});
