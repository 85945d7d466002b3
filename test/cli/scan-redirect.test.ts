/**
 * `djship scan http://…` whose redirect leads to an HTTPS site that cannot be reached: the message
 * names the URL the redirect led to, not only the error, so it does not read as if the URL given
 * were down. A real server on 127.0.0.1 redirecting to a port nothing listens on.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { runCli } from "./run.js";

let server: Server;
let port: number;
let closed: number;
before(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closed = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  server = createServer((_request, response) => {
    response.writeHead(301, { Location: `https://127.0.0.1:${closed}/` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a redirect to an HTTPS site that refuses names where it led", async () => {
  const result = await runCli(["scan", `http://127.0.0.1:${port}/`, "--format", "json"]);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as {
    sites: { error: { kind: string } | null }[];
    findings: { rule: string; message: string }[];
  };
  assert.equal(report.sites[0]?.error?.kind, "refused");
  const unreachable = report.findings.find((f) => f.rule === "SCN000");
  assert.ok(unreachable, JSON.stringify(report.findings));
  assert.ok(
    unreachable.message.includes(
      `http://127.0.0.1:${port}/ could not be scanned: it redirects to https://127.0.0.1:${closed}/, which failed`,
    ),
    unreachable.message,
  );
});
