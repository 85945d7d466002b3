/**
 * `djship scan host:port` without a scheme is tried as https://; when the port speaks plain HTTP
 * the message says so and gives the http:// URL to scan instead. A real server on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { runCli } from "./run.js";

let server: Server;
let port: number;
before(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<!doctype html><title>plain</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a plain-HTTP port given without a scheme gets a message naming the http:// URL", async () => {
  const result = await runCli(["scan", `127.0.0.1:${port}`, "--format", "json"]);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: { rule: string; message: string }[] };
  const unreachable = report.findings.find((f) => f.rule === "SCN000");
  assert.ok(unreachable, JSON.stringify(report.findings));
  assert.match(unreachable.message, new RegExp(`127\\.0\\.0\\.1:${port} answers plain HTTP, not HTTPS`));
  assert.ok(unreachable.message.includes(`give http://127.0.0.1:${port}/`), unreachable.message);
  assert.doesNotMatch(unreachable.message, /ssl3_get_record|EPROTO/);
});

test("with https:// typed out, the TLS error is reported as it is", async () => {
  const result = await runCli(["scan", `https://127.0.0.1:${port}/`, "--format", "json"]);
  const report = JSON.parse(result.stdout) as { findings: { rule: string; message: string }[] };
  const unreachable = report.findings.find((f) => f.rule === "SCN000");
  assert.ok(unreachable);
  assert.doesNotMatch(unreachable.message, /answers plain HTTP/);
});

test("the same port given as http:// is scanned and graded", async () => {
  const result = await runCli(["scan", `http://127.0.0.1:${port}/`, "--format", "json"]);
  const report = JSON.parse(result.stdout) as { sites: { grade: string | null; error: unknown }[] };
  assert.equal(report.sites[0]?.error, null);
  assert.ok(report.sites[0]?.grade, "graded");
});
