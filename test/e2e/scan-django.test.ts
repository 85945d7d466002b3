/**
 * `djship scan` on real Django deployments, on loopback: examples/hardened under Django 5.2 behind
 * gunicorn and nginx with TLS (a test CA passed with --ca, its name pinned with --resolve), and
 * examples/naive on `manage.py runserver` with DEBUG on. Every JSON output is checked against
 * schemas/scan.schema.json.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { type HardenedTarget, makePki, type NaiveTarget, type Pki, provisionE2e, runCli, startHardened, startNaive } from "./servers.js";

interface Finding {
  rule: string;
  severity: string;
  message: string;
  url: string;
  evidence: string;
  fix: string;
}

describe("djship scan on the example projects", { timeout: 180_000 }, () => {
  let pki: Pki;
  let hardened: HardenedTarget;
  let naive: NaiveTarget;
  const pinned = () => [...hardened.resolve.flatMap((r) => ["--resolve", r]), "--ca", pki.caCert];

  before(async () => {
    provisionE2e();
    pki = makePki();
    [hardened, naive] = await Promise.all([startHardened(pki), startNaive()]);
  });
  after(async () => {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
    await Promise.all([hardened?.stop(), naive?.stop()]);
  });

  test("the hardened example gets the top grade and no warnings", async () => {
    const run = await runCli(["scan", hardened.httpUrl, ...pinned(), "--format", "json"]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const document = JSON.parse(run.stdout);
    assertMatchesSchema("scan", document);
    const [site] = document.sites;
    assert.equal(site.finalUrl, hardened.httpsUrl, "HTTP redirects to HTTPS on the same host in one hop");
    assert.equal(site.grade, "A+");
    assert.ok(site.score >= 100, `score ${site.score}`);
    const loud = document.findings.filter((f: Finding) => f.severity !== "info");
    assert.deepEqual(loud, [], "no warnings or errors");
    assert.deepEqual(document.summary.error + document.summary.warning, 0);
    assert.deepEqual(site.outcomes["https-redirect"], ["toHttps"]);
    assert.deepEqual(site.outcomes["tls-certificate"], ["valid"]);
    assert.deepEqual(site.outcomes.http2, ["h2"]);
    assert.deepEqual(site.outcomes.hsts, ["preloadReady"]);
    assert.deepEqual(site.outcomes["allowed-hosts"], ["rejected"]);
    assert.deepEqual(site.outcomes["static-served-by-django"], ["proxy"], "nginx serves /static/ from STATIC_ROOT");
    assert.deepEqual(site.outcomes["static-caching"], ["longCache"], "hashed names from CompressedManifestStaticFilesStorage, expires 30d");
    assert.deepEqual(site.outcomes["admin-default-path"], ["notFound"], "the admin lives at DJANGO_ADMIN_URL");
    assert.deepEqual(site.outcomes["debug-page"], ["plain404"]);
  });

  test("the naive example gets the DEBUG, runserver, no-HTTPS, cookie and header findings", async () => {
    const run = await runCli(["scan", naive.url, "--format", "json"]);
    assert.equal(run.code, 1, "findings at the default fail-on (warning) exit 1");
    const document = JSON.parse(run.stdout);
    assertMatchesSchema("scan", document);
    const [site] = document.sites;
    assert.equal(site.grade, "F");
    const find = (rule: string) => document.findings.find((f: Finding) => f.rule === rule) as Finding | undefined;
    const debug = find("SCN001");
    assert.equal(debug?.severity, "error");
    assert.match(debug?.evidence ?? "", /DEBUG = True/);
    assert.match(debug?.fix ?? "", /DEBUG = False/);
    assert.match(find("SCN002")?.evidence ?? "", /Server: WSGIServer\/[\d.]+ CPython\/[\d.]+/);
    assert.match(find("SCN010")?.message ?? "", /without redirecting to HTTPS/);
    assert.match(find("SCN011")?.message ?? "", /not served over HTTPS/);
    const cookie = find("SCN023");
    assert.match(cookie?.message ?? "", /csrftoken set without Secure/);
    assert.match(cookie?.fix ?? "", /CSRF_COOKIE_SECURE = True/);
    assert.match(find("SCN015")?.message ?? "", /HSTS cannot be set/);
    assert.equal(find("SCN004")?.severity, "info", "the admin login at /admin/");
    assert.equal(find("SCN022")?.severity, "info", "runserver's Server header has versions");
    for (const finding of document.findings as Finding[]) {
      assert.ok(finding.url.startsWith(naive.url), finding.url);
      assert.ok(finding.evidence.length > 10, `${finding.rule} has evidence`);
    }
  });

  test("--fail-under sets the exit code from the grades", async () => {
    const passes = await runCli(["scan", hardened.httpUrl, ...pinned(), "--fail-under", "A+", "--format", "json"]);
    assert.equal(passes.code, 0);
    const fails = await runCli(["scan", naive.url, "--fail-on", "never", "--fail-under", "D", "--format", "json"]);
    assert.equal(fails.code, 1);
    const floor = await runCli(["scan", naive.url, "--fail-on", "never", "--fail-under", "F", "--format", "json"]);
    assert.equal(floor.code, 0, "F is not below F");
    const usage = await runCli(["scan", naive.url, "--fail-under", "Z"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--fail-under takes a grade/);
  });

  test("several sites: text, markdown, SARIF and JUnit, with a summary table", async () => {
    const urls = [hardened.httpUrl, naive.url];
    const text = await runCli(["scan", ...urls, ...pinned()]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /djship scan · 2 sites/);
    assert.match(text.stdout, new RegExp(`${hardened.httpUrl.replace(/[.]/g, "\\.")}\\s+\\d+\\s+A\\+`));
    assert.match(text.stdout, new RegExp(`${naive.url.replace(/[.]/g, "\\.")}\\s+\\d+\\s+F ·`));
    assert.doesNotMatch(text.stderr, /\[#/, "no progress bar when stderr is not a terminal");
    const markdown = await runCli(["scan", ...urls, ...pinned(), "--format", "markdown"]);
    assert.match(markdown.stdout, /^## djship scan/);
    assert.match(markdown.stdout, /\| site \| score \| grade and findings \|/);
    const sarif = JSON.parse((await runCli(["scan", ...urls, ...pinned(), "--format", "sarif"])).stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.ok(results.length > 0);
    for (const result of results) assert.match(result.locations[0]?.physicalLocation.artifactLocation.uri ?? "", /^https?:\/\//);
    assert.ok(
      sarif.runs[0].tool.driver.rules.some(
        (r: { id: string; helpUri: string }) => r.id === "SCN001" && r.helpUri.includes("docs/scan.md#scn001"),
      ),
    );
    const junit = await runCli(["scan", ...urls, ...pinned(), "--format", "junit"]);
    assert.match(junit.stdout, /<testsuites name="djship scan"/);
    assert.match(junit.stdout, /SCN002 http:\/\/127\.0\.0\.1/);
  });

  test("--from reads URLs from a file", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = `${pki.dir}/urls.txt`;
    writeFileSync(file, `# staging\n${hardened.httpUrl}\n\n${naive.url}  # the naive one\n`);
    const run = await runCli(["scan", "--from", file, ...pinned(), "--format", "json"]);
    const document = JSON.parse(run.stdout);
    assertMatchesSchema("scan", document);
    assert.deepEqual(
      document.sites.map((s: { url: string }) => s.url),
      [hardened.httpUrl, naive.url],
    );
  });

  test("an untrusted CA stops the scan unless --insecure, which still reports it", async () => {
    const resolve = hardened.resolve.flatMap((r) => ["--resolve", r]);
    const stopped = await runCli(["scan", hardened.httpsUrl, ...resolve, "--format", "json"]);
    assert.equal(stopped.code, 1);
    const document = JSON.parse(stopped.stdout);
    assertMatchesSchema("scan", document);
    assert.equal(document.sites[0].grade, null);
    assert.equal(document.sites[0].error.kind, "tls");
    assert.equal(document.findings[0].rule, "SCN000");
    const insecure = JSON.parse((await runCli(["scan", hardened.httpsUrl, ...resolve, "--insecure", "--format", "json"])).stdout);
    assertMatchesSchema("scan", insecure);
    assert.equal(insecure.sites[0].error, null);
    assert.notEqual(insecure.sites[0].grade, null);
    const certificate = insecure.findings.find((f: Finding) => f.rule === "SCN011");
    assert.equal(certificate?.severity, "error");
    assert.match(certificate?.evidence ?? "", /TLS handshake app\.example\.com:\d+ \(SNI app\.example\.com\)/);
  });
});
