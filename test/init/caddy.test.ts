/**
 * --proxy caddy on real components: the Caddyfile init writes passes Caddy's own `caddy validate`
 * (Debian's caddy 2.6) for both targets on every fixture, the compose file with the Caddy service
 * passes `docker-compose config`, and a real Caddy on loopback, in front of gunicorn running a
 * fixture's production settings, serves a page over HTTPS (Django sees the request as secure through
 * X-Forwarded-Proto), static files with long caching for hashed names and compression, redirects
 * HTTP to HTTPS, passes /healthz by IP to the app, and refuses a body over Django's limit.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { audit } from "../../src/audit.js";
import type { InitPlan } from "../../src/init/types.js";
import { Child, freePort, provisionE2e, waitForHttp } from "../e2e/servers.js";
import { djangoPath, isolatedArgs, PYTHON, SERVER_LIBRARIES, STACK_LIBRARIES } from "../helpers/python.js";
import { CASES } from "./cases.js";
import { cleanup, copyFixture, initAndCheck, manage, productionEnvironment } from "./harness.js";

provisionE2e();
const CADDY = "/usr/bin/caddy";
const DOMAIN = "shop.example.org";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

/**
 * Only what this machine lacks is rewritten: the loopback ports, a certificate from Caddy's own
 * local CA instead of Let's Encrypt (nothing leaves the machine), no admin endpoint, storage in the
 * test's folder; the upstream and the static and media folders where the test keeps them.
 */
function localise(
  caddyfile: string,
  options: { httpPort: number; httpsPort: number; upstream?: string; staticRoot: string; mediaRoot: string },
): string {
  const global = [
    "{",
    `\thttp_port ${options.httpPort}`,
    `\thttps_port ${options.httpsPort}`,
    "\tlocal_certs",
    "\tskip_install_trust",
    "\tadmin off",
    "}",
    "",
  ].join("\n");
  let text = caddyfile
    .replace(/root \* \/srv\/static|root \* \/var\/lib\/[\w-]+\/static/g, `root * ${options.staticRoot}`)
    .replace(/root \* \/srv\/[\w-]*\/?media/g, `root * ${options.mediaRoot}`);
  if (options.upstream) text = text.replace(/reverse_proxy \S+ \{/g, `reverse_proxy ${options.upstream} {`);
  return `${global}${text}`;
}

/** Caddy's environment: its data and configuration folders in the test's folder, so no root and no $HOME are needed. */
function caddyEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: "/usr/bin:/bin", HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "config") };
}

