/**
 * examples/notes (Django 5.2, ASGI, async views) after `djship init`, running the generated stack
 * for real on loopback (test/e2e/stack/): nginx → gunicorn with uvicorn workers → PostgreSQL
 * through Django's own connection pool, Redis as the cache. Each assertion is its own test, and
 * its name is the summary line the run prints.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
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

describe("examples/notes: the stack djship init writes, running (ASGI, Django's pool)", { timeout: 600_000 }, () => {
  let stack: Stack;
  const https = (path: string, headers: Record<string, string> = {}) => httpsGet(stack, path, headers);

  before(async () => {
    stack = await startStack({ example: "notes", djangoSeries: "5.2" });
  });
  after(async () => {
    await stack?.stop();
  });

  test("init chose gunicorn with uvicorn workers and Django's own pool, without pgbouncer", () => {
    const choices = Object.fromEntries(stack.plan.choices.map((c) => [c.id, c.value]));
    assert.equal(stack.plan.detected.interface, "asgi");
    assert.equal(choices["app-server"], "gunicorn+uvicorn-worker");
    assert.equal(choices["database-pooling"], "django");
    assert.equal(stack.pgbouncer, false);
  });

  test("djship scan grades the generated site A+ with no warning", () => assertScanTopGrade(stack));

  test("djship scan http://NAME:PORT shows nginx's 301 to HTTPS (the localised port) and grades the HTTPS site A+", () =>
    assertScanFollowsRedirect(stack));

  test("an async page that writes to the database and sets a session works through nginx → gunicorn/uvicorn → PostgreSQL", async () => {
    const added = await https("/notes/add/?text=hello");
    assert.equal(added.status, 200, added.text().slice(0, 2000));
    const { id } = added.json<{ id: number }>();
    const cookie = cookiesOf(added);
    assert.match(cookie, /sessionid=/, "the page sets a session");
    const mine = await https("/notes/mine/", { Cookie: cookie });
    assert.deepEqual(mine.json<{ notes: number[] }>().notes, [id], "the session remembers the note");
    assert.equal(await stack.psql(`SELECT text FROM notes_note WHERE id = ${Number(id)}`), "hello", "the row is in PostgreSQL");
  });

  test("the pooling is visible: the app keeps its pooled connections open between requests", async () => {
    for (let i = 0; i < 4; i++) assert.equal((await https(`/notes/add/?text=pool-${i}`)).status, 200);
    // With CONN_MAX_AGE = 0 and no pool, Django closes its connection at the end of each request:
    // connections still open once every request has finished are the pool's.
    let open = 0;
    await until("pooled connections are open", 30_000, async () => {
      open = Number(
        await stack.psql(
          "SELECT count(*) FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid() AND state = 'idle'",
        ),
      );
      return open >= 1;
    });
    assert.ok(open >= 1, `${open} idle connections held by the app`);
  });

  test("the cache is Redis: the health check's key appears in Redis", async () => {
    const health = await https("/healthz");
    assert.equal(health.status, 200, health.text());
    assert.deepEqual(health.json(), { status: "ok", database: true, cache: true });
    const keys = await stack.redisCli("--scan", "--pattern", "*djship-healthz");
    assert.match(keys, /djship-healthz$/);
  });

  test("static files come from nginx, gzip-compressed, a year and immutable on hashed names", () =>
    assertStaticFromNginx(stack, /\/static\/notes\/notes\.[0-9a-f]{12}\.css/));

  test("a form POST through TLS with the CSRF cookie, token and the site's https Origin passes; a foreign Origin gets 403", () =>
    assertCsrfThroughTls(stack));

  test("certbot's challenge is served from the webroot over HTTP, and after a renewal nginx's scheduled reload serves the new certificate", () =>
    assertRenewalServed(stack));

  test("/healthz answers 200 through nginx with an IP as Host, over plain HTTP", () => assertHealthzByIp(stack));

  test("stopping the app server gives a clean 502 from nginx, and starting it again recovers", () =>
    assertAppServerOutageIsClean(stack, /<h1>Notes<\/h1>/));
});
