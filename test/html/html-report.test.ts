/// <reference lib="dom" />
/**
 * The HTML report in a real browser (Debian's headless Chromium, driven by playwright-core): it
 * loads nothing, logs no error, filters by area and severity from the keyboard, reads in both
 * themes with enough contrast, and a 500-finding report renders (the time is printed, not judged).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { Finding } from "../../src/findings/finding.js";
import { renderHtml } from "../../src/report/html.js";
import { areaScores, type Report } from "../../src/report/model.js";
import { AREAS } from "../../src/rules/areas.js";
import { catalogOf } from "../../src/rules/catalog.js";
import { RULES } from "../../src/rules/registry.generated.js";
import { materialize } from "../../src/rules/tester.js";
import { EXAMPLES, REPO_ROOT } from "../helpers/paths.js";
import { artifactPath, launchChromium } from "./browser.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const work = mkdtempSync(join(tmpdir(), "djship-html-"));
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 120_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stderr }),
    );
  });
}

interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Opens a report, recording every console error, page error and request the page makes. */
async function open(file: string, colorScheme: "light" | "dark" = "light"): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors, requests };
}

const visibleAreas = (page: Page) =>
  page.$$eval("#findings > .area article.finding", (articles) => [
    ...new Set(articles.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => (a as HTMLElement).dataset.area)),
  ]);

