/**
 * djship scan against the MDN HTTP Observatory 1.4.8 on the same local targets: the hardened example
 * behind nginx, the naive one on runserver, and two small sites with a mix of weaknesses. On every
 * test the two tools share, both must find the same state (djship's outcome maps to the
 * Observatory's expectation); where they differ on purpose, the difference is named below with why.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { observatory } from "./observatory.js";
import {
  APP_HOST,
  freePort,
  type HardenedTarget,
  makePki,
  type NaiveTarget,
  type Pki,
  provisionE2e,
  runCli,
  startHardened,
  startNaive,
  startZoo,
  type ZooTarget,
} from "./servers.js";

/** djship probe → Observatory test, and djship outcome → the Observatory expectation for the same state. */
const SHARED: Record<string, { probe: string; code: string; map: Record<string, string> }> = {
  redirection: {
    code: "SCN010",
    probe: "https-redirect",
    map: {
      toHttps: "redirection-to-https",
      // The Observatory does not look at the status: a 302 to https on the same host is to-https there.
      temporary: "redirection-to-https",
      noHttp: "redirection-not-needed-no-http",
      offHost: "redirection-off-host-from-http",
      notHttpsFirst: "redirection-not-to-https-on-initial-redirection",
      notToHttps: "redirection-not-to-https",
      missing: "redirection-missing",
    },
  },
  "strict-transport-security": {
    code: "SCN015",
    probe: "hsts",
    map: {
      preloadReady: "hsts-implemented-max-age-at-least-six-months",
      notPreloadReady: "hsts-implemented-max-age-at-least-six-months",
      underOneYear: "hsts-implemented-max-age-at-least-six-months",
      short: "hsts-implemented-max-age-less-than-six-months",
      missing: "hsts-not-implemented",
      invalid: "hsts-header-invalid",
      invalidCertificate: "hsts-invalid-cert",
      noHttps: "hsts-not-implemented-no-https",
    },
  },
  "x-frame-options": {
    code: "SCN016",
    probe: "frame-options",
    map: {
      frameAncestors: "x-frame-options-implemented-via-csp",
      xFrameOptions: "x-frame-options-sameorigin-or-deny",
      allowFrom: "x-frame-options-allow-from-origin",
      missing: "x-frame-options-not-implemented",
      invalid: "x-frame-options-header-invalid",
    },
  },
  "x-content-type-options": {
    code: "SCN017",
    probe: "nosniff",
    map: {
      nosniff: "x-content-type-options-nosniff",
      missing: "x-content-type-options-not-implemented",
      invalid: "x-content-type-options-header-invalid",
    },
  },
  "referrer-policy": {
    code: "SCN018",
    probe: "referrer-policy",
    map: {
      private: "referrer-policy-private",
      missing: "referrer-policy-not-implemented",
      unsafe: "referrer-policy-unsafe",
      invalid: "referrer-policy-header-invalid",
    },
  },
  "content-security-policy": {
    code: "SCN020",
    probe: "csp",
    map: {
      strict: "csp-implemented-with-no-unsafe-default-src-none",
      implemented: "csp-implemented-with-no-unsafe",
      unsafeInlineStyle: "csp-implemented-with-unsafe-inline-in-style-src-only",
      insecurePassive: "csp-implemented-with-insecure-scheme-in-passive-content-only",
      unsafeEval: "csp-implemented-with-unsafe-eval",
      insecureScheme: "csp-implemented-with-insecure-scheme",
      unsafeInline: "csp-implemented-with-unsafe-inline",
      invalid: "csp-header-invalid",
      reportOnly: "csp-not-implemented-but-reporting-enabled",
      missing: "csp-not-implemented",
    },
  },
  "cross-origin-resource-sharing": {
    code: "SCN021",
    probe: "cors",
    map: {
      none: "cross-origin-resource-sharing-not-implemented",
      wildcard: "cross-origin-resource-sharing-implemented-with-public-access",
      // The Observatory counts * as public access whatever Access-Control-Allow-Credentials says.
      wildcardWithCredentials: "cross-origin-resource-sharing-implemented-with-public-access",
      restricted: "cross-origin-resource-sharing-implemented-with-restricted-access",
      reflects: "cross-origin-resource-sharing-implemented-with-restricted-access",
      reflectsWithCredentials: "cross-origin-resource-sharing-implemented-with-universal-access",
    },
  },
  cookies: {
    code: "SCN023",
    probe: "cookies",
    map: {
      none: "cookies-not-found",
      secure: "cookies-secure-with-httponly-sessions-and-samesite",
      withoutSameSite: "cookies-secure-with-httponly-sessions",
      withoutSecureHsts: "cookies-without-secure-flag-but-protected-by-hsts",
      withoutSecure: "cookies-without-secure-flag",
      sameSiteInvalid: "cookies-samesite-flag-invalid",
      csrfWithoutSameSite: "cookies-anticsrf-without-samesite-flag",
      sessionWithoutHttpOnly: "cookies-session-without-httponly-flag",
      sessionWithoutSecure: "cookies-session-without-secure-flag",
    },
  },
};