for (const { name: fixture, celery } of CASES)
  describe(`${fixture}: --proxy caddy`, () => {
    const dir = copyFixture(fixture);
    dirs.push(dir);
    let ready: Promise<InitPlan> | undefined;
    const initialised = () => {
      ready ??= initAndCheck(dir, { targets: ["compose", "systemd"], proxy: "caddy", domain: DOMAIN });
      return ready;
    };

    test("the plan writes a Caddyfile per target and no nginx site, and its own audit finds no error it brings", async () => {
      const plan = await initialised();
      const written = plan.files.map((f) => f.path);
      assert.ok(written.includes("deploy/caddy/Caddyfile"));
      assert.ok(written.includes("deploy/caddy/Caddyfile-systemd"));
      assert.ok(!written.some((p) => p.startsWith("deploy/nginx/")), written.join(", "));
      assert.equal(plan.choices.find((c) => c.id === "proxy")?.value, "caddy");
      assert.deepEqual(
        plan.audit.errors.filter((e) => e.introduced),
        [],
      );
    });

    test("djship audit reads the Caddyfiles as the proxy: no warning on them, none about a missing proxy or proxy header", async () => {
      await initialised();
      const result = await audit(dir);
      const findings = result.findings.filter((f) => !f.suppressed && f.severity !== "info");
      assert.deepEqual(
        findings.filter((f) => f.file?.startsWith("deploy/caddy/")).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
        [],
      );
      // SRV107: no reverse proxy; SEC202: TLS terminated without SECURE_PROXY_SSL_HEADER; SEC203: a redirect loop.
      assert.deepEqual(
        findings.filter((f) => ["SRV107", "SEC202", "SEC203", "SRV106"].includes(f.rule)).map((f) => `${f.rule} ${f.message}`),
        [],
      );
      // Not vacuous: the audit read the Caddyfile (STC108's note that WhiteNoise serves /static/ too).
      assert.ok(
        result.findings.some((f) => f.file === "deploy/caddy/Caddyfile"),
        "the audit read the Caddyfile",
      );
    });

    test("caddy validate accepts both Caddyfiles", async () => {
      await initialised();
      for (const name of ["Caddyfile", "Caddyfile-systemd"]) {
        const work = join(dir, `.caddy-validate-${name}`);
        mkdirSync(work, { recursive: true });
        const config = join(work, "Caddyfile");
        const text = readFileSync(join(dir, "deploy/caddy", name), "utf8");
        writeFileSync(config, localise(text, { httpPort: 18080, httpsPort: 18443, staticRoot: work, mediaRoot: work }));
        const result = spawnSync(CADDY, ["validate", "--adapter", "caddyfile", "--config", config], {
          encoding: "utf8",
          env: caddyEnv(work),
          timeout: 60_000,
        });
        assert.equal(result.status, 0, `${name}:\n${result.stderr.slice(-3000)}`);
        assert.match(result.stdout + result.stderr, /Valid configuration/);
      }
    });

    test("compose: a Caddy service on a pinned image with its data and config volumes, no nginx or certbot; docker-compose config accepts it", async () => {
      await initialised();
      const compose = parseYaml(readFileSync(join(dir, "compose.production.yaml"), "utf8"), { merge: true }) as {
        services: Record<string, { image?: string; volumes?: string[]; ports?: string[] }>;
        volumes: Record<string, unknown>;
      };
      const caddy = compose.services.caddy;
      assert.match(caddy?.image ?? "", /^caddy:\d+\.\d+\.\d+-alpine$/);
      assert.deepEqual(
        (caddy?.volumes ?? []).filter((v) => /^caddy-(data|config):/.test(v)),
        ["caddy-data:/data", "caddy-config:/config"],
      );
      assert.ok(caddy?.volumes?.includes("./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro"));
      assert.ok(caddy?.volumes?.includes("static:/srv/static:ro"));
      assert.ok(caddy?.volumes?.includes("media:/srv/media:ro"));
      assert.ok(!("nginx" in compose.services) && !("certbot" in compose.services));
      assert.ok("caddy-data" in compose.volumes && !("letsencrypt" in compose.volumes));
      assert.equal(Boolean(compose.services.worker), celery !== undefined);
      const example = readFileSync(join(dir, ".env.example"), "utf8");
      writeFileSync(join(dir, ".env"), example.replace(/^POSTGRES_PASSWORD=$/m, "POSTGRES_PASSWORD=test"));
      const result = spawnSync("/usr/bin/docker-compose", ["-f", "compose.production.yaml", "config", "-q"], {
        cwd: dir,
        encoding: "utf8",
      });
      assert.equal(result.status, 0, result.stderr);
    });

    test("systemd: Gunicorn's socket is Caddy's to open; the Caddyfile proxies to it and serves the release unit's static files", async () => {
      const plan = await initialised();
      const project = (plan.settings.production.split(".")[0] as string).replace(/[^a-z0-9-]/gi, "-").toLowerCase();
      const socket = readFileSync(join(dir, `deploy/systemd/${project}-gunicorn.socket`), "utf8");
      assert.match(socket, /^SocketUser=caddy$/m);
      const site = readFileSync(join(dir, "deploy/caddy/Caddyfile-systemd"), "utf8");
      assert.ok(site.includes(`reverse_proxy unix//run/${project}/gunicorn.sock {`), site);
      assert.ok(site.includes(`root * /var/lib/${project}/static`));
      const release = readFileSync(join(dir, `deploy/systemd/${project}-migrate.service`), "utf8");
      assert.match(release, new RegExp(`^Environment=DJANGO_STATIC_ROOT=/var/lib/${project}/static$`, "m"));
    });
  });

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

