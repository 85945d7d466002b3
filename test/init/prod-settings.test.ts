/**
 * The production settings init writes, as running Django sees them: loaded by real Django 4.2 and
 * 5.2 for each way of reading the environment (django-environ, os.environ, python-decouple) and
 * asked, through Django's own test client and APIs, what a deployment would get. LOGGING writes JSON
 * lines to stdout; Sentry is initialised with the DSN when one is set and not imported otherwise
 * (sentry-sdk 2, the series init's range names; no event is sent, so nothing reaches the network);
 * a response carries Content-Security-Policy-Report-Only (django-csp before Django 6.0) and the
 * documented rename enforces it; WhiteNoise sits right after SecurityMiddleware in the MIDDLEWARE
 * Django loads; a key from SECRET_KEY_FALLBACKS still validates; NAME_FILE secrets are read, NAME
 * and NAME_FILE both set is an error naming both, and a missing SECRET_KEY an error naming it.
 * Django 6.0's own CSP is not run here: 6.0 needs Python 3.12 and the tests run bookworm's 3.11.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { InitPlan } from "../../src/init/types.js";
import { provisionE2e } from "../e2e/servers.js";
import { SENTRY_LIBRARIES, STACK_32_LIBRARIES } from "../helpers/python.js";
import { CHECK_DEPLOY_ARGS, cleanup, lazyInit, manage, productionEnvironment } from "./harness.js";

provisionE2e();
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

const SERIES = ["4.2", "5.2"];
const MARK = "PROBE ";

/**
 * Runs `code` in `manage.py shell` under the production settings; returns what it printed after
 * MARK as JSON and every other stdout line (the log records) apart.
 */
async function probe(
  dir: string,
  series: string,
  env: Record<string, string>,
  code: string,
  leadingPath: readonly string[] = [],
): Promise<{ result: Record<string, unknown>; logLines: string[] }> {
  // -v 0: Django 5.2's shell otherwise says on stdout how many names it imported.
  const run = await manage(dir, series, ["shell", "-v", "0", "-c", code], env, [], [...leadingPath, SENTRY_LIBRARIES]);
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  const lines = run.stdout.split("\n").filter((line) => line !== "");
  const mark = lines.find((line) => line.startsWith(MARK));
  assert.ok(mark, `no ${MARK}line in ${run.stdout}`);
  return { result: JSON.parse(mark.slice(MARK.length)) as Record<string, unknown>, logLines: lines.filter((l) => l !== mark) };
}

/** The last line of a failed settings load, the exception Python printed, without its module. */
async function loadFailure(dir: string, env: Record<string, string>): Promise<string> {
  const run = await manage(dir, "5.2", ["shell", "-v", "0", "-c", "from django.conf import settings; settings.SECRET_KEY"], env);
  assert.notEqual(run.code, 0, "the settings loaded");
  return (run.stderr.trimEnd().split("\n").at(-1) ?? "").replace(/^[\w.]+\.(?=\w+: )/, "");
}

/** A policy's directives, sorted: django-csp does not keep the order the settings give them in. */
function directives(policy: string | undefined): string[] | undefined {
  return policy?.split("; ").sort();
}

