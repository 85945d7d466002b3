/**
 * examples/shop (Django 4.2, WSGI, Celery with beat) after `djship init`, running the generated
 * stack for real on loopback (test/e2e/stack/): nginx → gunicorn → pgbouncer → PostgreSQL, Redis
 * as cache and broker, two Celery workers and one beat. Each assertion is its own test, and its
 * name is the summary line the run prints.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { REPO_ROOT } from "../helpers/paths.js";
import { Child, freePort, tempDir, waitForHttp } from "./servers.js";
import {
  assertAppServerOutageIsClean,
  assertCsrfThroughTls,
  assertHealthzByIp,
  assertRenewalServed,
  assertScanFollowsRedirect,
  assertScanTopGrade,
  assertStaticFromNginx,
  httpsGet,
} from "./stack/checks.js";
import { cookiesOf } from "./stack/http.js";
import { type Stack, startStack, until } from "./stack/stack.js";

describe("examples/shop: the stack djship init writes, running (WSGI, pgbouncer, Celery, beat)", { timeout: 600_000 }, () => {
  let stack: Stack;
  const https = (path: string, headers: Record<string, string> = {}) => httpsGet(stack, path, headers);

  before(async () => {
    stack = await startStack({ example: "shop", djangoSeries: "4.2", workers: 2 });
  });
  after(async () => {
    await stack?.stop();
  });

  test("init chose pgbouncer, gunicorn, a Celery worker and one beat for the project", () => {
    const choices = Object.fromEntries(stack.plan.choices.map((c) => [c.id, c.value]));
    assert.equal(choices["database-pooling"], "pgbouncer");
    assert.equal(choices["app-server"], "gunicorn");
    assert.deepEqual(stack.plan.detected.tasks, ["celery"]);
    assert.equal(stack.plan.detected.celeryBeat, true);
    assert.equal(stack.pgbouncer, true);
  });

  test("djship scan grades the generated site A+ with no warning", () => assertScanTopGrade(stack));

  test("djship scan http://NAME:PORT shows nginx's 301 to HTTPS (the localised port) and grades the HTTPS site A+", () =>
    assertScanFollowsRedirect(stack));

  test("a page that writes to the database and sets a session works through nginx → gunicorn → pgbouncer → PostgreSQL", async () => {
    const placed = await https("/order/?item=bread");
    assert.equal(placed.status, 200, placed.text());
    const { id } = placed.json<{ id: number }>();
    const cookie = cookiesOf(placed);
    assert.match(cookie, /sessionid=/, "the order page sets a session");
    const mine = await https("/orders/mine/", { Cookie: cookie });
    assert.deepEqual(mine.json<{ orders: number[] }>().orders, [id], "the session remembers the order");
    const rows = await stack.psql(`SELECT item FROM orders_order WHERE id = ${Number(id)}`);
    assert.equal(rows, "bread", "the row is in PostgreSQL");
    const sessions = Number(await stack.psql("SELECT count(*) FROM django_session"));
    assert.ok(sessions >= 1, "the session is stored in PostgreSQL");
  });

  test("the pooling is visible: pgbouncer's SHOW POOLS lists the app's database in transaction mode", async () => {
    await https("/order/?item=pool");
    const pools = await stack.pgbouncerAdmin("SHOW POOLS");
    const line = pools.split("\n").find((l) => l.startsWith(`${stack.environment.databaseName}|${stack.environment.databaseUser}|`));
    assert.ok(line, `SHOW POOLS has the app's pool:\n${pools}`);
    assert.match(line as string, /\|transaction(\||$)/, `pool mode transaction: ${line}`);
    const clients = await stack.psql(
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = '' AND usename = current_user AND pid <> pg_backend_pid()",
    );
    assert.ok(Number(clients) >= 1, "pgbouncer holds server connections to PostgreSQL");
  });

  test("a task queued by a request runs on a worker and its result is visible", async () => {
    const placed = await https("/order/?item=cake");
    const { id } = placed.json<{ id: number }>();
    let status: { fulfilled_by: string; cached: string | null } = { fulfilled_by: "", cached: null };
    await until(
      "the fulfil task ran",
      60_000,
      async () => {
        status = (await https(`/orders/${id}/`)).json();
        return status.fulfilled_by !== "";
      },
      stack.logs,
    );
    assert.match(status.fulfilled_by, /^worker[12]@/, "fulfilled by one of the two workers");
  });

  test("the cache is Redis: a key the app sets appears in Redis", async () => {
    const placed = await https("/order/?item=tea");
    const { id } = placed.json<{ id: number }>();
    let keys = "";
    await until(
      "the cache key appears in Redis",
      60_000,
      async () => {
        keys = await stack.redisCli("--scan", "--pattern", `*order:${id}:fulfilled`);
        return keys !== "";
      },
      stack.logs,
    );
    assert.match(keys, new RegExp(`order:${id}:fulfilled$`));
    const status = (await https(`/orders/${id}/`)).json<{ cached: string }>();
    assert.match(status.cached, /^worker[12]@/, "Django reads back what the worker cached");
  });

  test("beat sends the scheduled task once per interval with two workers running", async () => {
    type Restock = { task_id: string; worker: string; ran_at: string };
    let restocks: Restock[] = [];
    await until(
      "three restocks ran",
      90_000,
      async () => {
        restocks = (await https("/restocks/")).json<{ restocks: Restock[] }>().restocks;
        return restocks.length >= 3;
      },
      stack.logs,
    );
    const ids = new Set(restocks.map((r) => r.task_id));
    assert.equal(ids.size, restocks.length, "every run is a distinct task: none was sent twice");
    // The schedule is every 5 s: over the span the runs cover, there can be no more runs than
    // intervals, plus the first. Two beats (or a task run twice) would double the count.
    const first = Date.parse(restocks[0]?.ran_at ?? "");
    const last = Date.parse(restocks.at(-1)?.ran_at ?? "");
    const intervals = Math.floor((last - first) / 5000 + 0.5);
    assert.ok(restocks.length <= intervals + 1, `${restocks.length} runs over ${(last - first) / 1000} s`);
  });

  test("static files come from nginx, gzip-compressed, a year and immutable on hashed names", () =>
    assertStaticFromNginx(stack, /\/static\/orders\/shop\.[0-9a-f]{12}\.css/));

  test("a form POST through TLS with the CSRF cookie, token and the site's https Origin passes; a foreign Origin gets 403", () =>
    assertCsrfThroughTls(stack));

  test("certbot's challenge is served from the webroot over HTTP, and after a renewal nginx's scheduled reload serves the new certificate", () =>
    assertRenewalServed(stack));

  test("/healthz answers 200 through nginx with an IP as Host, over plain HTTP", () => assertHealthzByIp(stack));

  test("the generated backup makes a dump that the generated restore script loads into a fresh database with the same rows", async () => {
    const rows = "SELECT count(*) || ' ' || md5(string_agg(id || ':' || item || ':' || fulfilled_by, ',' ORDER BY id)) FROM orders_order";
    const before = await stack.psql(rows);
    assert.doesNotMatch(before, /^0 /, "there are orders to back up");
    const dump = await stack.backup();
    await stack.createDatabase("restored");
    const { result, compose } = await stack.restore(dump, "restored");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await stack.psql(rows, "restored"), before, "the restored database has the same orders");
    assert.deepEqual(
      compose.map((c) => c.split(" ").slice(3, 5).join(" ")),
      ["stop web", "exec -T", "up -d"],
      "the app is stopped for the restore and started after it",
    );
  });

  test("the backup keeps BACKUP_RETENTION_DAYS of dumps, and backup-offsite copies them off the host with rclone and prunes there too", async () => {
    // The off-host store: rclone's own WebDAV server on loopback, a remote the same rclone copy
    // and delete speak to over HTTP (Debian packages no S3 server; S3 is configured the same way,
    // RCLONE_CONFIG_OFFSITE_TYPE=s3 and its keys).
    const remoteDir = tempDir("offsite");
    const port = await freePort();
    const server = new Child("/usr/bin/rclone", ["serve", "webdav", remoteDir, "--addr", `127.0.0.1:${port}`]);
    try {
      await waitForHttp(port, "/", "127.0.0.1", 30_000, () => server.output);
      const days = Number(stack.environment.env.BACKUP_RETENTION_DAYS ?? "14");
      assert.equal(days, 14, ".env.example keeps 14 days");
      const aged = (dir: string, name: string, ageDays: number) => {
        writeFileSync(join(dir, name), `dump of ${ageDays} days ago\n`);
        const when = new Date(Date.now() - ageDays * 86_400_000);
        utimesSync(join(dir, name), when, when);
      };
      aged(stack.backupsDir, "20200101-031500.dump", days + 6);
      aged(stack.backupsDir, "20200102-031500.dump", days - 3);
      mkdirSync(join(remoteDir, "shop"));
      aged(join(remoteDir, "shop"), "20191201-031500.dump", days + 20);
      const before = readdirSync(stack.backupsDir).filter((f) => !f.startsWith("2020"));
      const dump = await stack.backup();
      assert.deepEqual(
        readdirSync(stack.backupsDir).sort(),
        [...new Set(["20200102-031500.dump", ...before, dump])].sort(),
        "the dump older than the retention is deleted, the younger ones kept, no partial file left",
      );
      const remote = {
        BACKUP_REMOTE: "offsite:shop",
        RCLONE_CONFIG_OFFSITE_TYPE: "webdav",
        RCLONE_CONFIG_OFFSITE_URL: `http://127.0.0.1:${port}`,
        RCLONE_CONFIG_OFFSITE_VENDOR: "other",
      };
      const output = await stack.backupOffsite(remote);
      assert.match(output, /copied to offsite:shop, kept 14 days there/, output);
      assert.deepEqual(
        readdirSync(join(remoteDir, "shop")).sort(),
        readdirSync(stack.backupsDir).sort(),
        "every dump kept here is copied; the remote one older than the retention is pruned",
      );
      assert.ok(
        readFileSync(join(remoteDir, "shop", dump)).equals(readFileSync(join(stack.backupsDir, dump))),
        "the off-host copy is the dump, byte for byte",
      );
      // Without BACKUP_REMOTE (.env.example's empty value), it copies nothing and says so.
      const off = await stack.backupOffsite({});
      assert.match(off, /BACKUP_REMOTE is not set/);
    } finally {
      await server.stop();
      rmSync(remoteDir, { recursive: true, force: true });
    }
  });

  test("stopping the app server gives a clean 502 from nginx, and starting it again recovers", () =>
    assertAppServerOutageIsClean(stack, /<h1>Shop<\/h1>/));

  test("a second version (new code, a migration) deploys with migrate once and a graceful reload, losing no request", async () => {
    type Answer = { status: number; version: number } | { error: string };
    const answers: Answer[] = [];
    let switching = true;
    const client = async () => {
      while (switching) {
        try {
          const reply = await https("/order/?item=switch&wrap=1");
          answers.push({ status: reply.status, version: reply.status === 200 ? (reply.json<{ version?: number }>().version ?? 1) : 0 });
        } catch (error) {
          answers.push({ error: (error as Error).message });
        }
      }
    };
    const clients = [client(), client(), client()];
    try {
      await until("requests flow before the switch", 30_000, async () => answers.length >= 10);
      cpSync(join(REPO_ROOT, "test/e2e/stack/shop-v2/orders"), join(stack.appDir, "orders"), { recursive: true });
      const migrated = await stack.migrate();
      assert.equal(migrated.code, 0, migrated.stderr);
      assert.equal(migrated.stdout.match(/Applying orders\.0002_order_gift_wrap\.\.\. OK/g)?.length, 1, migrated.stdout);
      await stack.reloadAppServer();
      await until(
        "every answer comes from the second version",
        90_000,
        async () => {
          const last = answers.slice(-15);
          return last.length === 15 && last.every((a) => "version" in a && a.version === 2);
        },
        stack.logs,
      );
    } finally {
      switching = false;
      await Promise.all(clients);
    }
    const failed = answers.filter((a) => !("status" in a) || a.status !== 200);
    assert.deepEqual(failed, [], `${failed.length} of ${answers.length} requests failed during the switch`);
    const versions = answers.map((a) => ("version" in a ? a.version : 0));
    assert.equal(versions[0], 1, "the first version answered before the switch");
    assert.equal(await stack.psql("SELECT count(*) FROM django_migrations WHERE app = 'orders' AND name = '0002_order_gift_wrap'"), "1");
    assert.ok(
      Number(await stack.psql("SELECT count(*) FROM orders_order WHERE gift_wrap")) >= 1,
      "the second version writes the new column",
    );
  });
});