describe("Caddy serving in front of gunicorn (init-startproject, Django 4.2 production settings)", () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  const children: Child[] = [];
  let ports: { http: number; https: number; app: number };
  let ca: string;
  let hashedCss: string;

  before(async () => {
    const plan = await initAndCheck(dir, { proxy: "caddy", domain: DOMAIN });
    ports = { http: await freePort(), https: await freePort(), app: await freePort() };
    const staticRoot = join(dir, ".serve/static");
    const mediaRoot = join(dir, ".serve/media");
    mkdirSync(mediaRoot, { recursive: true });
    writeFileSync(join(mediaRoot, "upload.txt"), "an upload\n");
    // The database and Redis are not running: ports nobody listens on, refused at once, so that
    // /healthz answers 503 from the app, which is what shows the request reached it.
    const env: Record<string, string> = {
      ...productionEnvironment(dir, plan),
      DJANGO_SETTINGS_MODULE: plan.settings.production,
      DJANGO_STATIC_ROOT: staticRoot,
      DJANGO_MEDIA_ROOT: mediaRoot,
      DATABASE_URL: "postgres://app:app@127.0.0.1:1/app",
      REDIS_URL: "redis://127.0.0.1:1/0",
    };
    const collected = await manage(dir, "4.2", ["collectstatic", "--noinput", "-v0"], env);
    assert.equal(collected.code, 0, collected.stderr.slice(-3000));
    const manifest = JSON.parse(readFileSync(join(staticRoot, "staticfiles.json"), "utf8")) as { paths: Record<string, string> };
    hashedCss = manifest.paths["admin/css/base.css"] as string;
    const path = [...djangoPath("4.2"), SERVER_LIBRARIES, STACK_LIBRARIES];
    const gunicorn = new Child(PYTHON, isolatedArgs(path, ["-m", "gunicorn", "--config", "gunicorn.conf.py", "--workers", "1"]), {
      cwd: dir,
      env: { ...env, PATH: "/usr/bin:/bin", GUNICORN_BIND: `127.0.0.1:${ports.app}`, FORWARDED_ALLOW_IPS: "127.0.0.1" },
    });
    children.push(gunicorn);
    // Straight to gunicorn, the page is redirected to HTTPS (a 301 counts as an answer); /healthz is a 503 here.
    await waitForHttp(ports.app, "/admin/login/", DOMAIN, 60_000, () => gunicorn.output);
    const work = join(dir, ".serve/caddy");
    mkdirSync(work, { recursive: true });
    const config = join(work, "Caddyfile");
    const site = readFileSync(join(dir, "deploy/caddy/Caddyfile"), "utf8");
    writeFileSync(
      config,
      localise(site, { httpPort: ports.http, httpsPort: ports.https, upstream: `127.0.0.1:${ports.app}`, staticRoot, mediaRoot }),
    );
    const caddy = new Child(CADDY, ["run", "--adapter", "caddyfile", "--config", config], { cwd: work, env: caddyEnv(work) });
    children.push(caddy);
    await waitForHttp(ports.http, "/caddy-health", "127.0.0.1", 30_000, () => caddy.output);
    // The root of Caddy's local CA, which signed the site's certificate: the client trusts it, and only it.
    const root = join(work, "data/caddy/pki/authorities/local/root.crt");
    for (let i = 0; i < 100 && !safeRead(root); i++) await new Promise((r) => setTimeout(r, 100));
    ca = readFileSync(root, "utf8");
  });
  after(async () => {
    for (const child of children.reverse()) await child.stop();
  });

  const https = (path: string, options: { method?: string; body?: Buffer; headers?: Record<string, string> } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          port: ports.https,
          servername: DOMAIN,
          ca,
          path,
          method: options.method ?? "GET",
          headers: { Host: DOMAIN, ...options.headers },
          timeout: 30_000,
        },
        (res) => collect(res, resolve),
      );
      req.on("error", reject);
      req.end(options.body);
    });
  const http = (path: string, host: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: ports.http, path, headers: { Host: host }, timeout: 30_000 }, (res) =>
        collect(res, resolve),
      );
      req.on("error", reject);
      req.end();
    });

  test("a page over HTTPS: Django takes the request as secure (X-Forwarded-Proto from Caddy), so no redirect, and sends HSTS", async () => {
    const page = await https("/admin/login/");
    assert.equal(page.status, 200, page.body.toString().slice(0, 500));
    assert.match(page.body.toString(), /csrfmiddlewaretoken/);
    assert.equal(page.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
    assert.equal(page.headers.server, "Caddy");
  });

  test("a hashed static file from STATIC_ROOT: a year, immutable, compressed; an unhashed one an hour", async () => {
    const css = await https(`/static/${hashedCss}`, { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(css.status, 200);
    assert.equal(css.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(css.headers["content-encoding"], "gzip");
    assert.equal(css.headers["x-content-type-options"], "nosniff");
    const plain = await https("/static/admin/css/base.css");
    assert.equal(plain.status, 200);
    assert.equal(plain.headers["cache-control"], "public, max-age=3600");
    const media = await https("/media/upload.txt");
    assert.equal(media.status, 200);
    assert.equal(media.body.toString(), "an upload\n");
  });

  test("plain HTTP for the site is redirected to HTTPS", async () => {
    const answer = await http("/admin/login/", DOMAIN);
    assert.equal(answer.status, 308);
    assert.match(answer.headers.location ?? "", new RegExp(`^https://${DOMAIN.replaceAll(".", "\\.")}(:\\d+)?/admin/login/$`));
  });

  test("/healthz by IP over plain HTTP reaches the app, unredirected; other paths by IP go to the site over HTTPS", async () => {
    const health = await http("/healthz", "127.0.0.1");
    // The app's own answer (its JSON body), not Caddy's: the database is down in this test.
    assert.equal(health.status, 503, health.body.toString());
    assert.deepEqual(JSON.parse(health.body.toString()), { status: "unavailable", database: false, cache: false });
    const other = await http("/admin/", "10.0.0.5");
    assert.equal(other.status, 308);
    assert.equal(other.headers.location, `https://${DOMAIN}/admin/`);
  });

  test("a request body over the limit is refused by Caddy before it reaches Django", async () => {
    const answer = await https("/admin/login/", {
      method: "POST",
      body: Buffer.alloc(11 * 1024 * 1024, 97),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    assert.equal(answer.status, 413);
  });
});

function collect(res: import("node:http").IncomingMessage, resolve: (answer: Answer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= 4 * 1024 * 1024) chunks.push(chunk);
  });
  res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
}

function safeRead(path: string): boolean {
  try {
    return readFileSync(path).length > 0;
  } catch {
    return false;
  }
}