const POLICY = ["default-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "img-src 'self' data:"];

const RESPONSE_PROBE = [
  "import json, logging",
  "from django.conf import settings",
  "from django.test import Client",
  "host = settings.ALLOWED_HOSTS[0].lstrip('.')",
  // As the proxy forwards it: over TLS, said in X-Forwarded-Proto.
  "r = Client().get('/djship-probe-missing/', HTTP_HOST=host, HTTP_X_FORWARDED_PROTO='https')",
  "log = logging.getLogger('djship.probe')",
  "log.warning('hello %s', 'world')",
  "try:\n    1 / 0\nexcept ZeroDivisionError:\n    log.exception('it failed')",
  "out = {'status': r.status_code, 'headers': dict(r.items()), 'middleware': list(settings.MIDDLEWARE)}",
  `print(${JSON.stringify(MARK)} + json.dumps(out), flush=True)`,
].join("\n");

const SENTRY_PROBE = [
  "import json, sys",
  "from django.conf import settings",
  "out = {'imported': 'sentry_sdk' in sys.modules}",
  "if out['imported']:",
  "    import sentry_sdk",
  "    c = sentry_sdk.get_client()",
  "    out.update(active=c.is_active(), dsn=str(c.dsn), environment=c.options['environment'], traces=c.options['traces_sample_rate'], pii=c.options['send_default_pii'], django='django' in c.integrations)",
  `print(${JSON.stringify(MARK)} + json.dumps(out), flush=True)`,
].join("\n");

const FALLBACK_PROBE = [
  "import json",
  "from django.conf import settings",
  "from django.core import signing",
  "from django.contrib.auth.models import User",
  "from django.contrib.auth.tokens import PasswordResetTokenGenerator",
  "def loads(signed):\n    try:\n        return signing.loads(signed)\n    except signing.BadSignature:\n        return 'rejected'",
  "user = User(pk=7, username='ann', password='pbkdf2_sha256$1$salt$hash', email='ann@example.com')",
  "old = PasswordResetTokenGenerator()",
  "old.secret = 'old-key-2'",
  "out = {",
  "    'fallbacks': len(settings.SECRET_KEY_FALLBACKS),",
  "    'current': loads(signing.dumps({'v': 0})),",
  "    'old': loads(signing.dumps({'v': 2}, key='old-key-2')),",
  "    'stranger': loads(signing.dumps({'v': 3}, key='never-a-key')),",
  "    'reset_token': PasswordResetTokenGenerator().check_token(user, old.make_token(user)),",
  "}",
  `print(${JSON.stringify(MARK)} + json.dumps(out), flush=True)`,
].join("\n");

const TRAPS_PROBE = [
  "import json",
  "from django.conf import settings",
  "from django.middleware.csrf import CsrfViewMiddleware, get_token",
  "from django.test import Client, RequestFactory",
  "host = settings.ALLOWED_HOSTS[0].lstrip('.')",
  "client = Client()",
  // A load balancer's probe: an IP address as Host, plain HTTP.
  "health = client.get('/healthz', HTTP_HOST='10.0.0.7')",
  "plain = client.get('/some/page/', HTTP_HOST=host)",
  "by_ip = client.get('/some/page/', HTTP_HOST='10.0.0.7', HTTP_X_FORWARDED_PROTO='https')",
  "rf = RequestFactory()",
  // A form posted from ORIGIN with a valid cookie and token, as the proxy forwards it (or without
  // the proxy's X-Forwarded-Proto): only the Origin check can refuse it.
  "def origin_ok(origin, proto='https'):\n    extra = {'HTTP_X_FORWARDED_PROTO': proto} if proto else {}\n    page = rf.get('/', HTTP_HOST=host, **extra)\n    token = get_token(page)\n    post = rf.post('/form/', HTTP_HOST=host, HTTP_ORIGIN=origin, HTTP_X_CSRFTOKEN=token, **extra)\n    post.COOKIES[settings.CSRF_COOKIE_NAME] = page.META['CSRF_COOKIE']\n    middleware = CsrfViewMiddleware(lambda request: None)\n    middleware.process_request(post)\n    return middleware.process_view(post, lambda request: None, (), {}) is None",
  "db = settings.DATABASES['default']",
  "out = {",
  "    'healthz': [health.status_code, json.loads(health.content)],",
  "    'plain_http': [plain.status_code, plain.get('Location')],",
  "    'ip_host': by_ip.status_code,",
  "    'csrf': [origin_ok('https://' + host), origin_ok('https://' + host, None), origin_ok('https://evil.example.org')],",
  "    'db': [db['CONN_MAX_AGE'], db.get('DISABLE_SERVER_SIDE_CURSORS', False), db.get('OPTIONS', {}).get('pool')],",
  "}",
  `print(${JSON.stringify(MARK)} + json.dumps(out), flush=True)`,
].join("\n");

/** The secret values the _FILE probe compares inside Python, so no secret is printed. */
const KEY_IN_FILE = "key-from-a-mounted-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
const FILE_PROBE = [
  "import json",
  "from django.conf import settings",
  `print(${JSON.stringify(MARK)} + json.dumps({'key': settings.SECRET_KEY == ${JSON.stringify(KEY_IN_FILE)}, 'db_password': settings.DATABASES['default']['PASSWORD'] == 'pw-from-file', 'db_host': settings.DATABASES['default']['HOST'], 'cache': settings.CACHES['default']['LOCATION']}), flush=True)`,
].join("\n");

/** The production module's file. */
function productionFile(dir: string, plan: InitPlan): string {
  return join(dir, `${plan.settings.production.split(".").join("/")}.py`);
}

// One fixture per way of reading the environment: django-environ, os.environ, python-decouple.
for (const fixture of ["init-startproject", "init-split", "init-decouple-poetry"])
  describe(`${fixture}: the production settings at run time`, () => {
    const { dir, initialised } = lazyInit(fixture, dirs);
    const environment = async () => {
      const plan = await initialised();
      const env: Record<string, string> = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
      return { plan, env };
    };

    for (const series of SERIES) {
      test(`Django ${series}: LOGGING writes one JSON object a line on stdout, Django's own records included`, async () => {
        const { env } = await environment();
        const { logLines } = await probe(dir, series, env, RESPONSE_PROBE);
        const records = logLines.map((line): Record<string, unknown> => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return assert.fail(`a stdout line is not JSON: ${line}`);
          }
        });
        for (const record of records) {
          assert.deepEqual(
            Object.keys(record).filter((k) => k !== "exception"),
            ["time", "level", "logger", "message"],
          );
          assert.match(String(record.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$/);
        }
        const brief = records.map((r) => [r.logger, r.level, r.message]);
        assert.deepEqual(brief, [
          ["django.request", "WARNING", "Not Found: /djship-probe-missing/"],
          ["djship.probe", "WARNING", "hello world"],
          ["djship.probe", "ERROR", "it failed"],
        ]);
        assert.match(String(records[2]?.exception), /Traceback[\s\S]*ZeroDivisionError: division by zero$/);
      });

      test(`Django ${series}: a response carries the CSP in report-only mode and the security headers; WhiteNoise right after SecurityMiddleware`, async () => {
        const { env } = await environment();
        const { result } = await probe(dir, series, env, RESPONSE_PROBE);
        const headers = result.headers as Record<string, string>;
        assert.equal(result.status, 404);
        assert.deepEqual(directives(headers["Content-Security-Policy-Report-Only"]), POLICY);
        assert.equal(headers["Content-Security-Policy"], undefined, "report-only: nothing enforced yet");
        assert.equal(headers["Strict-Transport-Security"], "max-age=31536000; includeSubDomains");
        assert.equal(headers["X-Frame-Options"], "DENY");
        assert.equal(headers["X-Content-Type-Options"], "nosniff");
        assert.equal(headers["Referrer-Policy"], "same-origin");
        assert.equal(headers["Cross-Origin-Opener-Policy"], "same-origin");
        const middleware = result.middleware as string[];
        const security = middleware.indexOf("django.middleware.security.SecurityMiddleware");
        assert.ok(security >= 0, middleware.join(", "));
        assert.equal(middleware[security + 1], "whitenoise.middleware.WhiteNoiseMiddleware");
        assert.equal(middleware.filter((m) => m.includes("WhiteNoise")).length, 1);
        assert.match(middleware[0] ?? "", /\.healthz\.HealthCheckMiddleware$/, "the health check first");
      });

      test(`Django ${series}: the documented switch enforces the CSP`, async () => {
        const { plan, env } = await environment();
        const file = productionFile(dir, plan);
        const text = readFileSync(file, "utf8");
        // The comment above the setting says how: rename it.
        assert.match(text, /enforce with CONTENT_SECURITY_POLICY instead of CONTENT_SECURITY_POLICY_REPORT_ONLY/);
        const enforced = text.replace("CONTENT_SECURITY_POLICY_REPORT_ONLY = {", "CONTENT_SECURITY_POLICY = {");
        assert.notEqual(enforced, text);
        writeFileSync(file.replace(/\.py$/, "_enforced.py"), enforced);
        const { result } = await probe(
          dir,
          series,
          { ...env, DJANGO_SETTINGS_MODULE: `${plan.settings.production}_enforced` },
          RESPONSE_PROBE,
        );
        const headers = result.headers as Record<string, string>;
        assert.deepEqual(directives(headers["Content-Security-Policy"]), POLICY);
        assert.equal(headers["Content-Security-Policy-Report-Only"], undefined);
      });

      test(`Django ${series}: Sentry is initialised with SENTRY_DSN, and not imported without it`, async () => {
        const { env } = await environment();
        const off = await probe(dir, series, { ...env, SENTRY_DSN: "" }, SENTRY_PROBE);
        assert.deepEqual(off.result, { imported: false });
        // A DSN on the discard port of loopback: nothing listens, and no event is captured anyway.
        const dsn = "http://0123456789abcdef@127.0.0.1:9/42";
        const on = await probe(
          dir,
          series,
          { ...env, SENTRY_DSN: dsn, SENTRY_ENVIRONMENT: "staging", SENTRY_TRACES_SAMPLE_RATE: "0.25" },
          SENTRY_PROBE,
        );
        assert.deepEqual(on.result, {
          imported: true,
          active: true,
          dsn,
          environment: "staging",
          traces: 0.25,
          pii: false,
          django: true,
        });
      });

      test(`Django ${series}: SECRET_KEY_FALLBACKS: a value signed with an old key still validates while it is listed`, async () => {
        const { env } = await environment();
        const listed = await probe(dir, series, { ...env, DJANGO_SECRET_KEY_FALLBACKS: "old-key-1,old-key-2" }, FALLBACK_PROBE);
        assert.deepEqual(listed.result, { fallbacks: 2, current: { v: 0 }, old: { v: 2 }, stranger: "rejected", reset_token: true });
        const dropped = await probe(dir, series, { ...env, DJANGO_SECRET_KEY_FALLBACKS: "" }, FALLBACK_PROBE);
        assert.deepEqual(dropped.result, { fallbacks: 0, current: { v: 0 }, old: "rejected", stranger: "rejected", reset_token: false });
      });
    }

    test("Django 5.2: the traps: /healthz by IP over HTTP, the HTTPS redirect, ALLOWED_HOSTS, CSRF behind TLS, the pooler's settings", async () => {
      const { plan, env } = await environment();
      // Nothing listens on the discard port: the database and the cache fail at once, as when down.
      const down = { ...env, DATABASE_URL: "postgres://app:pw@127.0.0.1:9/app", REDIS_URL: "redis://127.0.0.1:9/0" };
      const { result } = await probe(dir, "5.2", down, TRAPS_PROBE);
      const host = env.DJANGO_ALLOWED_HOSTS?.split(",")[0] ?? "";
      const pool = plan.choices.find((c) => c.id === "database-pooling")?.value === "django";
      assert.deepEqual(result, {
        // Answered before host validation and the redirect: 503 says what is down, never 400 or 301.
        healthz: [503, { status: "unavailable", database: false, cache: false }],
        plain_http: [301, `https://${host}/some/page/`],
        ip_host: 400,
        // Behind the proxy's X-Forwarded-Proto the origin is the site's own; without it,
        // CSRF_TRUSTED_ORIGINS (derived from ALLOWED_HOSTS) still accepts it; another site never.
        csrf: [true, true, false],
        // Django's pool needs CONN_MAX_AGE = 0; behind pgbouncer in transaction mode, no server-side cursors.
        db: pool ? [0, false, { min_size: 1, max_size: 4, timeout: 10 }] : [60, true, null],
      });
    });

    test("Django 5.2: NAME_FILE is read (its newline dropped) beside the empty NAME .env.example leaves", async () => {
      const { env } = await environment();
      writeFileSync(join(dir, "secret-key"), `${KEY_IN_FILE}\n`);
      writeFileSync(join(dir, "database-url"), "postgres://app:pw-from-file@db-from-file:5432/app\n");
      writeFileSync(join(dir, "redis-url"), "redis://:pw@redis-from-file:6379/0\n");
      const { DATABASE_URL: _url, REDIS_URL: _redis, ...rest } = env;
      const { result } = await probe(
        dir,
        "5.2",
        {
          ...rest,
          DJANGO_SECRET_KEY: "",
          DJANGO_SECRET_KEY_FILE: join(dir, "secret-key"),
          DATABASE_URL_FILE: join(dir, "database-url"),
          REDIS_URL_FILE: join(dir, "redis-url"),
        },
        FILE_PROBE,
      );
      assert.deepEqual(result, { key: true, db_password: true, db_host: "db-from-file", cache: "redis://:pw@redis-from-file:6379/0" });
    });

    test("NAME and NAME_FILE both set: the settings refuse to load, naming both", async () => {
      const { env } = await environment();
      writeFileSync(join(dir, "secret-key"), `${KEY_IN_FILE}\n`);
      assert.equal(
        await loadFailure(dir, { ...env, DJANGO_SECRET_KEY_FILE: join(dir, "secret-key") }),
        "AmbiguousVariable: DJANGO_SECRET_KEY and DJANGO_SECRET_KEY_FILE are both set: set only one of them",
      );
    });

    test("no SECRET_KEY (unset, or empty as in .env.example): an error naming the variable", async () => {
      const { env } = await environment();
      const { DJANGO_SECRET_KEY: _key, ...unset } = env;
      const message = "MissingVariable: Set the DJANGO_SECRET_KEY environment variable (or DJANGO_SECRET_KEY_FILE, a file holding it)";
      assert.equal(await loadFailure(dir, unset), message);
      assert.equal(await loadFailure(dir, { ...unset, DJANGO_SECRET_KEY: "" }), message);
    });
  });

