/**
 * The compose target on real tools: the generated compose file passes Debian's `docker-compose
 * config` (the Compose schema, no daemon), the nginx site passes `nginx -t` with test certificates,
 * the Dockerfile passes djship's own Dockerfile rules, and the traps are closed: migrations run once
 * before web, pgbouncer only without Django's pool, media on a volume.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { audit } from "../../src/audit.js";
import type { InitPlan } from "../../src/init/types.js";
import { Child, freePort, IS_ROOT, provisionE2e, run, tempDir, UNPRIVILEGED, unprivileged } from "../e2e/servers.js";
import { FIXTURES } from "../helpers/paths.js";
import { CASES } from "./cases.js";
import { cleanup, copyFixture, initAndCheck, manage, productionEnvironment } from "./harness.js";

// Provisioned by scripts/provision-e2e.sh, which fails loudly when it cannot install them: these
// tests never skip for want of a tool.
provisionE2e();
const NGINX = "/usr/sbin/nginx";
const COMPOSE = "/usr/bin/docker-compose";
const SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

for (const { name: fixture, pool: pooled, celery: celeryProcesses, ownDocker } of CASES) {
  describe(`${fixture}: compose target`, () => {
    const dir = copyFixture(fixture);
    dirs.push(dir);
    let ready: Promise<InitPlan> | undefined;
    const initialised = () => {
      ready ??= initAndCheck(dir, { domain: "shop.example.org" });
      return ready;
    };

    test("docker-compose config accepts compose.production.yaml", async () => {
      await initialised();
      // env_file must exist; the example with its secrets filled in stands for the real .env.
      const example = readFileSync(join(dir, ".env.example"), "utf8");
      writeFileSync(join(dir, ".env"), example.replace(/^POSTGRES_PASSWORD=$/m, "POSTGRES_PASSWORD=test"));
      const result = spawnSync(COMPOSE as string, ["-f", "compose.production.yaml", "config", "-q"], { cwd: dir, encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
    });

    test("migrations run once, before web; one pooler; media on a volume", async () => {
      const plan = await initialised();
      const compose = parseYaml(readFileSync(join(dir, "compose.production.yaml"), "utf8"), { merge: true }) as {
        services: Record<
          string,
          { command?: string[]; depends_on?: Record<string, { condition: string }>; volumes?: string[]; deploy?: { replicas?: number } }
        >;
      };
      const services = compose.services;
      const migrating = Object.entries(services).filter(([, s]) => (s.command ?? []).join(" ").includes("migrate"));
      assert.deepEqual(
        migrating.map(([name]) => name),
        ["migrate"],
      );
      assert.equal(services.web?.depends_on?.migrate?.condition, "service_completed_successfully");
      assert.equal("pgbouncer" in services, !pooled, pooled ? "Django's pool: no pgbouncer in front" : "Django < 5.1: pgbouncer");
      assert.ok(services.web?.volumes?.includes("media:/app/media"));
      const prod = readFileSync(join(dir, `${plan.settings.production.split(".").join("/")}.py`), "utf8");
      assert.equal(prod.includes('"pool"'), pooled);
      assert.equal(prod.includes("DISABLE_SERVER_SIDE_CURSORS"), !pooled);
    });

    test("the PostgreSQL 18 image keeps its data volume at /var/lib/postgresql, and .env.example names the compose services", async () => {
      const plan = await initialised();
      const services = parseYaml(readFileSync(join(dir, "compose.production.yaml"), "utf8"), { merge: true }).services as Record<
        string,
        { image?: string; volumes?: string[] }
      >;
      // From 18 the image's PGDATA is /var/lib/postgresql/18/docker, and it refuses to start on a
      // volume mounted at the old /var/lib/postgresql/data (docker-library/postgres#1259).
      assert.match(services.db?.image ?? "", /^postgres:18(\.|$)/);
      assert.deepEqual(services.db?.volumes, ["pgdata:/var/lib/postgresql"]);
      assert.ok(!Object.values(services).some((s) => (s.volumes ?? []).some((v) => v.includes("/var/lib/postgresql/data"))));
      const env = productionEnvironment(dir, plan);
      const database = new URL(env.DATABASE_URL as string);
      assert.equal(`${database.hostname}:${database.port}`, pooled ? "db:5432" : "pgbouncer:5432");
      assert.ok(database.hostname in services, `${database.hostname} is a compose service`);
      assert.equal(new URL(env.REDIS_URL as string).host, "redis:6379");
      assert.ok("redis" in services);
    });

    if (ownDocker)
      test("the project's own Dockerfile, .dockerignore and compose file stay; init's image goes beside them", async () => {
        const plan = await initialised();
        const original = (name: string) => readFileSync(join(FIXTURES, "projects", fixture, name), "utf8");
        const now = (name: string) => readFileSync(join(dir, name), "utf8");
        assert.equal(now("Dockerfile"), original("Dockerfile"));
        assert.equal(now(".dockerignore"), original(".dockerignore"));
        // Its compose file runs runserver: it keeps the development settings, under their new name.
        assert.equal(
          now("docker-compose.yml"),
          original("docker-compose.yml").replace(/(\w+)\.settings\b/, `${plan.settings.development}`),
        );
        assert.deepEqual(
          plan.files.filter((f) => f.part === "docker").map((f) => `${f.action} ${f.path}`),
          ["create Dockerfile.production", "create Dockerfile.production.dockerignore"],
        );
        assert.ok(plan.choices.some((c) => c.id === "dockerfile" && c.value === "Dockerfile.production"));
        const compose = parseYaml(now("compose.production.yaml"), { merge: true }) as { services: Record<string, { build?: unknown }> };
        assert.deepEqual(compose.services.web?.build, { context: ".", dockerfile: "Dockerfile.production" });
      });

    test("Celery: a worker, and one beat when the project schedules tasks", async () => {
      await initialised();
      const services = parseYaml(readFileSync(join(dir, "compose.production.yaml"), "utf8"), { merge: true }).services as Record<
        string,
        { command?: string[]; deploy?: { replicas?: number } }
      >;
      const running = (word: string) =>
        Object.entries(services)
          .filter(([, s]) => (s.command ?? []).includes("celery") && (s.command ?? []).includes(word))
          .map(([name, s]) => ({ name, replicas: s.deploy?.replicas }));
      assert.equal(running("worker").length, celeryProcesses ? 1 : 0);
      assert.deepEqual(running("beat"), celeryProcesses === "beat" ? [{ name: "beat", replicas: 1 }] : []);
    });

    test("nginx -t passes on the generated site", async () => {
      await initialised();
      const result = nginxTest(dir, readFileSync(join(dir, "deploy/nginx/site.conf"), "utf8"));
      assert.equal(result.status, 0, result.stderr);
    });

    test("certbot: the first certificate by its own server, renewals through nginx's webroot, nginx reloading to serve them", async () => {
      await initialised();
      const text = readFileSync(join(dir, "compose.production.yaml"), "utf8");
      const services = parseYaml(text, { merge: true }).services as Record<
        string,
        { entrypoint?: string[]; command?: string[]; volumes?: string[] }
      >;
      // The service's entrypoint is its renewal loop, so the first run must replace it.
      const first = /^#\s+(docker compose .* certonly .*)$/m.exec(text)?.[1] ?? "";
      assert.match(first, / run --rm --entrypoint certbot -p 80:80 certbot certonly --standalone -d shop\.example\.org$/);
      const loop = services.certbot?.entrypoint?.at(-1) ?? "";
      const renew = /certbot (renew [^;]+);/.exec(loop)?.[1] ?? "";
      assert.match(renew, /^renew --webroot -w \/var\/www\/certbot /);
      const mount = (name: string, volume: string) =>
        (services[name]?.volumes ?? []).find((v) => v.startsWith(`${volume}:`))?.split(":")[1];
      assert.equal(mount("certbot", "certbot-www"), "/var/www/certbot");
      assert.equal(mount("nginx", "certbot-www"), "/var/www/certbot", "nginx serves the webroot certbot writes");
      assert.equal(mount("certbot", "letsencrypt"), "/etc/letsencrypt");
      assert.equal(mount("nginx", "letsencrypt"), "/etc/letsencrypt");
      const site = readFileSync(join(dir, "deploy/nginx/site.conf"), "utf8");
      assert.match(site, /location \/\.well-known\/acme-challenge\/ \{\s*root \/var\/www\/certbot;/);
      await assertCertbotAccepts(`/usr/bin/certbot ${renew}`, dir);
      // nginx runs in the foreground and reloads (re-reading the certificate) on a schedule.
      const nginx = services.nginx?.command ?? [];
      assert.deepEqual(nginx.slice(0, 2), ["/bin/sh", "-c"]);
      // ($$ is compose's escape of a literal $.)
      assert.match(nginx[2] ?? "", /^while :; do sleep 6h & wait \$\$\{!\}; nginx -s reload; done & exec nginx -g 'daemon off;'$/);
    });

    test("the Dockerfile and compose file pass djship's own CI and scaling rules", async () => {
      const plan = await initialised();
      const result = await audit(dir, {
        config: { select: ["CI105", "CI106", "CI107", "CI108", "CI109", "CI110", "SCL", "SRV", "DB104", "DB105"] },
      });
      const written = new Set(plan.files.filter((f) => f.part === "docker" || f.part === "compose").map((f) => f.path));
      assert.ok(written.has("compose.production.yaml"));
      const findings = result.findings.filter((f) => !f.suppressed && written.has(f.file ?? ""));
      assert.deepEqual(
        findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`),
        [],
      );
    });
  });
}

const RELEASE_RUN = new Set(["init-startproject", "init-split", "init-decouple-poetry"]);

for (const { name: fixture, celery, pool: pooled } of CASES)
  describe(`${fixture}: systemd target`, () => {
    const dir = copyFixture(fixture);
    dirs.push(dir);
    let ready: Promise<InitPlan> | undefined;
    const initialised = () => {
      ready ??= initAndCheck(dir, { targets: ["systemd"], domain: "shop.example.org" });
      return ready;
    };

    test("systemd-analyze verify accepts every unit", async () => {
      const plan = await initialised();
      const project = unitPrefix(plan);
      const units = readdirSync(join(dir, "deploy/systemd")).filter((name) => name !== "certbot.service.d");
      assert.deepEqual(
        units.sort(),
        [
          "backup.service",
          "backup.timer",
          ...(celery === "beat" ? ["celery-beat.service"] : []),
          ...(celery ? ["celery-worker.service"] : []),
          "gunicorn.service",
          "gunicorn.socket",
          "migrate.service",
        ].map((unit) => `${project}-${unit}`),
      );
      // Only what this machine lacks is rewritten: the application folder, with stand-ins for the
      // virtualenv's executables (verify checks that every ExecStart exists).
      const app = join(dir, ".systemd-test");
      mkdirSync(join(app, ".venv/bin"), { recursive: true });
      mkdirSync(join(app, "media"), { recursive: true });
      for (const name of ["gunicorn", "python", "celery"]) writeFileSync(join(app, ".venv/bin", name), "#!/bin/sh\n", { mode: 0o755 });
      const work = join(app, "units");
      mkdirSync(work);
      for (const unit of units)
        writeFileSync(join(work, unit), readFileSync(join(dir, "deploy/systemd", unit), "utf8").replaceAll(`/srv/${project}`, app));
      const result = spawnSync(SYSTEMD_ANALYZE as string, ["verify", ...units.map((u) => join(work, u))], { encoding: "utf8", cwd: work });
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
      const gunicorn = readFileSync(join(dir, `deploy/systemd/${project}-gunicorn.service`), "utf8");
      assert.match(gunicorn, new RegExp(`^Requires=${project}-gunicorn\\.socket ${project}-migrate\\.service$`, "m"));
      assert.match(gunicorn, new RegExp(`^After=.*${project}-migrate\\.service`, "m"));
    });

    test("the release unit collects static files, then migrates, before Gunicorn takes traffic", async () => {
      const plan = await initialised();
      const project = unitPrefix(plan);
      const release = readFileSync(join(dir, `deploy/systemd/${project}-migrate.service`), "utf8");
      const gunicorn = readFileSync(join(dir, `deploy/systemd/${project}-gunicorn.service`), "utf8");
      // systemd runs ExecStartPre= before ExecStart=, and starts the web unit only after a
      // oneshot it Requires= and is After= has exited successfully.
      const directives = release.split("\n").filter((line) => /^Exec/.test(line));
      assert.deepEqual(
        directives.map((line) => line.replace(/^(\w+)=\S+ manage\.py (\w+).*$/, "$1 $2")),
        ["ExecStartPre collectstatic", "ExecStart migrate"],
      );
      assert.match(release, /^Type=oneshot$/m);
      assert.match(gunicorn, new RegExp(`^Requires=.*${project}-migrate\\.service`, "m"));
      assert.match(gunicorn, new RegExp(`^After=.*${project}-migrate\\.service`, "m"));
      // Both units read the static files from the same place, the one systemd creates for the release.
      const staticRoot = (unit: string) => /^Environment=DJANGO_STATIC_ROOT=(.+)$/m.exec(unit)?.[1];
      assert.equal(staticRoot(release), `/var/lib/${project}/static`);
      assert.equal(staticRoot(gunicorn), staticRoot(release));
      assert.match(release, new RegExp(`^StateDirectory=${project}/static$`, "m"));
      // The pipeline restarts the release unit with the production environment; it no longer runs
      // collectstatic itself, as the deploy user without the settings.
      const workflow = readFileSync(join(dir, ".github/workflows/ci.yml"), "utf8");
      const deploy = workflow.split("\n").find((line) => line.includes("systemctl restart")) ?? "";
      assert.match(deploy, new RegExp(`systemctl restart ${project}-migrate\\.service ${project}-gunicorn\\.service`));
      assert.doesNotMatch(deploy, /collectstatic/);
    });

    // Run for real once per way of reading the environment (django-environ, decouple, os.environ).
    if (RELEASE_RUN.has(fixture))
      test("the release unit's collectstatic, run as the unit runs it under real Django 5.2, writes the manifest WhiteNoise serves from", async () => {
        const plan = await initialised();
        const project = unitPrefix(plan);
        const release = readFileSync(join(dir, `deploy/systemd/${project}-migrate.service`), "utf8");
        const unitEnv = Object.fromEntries(
          [...release.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
        );
        const staticRoot = mkdtempSync(join(dir, ".static-"));
        const args = (/^ExecStartPre=\S+ manage\.py (.+)$/m.exec(release)?.[1] ?? "").split(" ");
        const env: Record<string, string> = { ...productionEnvironment(dir, plan), ...unitEnv, DJANGO_STATIC_ROOT: staticRoot };
        assert.equal(env.DJANGO_SETTINGS_MODULE, plan.settings.production);
        const result = await manage(dir, "5.2", args, env);
        assert.equal(result.code, 0, result.stderr.slice(-3000));
        const manifest = JSON.parse(readFileSync(join(staticRoot, "staticfiles.json"), "utf8")) as { paths: Record<string, string> };
        assert.match(manifest.paths["admin/css/base.css"] ?? "", /^admin\/css\/base\.[0-9a-f]{12}\.css$/);
      });

    test(".env.example points at this machine's PostgreSQL (or pgbouncer) and Redis, as the units do, not at compose's services", async () => {
      const plan = await initialised();
      const project = unitPrefix(plan);
      const example = readFileSync(join(dir, ".env.example"), "utf8");
      assert.match(example, new RegExp(`install it as /etc/${project}/env`));
      const env = productionEnvironment(dir, plan);
      const database = new URL(env.DATABASE_URL as string);
      const redis = new URL(env.REDIS_URL as string);
      assert.equal(redis.host, "127.0.0.1:6379", "redis-server's default address");
      assert.ok(!/@(db|pgbouncer|redis)[:/]|\/\/(db|pgbouncer|redis)[:/]/m.test(example), "no compose service name is left");
      const units = readdirSync(join(dir, "deploy/systemd"))
        .filter((name) => name.includes("."))
        .filter((name) => !name.endsWith(".d"))
        .map((u) => readFileSync(join(dir, "deploy/systemd", u), "utf8"));
      assert.ok(units.some((u) => /^After=.*redis-server\.service/m.test(u)));
      const release = readFileSync(join(dir, `deploy/systemd/${project}-migrate.service`), "utf8");
      if (pooled) {
        assert.equal(database.host, "127.0.0.1:5432", "PostgreSQL's default address");
        assert.ok(!existsSync(join(dir, "deploy/pgbouncer/pgbouncer.ini")));
        assert.match(release, /^After=network-online\.target postgresql\.service$/m);
        return;
      }
      // Django < 5.1: through pgbouncer, whose configuration init writes for Debian's package.
      const ini = readFileSync(join(dir, "deploy/pgbouncer/pgbouncer.ini"), "utf8");
      const setting = (name: string) => new RegExp(`^${name} = (.+)$`, "m").exec(ini)?.[1];
      assert.equal(database.host, `${setting("listen_addr")}:${setting("listen_port")}`);
      assert.equal(setting("pool_mode"), "transaction");
      const target = new RegExp(`^${database.pathname.slice(1)} = host=127\\.0\\.0\\.1 port=5432 dbname=(\\w+)$`, "m").exec(ini);
      assert.ok(target, `pgbouncer serves the database DATABASE_URL names:\n${ini}`);
      assert.match(release, /^After=network-online\.target postgresql\.service pgbouncer\.service$/m);
      // Debian's pgbouncer starts with it: only its files and port are moved into the test's folder.
      const work = tempDir("pgbouncer");
      dirs.push(work);
      writeFileSync(join(work, "userlist.txt"), '"app" "test"\n');
      const port = await freePort();
      const local = ini
        .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
        .replace(/^(auth_file) = .*$/m, `$1 = ${join(work, "userlist.txt")}`)
        .replace(/^(unix_socket_dir) = .*$/m, "$1 =")
        .replace(/^(logfile|pidfile) = .*$/gm, (_m, key: string) => `${key} = ${join(work, key)}`);
      writeFileSync(join(work, "pgbouncer.ini"), local);
      // pgbouncer refuses to run as root.
      if (IS_ROOT)
        for (const f of [work, join(work, "userlist.txt"), join(work, "pgbouncer.ini")]) chownSync(f, UNPRIVILEGED, UNPRIVILEGED);
      const bouncer = new Child(...unprivileged("/usr/sbin/pgbouncer", [join(work, "pgbouncer.ini")]), { cwd: work });
      try {
        let ready = false;
        for (let i = 0; i < 40 && !ready; i++) {
          ready = (await run("pg_isready", ["-h", "127.0.0.1", "-p", String(port)])).code === 0;
          if (!ready) await new Promise((r) => setTimeout(r, 250));
        }
        assert.ok(ready, `pgbouncer starts with the generated configuration:\n${bouncer.output}`);
      } finally {
        await bouncer.stop();
      }
    });

    test("the backup unit runs deploy/backup.sh: the dump, then the off-host copy, as postgres over the local socket", async () => {
      const plan = await initialised();
      const project = unitPrefix(plan);
      const unit = readFileSync(join(dir, `deploy/systemd/${project}-backup.service`), "utf8");
      assert.match(unit, new RegExp(`^ExecStart=/bin/sh /srv/${project}/deploy/backup\\.sh dump$`, "m"));
      assert.match(unit, new RegExp(`^ExecStartPost=/bin/sh /srv/${project}/deploy/backup\\.sh offsite$`, "m"));
      assert.match(unit, /^User=postgres$/m);
      assert.match(unit, /^Environment=PGHOST=\/var\/run\/postgresql PGDATABASE=app$/m);
      assert.equal(new URL(productionEnvironment(dir, plan).DATABASE_URL as string).pathname, "/app");
      assert.ok(existsSync(join(dir, "deploy/backup.sh")));
      for (const name of ["BACKUP_REMOTE", "BACKUP_RETENTION_DAYS", "RCLONE_CONFIG_OFFSITE_TYPE"])
        assert.ok(
          plan.environment.some((v) => v.name === name),
          name,
        );
    });

    test("certbot renewal: Debian's certbot.service with the drop-in passes systemd-analyze verify, renews through the site's webroot and reloads nginx", async () => {
      const plan = await initialised();
      const project = unitPrefix(plan);
      const dropIn = readFileSync(join(dir, `deploy/systemd/certbot.service.d/${project}.conf`), "utf8");
      assert.match(dropIn, new RegExp(`/etc/systemd/system/certbot\\.service\\.d/${project}\\.conf`));
      assert.match(dropIn, /certbot certonly --standalone -d shop\.example\.org/, "the first certificate, before nginx can start");
      const exec = dropIn.split("\n").filter((line) => line.startsWith("ExecStart="));
      assert.equal(exec[0], "ExecStart=", "the package's ExecStart is replaced, not run as well");
      const renew = (exec[1] ?? "").slice("ExecStart=".length);
      const site = readFileSync(join(dir, "deploy/nginx/site.conf"), "utf8");
      const acmeRoot = /location \/\.well-known\/acme-challenge\/ \{\s*root ([^;]+);/.exec(site)?.[1];
      assert.ok(
        acmeRoot && renew.includes(`--webroot -w ${acmeRoot} `),
        `renews through the webroot the site serves (${acmeRoot}): ${renew}`,
      );
      const hook = /--deploy-hook "([^"]+)"/.exec(renew)?.[1];
      assert.equal(hook, "systemctl reload nginx");
      await assertCertbotAccepts(renew, dir);
      // Debian's certbot.service (provision-e2e.sh installs certbot) with the drop-in beside it.
      const work = mkdtempSync(join(dir, ".certbot-unit-"));
      writeFileSync(join(work, "certbot.service"), readFileSync("/lib/systemd/system/certbot.service", "utf8"));
      mkdirSync(join(work, "certbot.service.d"));
      writeFileSync(join(work, "certbot.service.d", `${project}.conf`), dropIn);
      const verify = spawnSync(SYSTEMD_ANALYZE, ["verify", join(work, "certbot.service")], { encoding: "utf8", cwd: work });
      assert.equal(verify.status, 0, verify.stderr);
      assert.equal(verify.stderr.trim(), "", "no complaint about the drop-in");
      // The hook, run as certbot runs it (sh -c), asks systemd to reload nginx.
      const bin = mkdtempSync(join(dir, ".bin-"));
      writeFileSync(join(bin, "systemctl"), `#!/bin/sh\nprintf '%s\\n' "$*" >"${bin}/called"\n`, { mode: 0o755 });
      const ran = spawnSync("/bin/sh", ["-c", hook as string], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: "utf8" });
      assert.equal(ran.status, 0, ran.stderr);
      assert.equal(readFileSync(join(bin, "called"), "utf8"), "reload nginx\n");
    });

    test("the nginx site proxies to Gunicorn's socket and passes nginx -t", async () => {
      const plan = await initialised();
      const site = readFileSync(join(dir, "deploy/nginx/site.conf"), "utf8");
      assert.ok(site.includes(`proxy_pass http://unix:/run/${unitPrefix(plan)}/gunicorn.sock:;`), site);
      assert.ok(!existsSync(join(dir, "compose.production.yaml")), "no compose file for the systemd target alone");
      assert.equal(nginxTest(dir, site).status, 0);
    });
  });

/**
 * Debian's certbot accepts a renew command line as written, offline: with no certificate yet it
 * parses every option (an unknown one exits 2), checks the webroot exists and renews nothing. The
 * webroot, config, work and log folders are moved into the test's own.
 */
