/** Assertions both stack suites make, on whatever example the stack runs. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { runCli } from "../servers.js";
import { type Reply, request } from "./http.js";
import type { Stack } from "./stack.js";

/** GET over HTTPS through nginx, with the test CA and the site's name as SNI and Host. */
export function httpsGet(stack: Stack, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request("https", stack.ports.https, path, { ca: readFileSync(stack.pki.caCert, "utf8"), headers });
}

/** `djship scan https://NAME:PORT/ --resolve NAME:PORT:127.0.0.1 --ca CA`: A+ and nothing above info. */
export async function assertScanTopGrade(stack: Stack): Promise<void> {
  const run = await runCli(
    ["scan", stack.httpsUrl, ...stack.resolve.flatMap((r) => ["--resolve", r]), "--ca", stack.pki.caCert, "--format", "json"],
    120_000,
  );
  const document = JSON.parse(run.stdout || "{}");
  const loud = (document.findings ?? []).filter((f: { severity: string }) => f.severity !== "info");
  assert.deepEqual(
    loud.map((f: { rule: string; message: string }) => `${f.rule} ${f.message}`),
    [],
    "no warning or error",
  );
  assert.equal(document.sites?.[0]?.grade, "A+", run.stdout.slice(0, 4000));
  assert.equal(run.code, 0, run.stderr);
}

/**
 * `djship scan http://NAME:PORT/` (NAME pinned to 127.0.0.1 on both ports): the plain-HTTP server
 * answers one 301 to HTTPS on the same host, the report shows it, and the grade is that of the HTTPS
 * site it lands on (A+, no warning), as the MDN HTTP Observatory grades a site. The generated site
 * redirects to `https://$host$request_uri`, that is port 443; the only change localize.ts makes to
 * that line is the test's HTTPS port, so the Location checked here is the generated one with that
 * port and nothing else.
 */
export async function assertScanFollowsRedirect(stack: Stack): Promise<void> {
  const generated = readFileSync(join(stack.project, "deploy/nginx/site.conf"), "utf8");
  assert.match(generated, /return 301 https:\/\/\$host\$request_uri;/, "init's port-80 server redirects to https on 443");
  const common = [stack.httpUrl, ...stack.resolve.flatMap((r) => ["--resolve", r]), "--ca", stack.pki.caCert];
  const run = await runCli(["scan", ...common, "--format", "json"], 120_000);
  const document = JSON.parse(run.stdout || "{}");
  const site = document.sites?.[0] ?? {};
  assert.deepEqual(
    site.redirects,
    [{ url: stack.httpUrl, status: 301, location: stack.httpsUrl }],
    "one permanent redirect, to the same host on the localised HTTPS port",
  );
  assert.equal(site.finalUrl, stack.httpsUrl);
  assert.deepEqual(site.outcomes?.["https-redirect"], ["toHttps"], "SCN010 judges the redirect good");
  const loud = (document.findings ?? []).filter((f: { severity: string }) => f.severity !== "info");
  assert.deepEqual(
    loud.map((f: { rule: string; message: string }) => `${f.rule} ${f.message}`),
    [],
    "no warning or error",
  );
  // Graded on the HTTPS site: HSTS and the TLS probes saw it (they have nothing to see over plain HTTP).
  assert.deepEqual(site.outcomes?.["tls-certificate"], ["valid"]);
  assert.ok(!site.outcomes?.hsts?.includes("noHttps"), `HSTS read on the HTTPS page: ${site.outcomes?.hsts}`);
  assert.equal(site.grade, "A+", run.stdout.slice(0, 4000));
  assert.equal(run.code, 0, run.stderr);
  const text = await runCli(["scan", ...common, "--color", "never"], 120_000);
  assert.ok(
    text.stdout.includes("A+ · 0 errors, 0 warnings") && text.stdout.includes(`301 → ${stack.httpsUrl}`),
    `the text report shows the redirect:\n${text.stdout.slice(-1500)}`,
  );
}

/** The app server stopped: nginx answers 502 or 503 with its own page; started again: the page is back. */
export async function assertAppServerOutageIsClean(stack: Stack, heading: RegExp): Promise<void> {
  await stack.stopAppServer();
  const down = await httpsGet(stack, "/");
  assert.ok(down.status === 502 || down.status === 503, `status ${down.status}`);
  assert.match(down.text(), /<center>nginx(\/[\d.]+)?<\/center>/, "nginx's own error page, no traceback");
  await stack.startAppServer();
  const up = await httpsGet(stack, "/");
  assert.equal(up.status, 200, up.text().slice(0, 500));
  assert.match(up.text(), heading);
}

/** A load balancer's probe: plain HTTP to nginx's port 80 server, the IP address as Host. */
export async function assertHealthzByIp(stack: Stack): Promise<void> {
  const health = await request("http", stack.ports.http, "/healthz", { host: "127.0.0.1" });
  assert.equal(health.status, 200, `${health.status} ${health.headers.location ?? ""} ${health.text().slice(0, 300)}`);
  assert.deepEqual(health.json(), { status: "ok", database: true, cache: true });
  const other = await request("http", stack.ports.http, "/", { host: "127.0.0.1" });
  assert.equal(other.status, 301, "every other path still redirects to HTTPS");
}

/**
 * The page's stylesheet (a hashed name, from {% static %}) comes from nginx: gzip-compressed, a
 * year and immutable, and still served while the app server is down; an unhashed name is not
 * cached as immutable.
 */
export async function assertStaticFromNginx(stack: Stack, stylesheet: RegExp): Promise<void> {
  const page = await httpsGet(stack, "/");
  const href = stylesheet.exec(page.text())?.[0];
  assert.ok(href, `the page links a hashed stylesheet: ${page.text().slice(0, 600)}`);
  await stack.stopAppServer();
  try {
    const css = await httpsGet(stack, href, { "Accept-Encoding": "gzip" });
    assert.equal(css.status, 200, "served with the app server down: by nginx, not Django");
    assert.equal(css.headers["content-encoding"], "gzip");
    assert.equal(css.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.match(gunzipSync(css.body).toString("utf8"), /font-family/);
    const unhashed = await httpsGet(stack, href.replace(/\.[0-9a-f]{12}\.css$/, ".css"));
    assert.equal(unhashed.status, 200);
    assert.doesNotMatch(String(unhashed.headers["cache-control"]), /immutable/, "an unhashed name may change: not immutable");
  } finally {
    await stack.startAppServer();
  }
}