describe("--domain '*.example.com': every subdomain allowed, as Django spells it", () => {
  const { dir, initialised } = lazyInit("init-startproject", dirs, { domain: "*.example.com" });
  const HOSTS = ["example.com", "shop.example.com", "a.b.example.com", "example.org", "badexample.com"];
  const ORIGINS = [
    "https://www.example.com",
    "https://shop.example.com",
    "https://example.com",
    "https://evil.org",
    "http://shop.example.com",
  ];
  const WILDCARD_PROBE = [
    "import json",
    "from django.conf import settings",
    "from django.core.exceptions import DisallowedHost",
    "from django.middleware.csrf import CsrfViewMiddleware, get_token",
    "from django.test import RequestFactory",
    "rf = RequestFactory()",
    "def host_ok(host):\n    try:\n        rf.get('/', HTTP_HOST=host).get_host()\n        return True\n    except DisallowedHost:\n        return False",
    // A form posted to www.example.com from ORIGIN over TLS, with a valid cookie and token: only the
    // Origin check can refuse it.
    "def origin_ok(origin):\n    page = rf.get('/', HTTP_HOST='www.example.com', HTTP_X_FORWARDED_PROTO='https')\n    token = get_token(page)\n    post = rf.post('/form/', HTTP_HOST='www.example.com', HTTP_X_FORWARDED_PROTO='https', HTTP_ORIGIN=origin, HTTP_X_CSRFTOKEN=token)\n    post.COOKIES[settings.CSRF_COOKIE_NAME] = page.META['CSRF_COOKIE']\n    middleware = CsrfViewMiddleware(lambda request: None)\n    middleware.process_request(post)\n    return middleware.process_view(post, lambda request: None, (), {}) is None",
    `out = {'allowed': settings.ALLOWED_HOSTS, 'trusted': settings.CSRF_TRUSTED_ORIGINS, 'hosts': {h: host_ok(h) for h in ${JSON.stringify(HOSTS)}}, 'origins': {o: origin_ok(o) for o in ${JSON.stringify(ORIGINS)}}}`,
    `print(${JSON.stringify(MARK)} + json.dumps(out), flush=True)`,
  ].join("\n");

  test(".env.example: ALLOWED_HOSTS .example.com, CSRF_TRUSTED_ORIGINS https://*.example.com", async () => {
    const plan = await initialised();
    const env = productionEnvironment(dir, plan);
    assert.equal(env.DJANGO_ALLOWED_HOSTS, ".example.com");
    assert.equal(env.DJANGO_CSRF_TRUSTED_ORIGINS, "https://*.example.com");
  });

  for (const series of SERIES)
    test(`Django ${series}: check --deploy passes; subdomains are allowed hosts and trusted origins, other domains are not`, async () => {
      const plan = await initialised();
      const env: Record<string, string> = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
      const check = await manage(dir, series, CHECK_DEPLOY_ARGS, env);
      assert.equal(check.code, 0, `${check.stdout}\n${check.stderr.slice(-3000)}`);
      const expected = {
        hosts: { "example.com": true, "shop.example.com": true, "a.b.example.com": true, "example.org": false, "badexample.com": false },
        origins: {
          "https://www.example.com": true,
          "https://shop.example.com": true,
          "https://example.com": true,
          "https://evil.org": false,
          "http://shop.example.com": false,
        },
      };
      // As .env.example says, and as the default derived from ALLOWED_HOSTS alone.
      const { DJANGO_CSRF_TRUSTED_ORIGINS: _trusted, ...derived } = env;
      for (const variables of [env, derived]) {
        const { result } = await probe(dir, series, variables, WILDCARD_PROBE);
        assert.deepEqual(result.allowed, [".example.com"]);
        assert.deepEqual(result.trusted, ["https://*.example.com"]);
        assert.deepEqual({ hosts: result.hosts, origins: result.origins }, expected);
      }
    });
});