async function assertCertbotAccepts(commandLine: string, dir: string): Promise<void> {
  const work = mkdtempSync(join(dir, ".certbot-"));
  const args = (commandLine.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"(.*)"$/, "$1"));
  assert.equal(args.shift(), "/usr/bin/certbot");
  const webroot = args.indexOf("-w") + 1;
  assert.ok(webroot > 0, commandLine);
  mkdirSync(join(work, "www"));
  args[webroot] = join(work, "www");
  const dirs = ["--config-dir", join(work, "config"), "--work-dir", join(work, "work"), "--logs-dir", join(work, "logs")];
  const result = await run("/usr/bin/certbot", [...args, ...dirs, "--non-interactive"], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, `${commandLine}\n${result.stderr}`);
}

/** The prefix of the unit names: the project package, as systemd/plan.ts spells it. */
function unitPrefix(plan: InitPlan): string {
  return (plan.settings.production.split(".")[0] as string).replace(/[^a-z0-9-]/gi, "-").toLowerCase();
}

/** `nginx -t` on a site, with test certificates and loopback ports: only what this machine lacks is rewritten. */
function nginxTest(dir: string, text: string) {
  const work = mkdtempSync(join(dir, ".nginx-"));
  const cert = join(work, "cert.pem");
  const key = join(work, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1", "-keyout", key, "-out", cert],
    {
      stdio: "ignore",
    },
  );
  let port = 19600;
  const site = text
    .replace(/ssl_certificate\s+[^;]+;/g, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key\s+[^;]+;/g, `ssl_certificate_key ${key};`)
    .replace(
      /listen\s+(\[::\]:)?(\d+)/g,
      (_m, v6: string | undefined, p: string) => `listen ${v6 ? "[::1]:" : "127.0.0.1:"}${port++ + (Number(p) % 1000)}`,
    );
  const main = join(work, "nginx.conf");
  // Every path nginx would open by default (/var/log/nginx, /var/lib/nginx) moved into the test's
  // folder, so the check passes for any user, not only root.
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${join(work, t)};`).join("\n");
  const http = `access_log ${join(work, "access.log")};\n${temps}\n${site}`;
  writeFileSync(main, `pid ${join(work, "nginx.pid")};\nerror_log stderr;\nevents {}\nhttp {\n${http}\n}\n`);
  return spawnSync(NGINX as string, ["-t", "-q", "-p", work, "-c", main, "-e", "stderr"], { encoding: "utf8" });
}
