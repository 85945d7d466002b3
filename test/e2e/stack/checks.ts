/** Assertions both stack suites make, on whatever example the stack runs. */
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import tls from "node:tls";
import { gunzipSync } from "node:zlib";
import { APP_HOST, runCli } from "../servers.js";
import { cookiesOf, type Reply, request } from "./http.js";
import type { Stack } from "./stack.js";

/** GET over HTTPS through nginx, with the test CA and the site's name as SNI and Host. */
export function httpsGet(stack: Stack, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request("https", stack.ports.https, path, { ca: readFileSync(stack.pki.caCert, "utf8"), headers });
}

/**
 * CSRF behind TLS: a form POST through nginx (TLS) to gunicorn passes Django's CSRF check when it
 * carries the CSRF cookie and token and the site's own https Origin and Referer, which Django
 * compares with https://Host only because nginx's X-Forwarded-Proto and SECURE_PROXY_SSL_HEADER
 * make the request secure; the same POST with a foreign Origin is refused 403. The form is the
 * admin's login (a wrong password: the form comes back, 200).
 */
export async function assertCsrfThroughTls(stack: Stack): Promise<void> {
  const ca = readFileSync(stack.pki.caCert, "utf8");
  // What a browser sends for the site on 443, as the Host header these requests carry says: only
  // the test's port differs, and nginx passes $host (no port) to Django either way.
  const origin = `https://${APP_HOST}`;
  const form = await httpsGet(stack, "/admin/login/");
  assert.equal(form.status, 200, form.text().slice(0, 500));
  const cookie = cookiesOf(form);
  assert.match(cookie, /csrftoken=/, "the login form sets the CSRF cookie");
  assert.match(String(form.headers["set-cookie"]), /csrftoken=[^;]*;.*Secure/i, "a Secure cookie");
  const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.text())?.[1];
  assert.ok(token, "the form carries the CSRF token");
  const body = new URLSearchParams({ csrfmiddlewaretoken: token, username: "nobody", password: "wrong", next: "/admin/" }).toString();
  const post = (from: string) =>
    request("https", stack.ports.https, "/admin/login/", {
      ca,
      body,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookie,
        Origin: from,
        Referer: `${from}/admin/login/`,
      },
    });
  const same = await post(origin);
  assert.equal(same.status, 200, `the site's own form post passes the CSRF check:\n${same.text().slice(0, 1500)}`);
  assert.match(same.text(), /correct username and password|Please enter the correct/i, "the form came back: the post was processed");
  const foreign = await post("https://evil.example");
  assert.equal(foreign.status, 403, "a post from another origin is refused");
  assert.match(foreign.text(), /CSRF/);
}

/** The serial number of the certificate nginx serves for APP_HOST now. */
function servedSerial(stack: Stack): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: "127.0.0.1", port: stack.ports.https, servername: APP_HOST, ca: readFileSync(stack.pki.caCert, "utf8") },
      () => {
        const serial = socket.getPeerX509Certificate()?.serialNumber ?? "";
        socket.destroy();
        resolve(serial);
      },
    );
    socket.setTimeout(10_000, () => socket.destroy(new Error("TLS handshake timed out")));
    socket.on("error", reject);
  });
}

/**
 * Certificate renewal, as the compose setup runs it: nginx serves certbot's HTTP-01 challenge from
 * the webroot over plain HTTP (no redirect), and once the certificate files are replaced (a
 * renewal), the reload the nginx service runs on its schedule makes nginx serve the new one.
 */
export async function assertRenewalServed(stack: Stack): Promise<void> {
  const token = `djship-${Date.now()}`;
  mkdirSync(join(stack.certbotRoot, ".well-known", "acme-challenge"), { recursive: true });
  writeFileSync(join(stack.certbotRoot, ".well-known", "acme-challenge", token), `${token}.key-authorization`);
  const challenge = await request("http", stack.ports.http, `/.well-known/acme-challenge/${token}`);
  assert.equal(challenge.status, 200, "the challenge is answered over plain HTTP, not redirected");
  assert.equal(challenge.text(), `${token}.key-authorization`);
  const before = await servedSerial(stack);
  stack.pki.renew();
  const renewed = new X509Certificate(readFileSync(stack.pki.cert)).serialNumber;
  assert.notEqual(renewed, before);
  assert.equal(await servedSerial(stack), before, "nginx keeps the certificate it loaded until it reloads");
  const reload = await stack.reloadNginx();
  assert.equal(reload.code, 0, reload.stderr);
  let served = before;
  for (let i = 0; i < 40 && served !== renewed; i++) {
    await new Promise((r) => setTimeout(r, 250));
    served = await servedSerial(stack);
  }
  assert.equal(served, renewed, "after the reload nginx serves the renewed certificate");
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