describe("djship audit --format html", () => {
  const report = join(work, "naive.html");
  before(async () => {
    const run = await cli(["audit", join(EXAMPLES, "naive"), "--format", "html", "-o", report]);
    assert.equal(run.code, 1, run.stderr);
  });

  test("one self-contained file: no request but itself, no console error, the grade and a chart of the ten areas", async () => {
    const html = readFileSync(report, "utf8");
    assert.doesNotMatch(html, /<(link|img|iframe)\b|<script\s+src|@import|url\(/i, "nothing to fetch in the markup");
    const { page, errors, requests } = await open(report);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(report).href], "the page requests nothing but itself");
    assert.equal(await page.locator("h1").count(), 1);
    assert.deepEqual(await page.locator("h2").allTextContents(), ["Overview", "Findings"]);
    assert.match((await page.locator(".grade").getAttribute("aria-label")) ?? "", /^Overall grade (A\+|[A-D][+-]?|F), /);
    const bars = await page.locator("svg [role=listitem]").count();
    assert.equal(bars, AREAS.length, "one bar per area");
    const ids = await page.$$eval("#findings > .area", (sections) => sections.map((s) => (s as HTMLElement).dataset.area));
    assert.ok(ids.length >= 8, `findings grouped in the naive example's areas: ${ids.join(", ")}`);
    // A finding carries its excerpt with the line marked, the fix and the doc link.
    const debug = page.locator("article.finding", { hasText: "CFG018" }).first();
    assert.match((await debug.locator("pre.excerpt mark").textContent()) ?? "", /DEBUG\s*=\s*True/);
    assert.match((await debug.locator("dd").last().textContent()) ?? "", /DEBUG = False/);
    assert.match((await debug.locator("a.code").getAttribute("href")) ?? "", /docs\/rules\.md#cfg018/);
    await page.screenshot({ path: artifactPath("html-report-light.png"), fullPage: false });
    await page.close();
  });

  test("filters by area and severity hide the rest, from the keyboard", async () => {
    const { page, errors } = await open(report);
    const all = await page.locator("article.finding:visible").count();
    assert.ok(all > 10);
    // Tab to the first area filter, as a keyboard user would, and uncheck it with the space bar.
    let focused = "";
    for (let i = 0; i < 200 && !focused.startsWith("area:"); i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.name ? `${el.name}:${el.value}` : "";
      });
    }
    assert.ok(focused.startsWith("area:"), "the area filters are reachable with Tab");
    const firstArea = focused.slice("area:".length);
    await page.keyboard.press("Space");
    assert.ok(!(await visibleAreas(page)).includes(firstArea), `${firstArea} is hidden once unchecked`);
    // Only security: every other area's findings and headings disappear.
    await page.locator('input[name="area"]').evaluateAll((inputs) => {
      for (const input of inputs as HTMLInputElement[]) if (input.checked !== (input.value === "security")) input.click();
    });
    assert.deepEqual(await visibleAreas(page), ["security"]);
    assert.deepEqual(
      await page
        .locator("#findings h3:visible")
        .allTextContents()
        .then((t) => t.map((x) => x.split(" ")[0])),
      ["Security"],
    );
    const security = await page.locator("article.finding:visible").count();
    assert.ok(security > 0 && security < all);
    assert.match((await page.locator("#shown").textContent()) ?? "", new RegExp(`^${security} findings? shown$`));
    // And errors only within it.
    await page.locator('input[name="severity"][value="warning"]').uncheck();
    await page.locator('input[name="severity"][value="info"]').uncheck();
    const severities = await page.$$eval("article.finding", (as) => [
      ...new Set(as.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => (a as HTMLElement).dataset.severity)),
    ]);
    assert.ok(severities.every((s) => s === "error"));
    await page.locator("#show-all").click();
    assert.equal(await page.locator("article.finding:visible").count(), all);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("light and dark themes follow the system, each with WCAG AA contrast", async () => {
    const backgrounds: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      const { page, errors } = await open(report, scheme);
      const ratios = await page.evaluate(() => {
        const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const luminance = (color: string) => {
          const [r, g, b] = rgb(color).map((v) => {
            const c = v / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        const contrast = (a: string, b: string) => {
          const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
        };
        const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
        const body = style("body").backgroundColor;
        const card = style("article.finding").backgroundColor;
        const pairs: Record<string, [string, string]> = {
          text: [style("body").color, body],
          muted: [style(".where").color, card],
          link: [style("article.finding a.code").color, card],
          count: [style(".count").color, style(".filters").backgroundColor],
        };
        for (const severity of ["error", "warning", "info"]) {
          const badge = document.querySelector(`.badge.sev-${severity}`);
          if (badge) pairs[severity] = [getComputedStyle(badge).color, card];
        }
        return { body, ratios: Object.fromEntries(Object.entries(pairs).map(([k, [fg, bg]]) => [k, contrast(fg, bg)])) };
      });
      backgrounds.push(ratios.body);
      for (const [what, ratio] of Object.entries(ratios.ratios)) assert.ok(ratio >= 4.5, `${scheme}: ${what} contrast ${ratio.toFixed(2)}`);
      assert.deepEqual(errors, []);
      if (scheme === "dark") await page.screenshot({ path: artifactPath("html-report-dark.png") });
      await page.close();
    }
    assert.notEqual(backgrounds[0], backgrounds[1], "the dark theme is not the light one");
  });

  test("secrets are redacted in the excerpts", async () => {
    const secrets = [
      "Zq9KeyLiteralSECRET-5f2c8e1a7b3d9c4e6f0a2b8d1c7e3f9a5b",
      "Pa55wordInUrl-93kd",
      "DotenvSecretValue-e91",
      "hunter2hunter2",
    ];
    const root = materialize({
      "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      "mysite/settings.py": `SECRET_KEY = "${secrets[0]}"\nDEBUG = True\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "${secrets[3]}"}}\nCACHE_URL = "redis://:${secrets[1]}@cache:6379/0"\n`,
      ".env": `API_TOKEN=${secrets[2]}\nSECRET_KEY=${secrets[0]}\n`,
    });
    try {
      const file = join(work, "secrets.html");
      const run = await cli(["audit", root, "--format", "html", "-o", file]);
      assert.equal(run.code, 1, run.stderr);
      const html = readFileSync(file, "utf8");
      assert.match(html, /<pre class="excerpt"/, "the report quotes code");
      assert.match(html, /SECRET_KEY = &#34;•••&#34;/, "the key's line is quoted, its value masked");
      for (const secret of secrets) assert.ok(!html.includes(secret), `${secret.slice(0, 6)}… leaked`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("djship scan --format html", () => {
  test("a scan of a local site renders its grade, sites and evidence", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>app</title><p>hello</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const file = join(work, "scan.html");
      const run = await cli(["scan", url, "--format", "html", "-o", file]);
      assert.equal(run.code, 1, run.stderr);
      const { page, errors, requests } = await open(file);
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [pathToFileURL(file).href], "the report does not fetch the scanned site");
      assert.equal((await page.locator(".grade").textContent())?.slice(0, 1), "F");
      assert.equal(await page.locator("svg [role=listitem]").count(), 1, "one bar per site");
      assert.ok((await page.locator("dt", { hasText: "Evidence" }).count()) > 0);
      assert.ok((await page.locator("article.finding", { hasText: "SCN010" }).count()) > 0);
      await page.close();
    } finally {
      server.close();
    }
  });
});

describe("a large report", () => {
  test("500 findings render; the time is printed", async () => {
    const catalog = catalogOf(RULES);
    const codes = [...catalog.keys()];
    const findings: Finding[] = Array.from({ length: 500 }, (_, i) => {
      const info = catalog.get(codes[i % codes.length] as string);
      assert.ok(info);
      return {
        rule: info.code,
        djangoCheck: info.djangoCheck,
        severity: info.severity,
        area: info.area,
        message: `${info.doc.what} (case ${i})`,
        file: `app${i % 7}/settings/part${i % 13}.py`,
        line: (i % 90) + 3,
        column: 1,
        env: i % 3 ? [] : ["DJANGO_DEBUG"],
        project: ".",
        fix: info.doc.fix,
        docUrl: info.docUrl,
        related: [],
        suppressed: i % 50 === 0,
        fingerprint: `fp${i}`,
      };
    });
    const summary = { error: 0, warning: 0, info: 0, suppressed: 0 };
    for (const f of findings) f.suppressed ? summary.suppressed++ : summary[f.severity]++;
    const excerpts = new Map(
      findings.map((f) => [
        f.fingerprint,
        { startLine: (f.line ?? 3) - 2, line: f.line ?? 3, lines: ["import os", "", `DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"`] },
      ]),
    );
    const report: Report = {
      kind: "audit",
      tool: { name: "djship", version: "test" },
      findings,
      summary,
      catalog,
      heading: ["500 generated findings"],
      scores: areaScores(findings),
      failOn: "warning",
      exitCode: 1,
      excerpts,
    };
    const renderStart = performance.now();
    const html = renderHtml(report, { color: (_f, t) => t });
    const renderMs = performance.now() - renderStart;
    const file = join(work, "large.html");
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const loadStart = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const loadMs = performance.now() - loadStart;
    const paint = await page.evaluate(
      () => performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint")?.startTime ?? null,
    );
    assert.equal(await page.locator("article.finding").count(), 500);
    assert.deepEqual(errors, []);
    await page.locator('input[name="area"][value="config"]').uncheck();
    const filterStart = performance.now();
    await page.locator('input[name="severity"][value="info"]').uncheck();
    const filterMs = performance.now() - filterStart;
    console.log(
      `html report, 500 findings: ${(html.length / 1024).toFixed(0)} KiB rendered in ${renderMs.toFixed(0)} ms; ` +
        `Chromium load ${loadMs.toFixed(0)} ms, first contentful paint ${paint === null ? "n/a" : `${paint.toFixed(0)} ms`}, ` +
        `a filter change ${filterMs.toFixed(0)} ms`,
    );
    await page.close();
  });
});