/** The Observatory reports one cookie result, the worst in its own order; djship reports each problem. */
const COOKIE_ORDER = [
  "cookies-without-secure-flag-but-protected-by-hsts",
  "cookies-without-secure-flag",
  "cookies-session-without-secure-flag-but-protected-by-hsts",
  "cookies-samesite-flag-invalid",
  "cookies-anticsrf-without-samesite-flag",
  "cookies-session-without-httponly-flag",
  "cookies-session-without-secure-flag",
];

/** Tests the Observatory runs and djship does not, and why. */
export const NOT_SHARED = {
  "subresource-integrity": "djship does not parse the page's <script> tags (a Django deployment's scripts are its own static files)",
  "cross-origin-resource-policy": "djship does not check CORP; it checks Cross-Origin-Opener-Policy (SCN019), which Django sets by default",
};

/** Where the two differ on purpose, by target and test: what each says and why. */
export const NAMED_DIFFERENCES: readonly { target: string; test: string; djship: string; observatory: string; why: string }[] = [
  {
    target: "naive",
    test: "cookies",
    djship: "cookies-without-secure-flag",
    observatory: "cookies-not-found",
    why: "djship also reads /admin/login/, where Django sets csrftoken; the Observatory reads only the home page (and robots.txt), which sets no cookie",
  },
  {
    target: "lax",
    test: "cross-origin-resource-sharing",
    djship: "cross-origin-resource-sharing-implemented-with-universal-access",
    observatory: "cross-origin-resource-sharing-implemented-with-restricted-access",
    why: "the site reflects any Origin with credentials; the Observatory 1.4.8 reads the Origin it sent from axios' response.request.headers, which Node's ClientRequest does not have, so it never sees the reflection (and cannot give universal-access); djship compares the Origin it sent with the one allowed",
  },
];

/** Same state, graded differently on purpose (pass = no finding or info for djship). */
export const POLICY_DIFFERENCES: Record<string, string> = {
  "redirection:redirection-to-https":
    "a temporary redirect (302, 307) to HTTPS is a warning (-5) for djship, a pass for the Observatory: browsers do not remember it, so every visit typed without https:// starts over plain HTTP",
  "content-security-policy:csp-not-implemented":
    "a missing CSP is info (-5) for djship, a failure (-25) for the Observatory: Django before 6.0 has no CSP of its own, and djship keeps the top grade for a site that does everything Django and nginx offer",
  "content-security-policy:csp-not-implemented-but-reporting-enabled":
    "report-only is a step towards a policy: info (-5) for djship, -25 for the Observatory",
  "cross-origin-resource-sharing:cross-origin-resource-sharing-implemented-with-public-access":
    "djship warns on Access-Control-Allow-Origin: * with credentials (the intent is unsafe, though browsers refuse it); the Observatory passes any *",
};

function djshipState(test: string, outcomes: readonly string[]): string {
  const shared = SHARED[test];
  if (!shared) throw new Error(`unknown test ${test}`);
  const mapped = outcomes.map((o) => shared.map[o]);
  for (const [i, m] of mapped.entries()) assert.ok(m, `${shared.probe} outcome ${outcomes[i]} has no Observatory counterpart in the map`);
  if (test === "cookies" && mapped.length > 1)
    return mapped.sort((a, b) => COOKIE_ORDER.indexOf(b as string) - COOKIE_ORDER.indexOf(a as string))[0] as string;
  return mapped[0] as string;
}