describe("Django 3.2: django-csp 3 (4.0 needs Django 4.2), its settings, and its switch to enforce", () => {
  const { dir, initialised } = lazyInit("init-startproject", dirs, {}, (d) =>
    writeFileSync(join(d, "requirements.txt"), "Django>=3.2,<4.0\n"),
  );

  test("check --deploy passes; a response carries the policy report-only, and CSP_REPORT_ONLY = False enforces it", async () => {
    const plan = await initialised();
    assert.equal(plan.detected.djangoVersion, "3.2");
    const env: Record<string, string> = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
    const check = await manage(dir, "3.2", CHECK_DEPLOY_ARGS, env, [], [STACK_32_LIBRARIES]);
    assert.equal(check.code, 0, `${check.stdout}\n${check.stderr.slice(-3000)}`);
    const reportOnly = (await probe(dir, "3.2", env, RESPONSE_PROBE, [STACK_32_LIBRARIES])).result.headers as Record<string, string>;
    assert.deepEqual(directives(reportOnly["Content-Security-Policy-Report-Only"]), POLICY);
    assert.equal(reportOnly["Content-Security-Policy"], undefined);
    const file = productionFile(dir, plan);
    const text = readFileSync(file, "utf8");
    assert.match(text, /enforce with CSP_REPORT_ONLY = False/);
    writeFileSync(file.replace(/\.py$/, "_enforced.py"), text.replace("CSP_REPORT_ONLY = True", "CSP_REPORT_ONLY = False"));
    const enforced = (
      await probe(dir, "3.2", { ...env, DJANGO_SETTINGS_MODULE: `${plan.settings.production}_enforced` }, RESPONSE_PROBE, [
        STACK_32_LIBRARIES,
      ])
    ).result.headers as Record<string, string>;
    assert.deepEqual(directives(enforced["Content-Security-Policy"]), POLICY);
    assert.equal(enforced["Content-Security-Policy-Report-Only"], undefined);
  });
});