describe("djship scan agrees with the MDN HTTP Observatory", { timeout: 240_000 }, () => {
  let pki: Pki;
  let hardened: HardenedTarget;
  let naive: NaiveTarget;
  let lax: ZooTarget;
  let partial: ZooTarget;
  const seenDifferences = new Set<string>();
  const seenPolicies = new Set<string>();
  const comparisons: string[] = [];

  before(async () => {
    provisionE2e();
    pki = makePki();
    [hardened, naive, lax, partial] = await Promise.all([startHardened(pki), startNaive(), startZoo(pki, "lax"), startZoo(pki, "partial")]);
  });
  after(async () => {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
    await Promise.all([hardened?.stop(), naive?.stop(), lax?.stop(), partial?.stop()]);
    console.log(`compared ${comparisons.length} shared tests:\n  ${comparisons.join("\n  ")}`);
  });

  async function compare(target: string, djshipArgs: string[], host: string, httpPort: number, httpsPort: number) {
    const [run, theirs] = await Promise.all([
      runCli(["scan", ...djshipArgs, "--ca", pki.caCert, "--format", "json", "--fail-on", "never"]),
      observatory(pki, host, httpPort, httpsPort),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const document = JSON.parse(run.stdout);
    assertMatchesSchema("scan", document);
    const site = document.sites[0];
    assert.equal(site.error, null);
    for (const test of Object.keys(SHARED)) {
      const ours = djshipState(test, site.outcomes[SHARED[test]?.probe as string] ?? []);
      const their = theirs.tests[test]?.result;
      assert.ok(their, `the Observatory has no ${test} result`);
      const named = NAMED_DIFFERENCES.find((d) => d.target === target && d.test === test);
      if (ours === their) {
        assert.ok(!named, `${target}/${test}: named difference no longer happens (both say ${ours})`);
        comparisons.push(`${target} ${test}: both ${ours}`);
        const djshipPasses = !document.findings.some(
          (f: { rule: string; severity: string }) => f.rule === SHARED[test]?.code && (f.severity === "warning" || f.severity === "error"),
        );
        if (djshipPasses !== theirs.tests[test]?.pass) {
          assert.ok(
            POLICY_DIFFERENCES[`${test}:${their}`],
            `${target}/${test} (${their}): djship ${djshipPasses ? "passes" : "fails"} it, the Observatory does not`,
          );
          seenPolicies.add(`${test}:${their}`);
        }
      } else {
        assert.ok(named, `${target}/${test}: djship says ${ours}, the Observatory ${their}`);
        assert.deepEqual([named.djship, named.observatory], [ours, their], `${target}/${test}`);
        seenDifferences.add(`${target}/${test}`);
        comparisons.push(`${target} ${test}: djship ${ours}, Observatory ${their} (named: ${named.why})`);
      }
    }
    return { site, document, theirs };
  }

  test("the hardened example behind nginx", async () => {
    const { site, theirs } = await compare(
      "hardened",
      [hardened.httpUrl, ...hardened.resolve.flatMap((r) => ["--resolve", r])],
      APP_HOST,
      hardened.httpPort,
      hardened.httpsPort,
    );
    assert.equal(site.grade, "A+");
    // The Observatory's B: no CSP costs 25 there, 5 here (POLICY_DIFFERENCES), and no CORP bonus.
    assert.equal(theirs.grade, "B");
  });

  test("the naive example on runserver", async () => {
    const closed = await freePort();
    const { document } = await compare("naive", [naive.url], "127.0.0.1", naive.port, closed);
    const cookie = document.findings.find((f: { rule: string }) => f.rule === "SCN023");
    assert.match(cookie.url, /\/admin\/login\/$/, "the cookie difference comes from the admin login page");
  });

  test("a site with lax headers", async () => {
    await compare("lax", [lax.url], "127.0.0.1", lax.httpPort, lax.httpsPort);
  });

  test("a half-hardened site", async () => {
    await compare("partial", [partial.url], "127.0.0.1", partial.httpPort, partial.httpsPort);
  });

  test("every named difference was seen", () => {
    for (const d of NAMED_DIFFERENCES) assert.ok(seenDifferences.has(`${d.target}/${d.test}`), `${d.target}/${d.test} never differed`);
    for (const key of Object.keys(POLICY_DIFFERENCES)) assert.ok(seenPolicies.has(key), `policy difference ${key} never happened`);
  });
});
