/**
 * What the setup `djship init` writes is worth under load: examples/shop's generated stack, started
 * by the end-to-end harness (test/e2e/stack/: nginx with the generated site and a test CA → gunicorn
 * with the generated gunicorn.conf.py → pgbouncer → PostgreSQL, Redis), against `manage.py
 * runserver` on the same project, settings, environment and database, measured with wrk (Debian,
 * scripts/provision-bench.sh) in the same run:
 *  - a dynamic page: the shop's home, a template over the ten newest orders (a query each time);
 *  - a static file: the home page's hashed stylesheet (nginx from STATIC_ROOT in the stack,
 *    WhiteNoise inside runserver, as the generated settings have it);
 *  at 1, 50 and 200 connections for a bounded time each, the two servers taking turns. Requests/s,
 *  p99 latency, errors (non-2xx answers and socket errors: connect, read, write, timeout), and the
 *  CPU each side spent per answer.
 * The stack is measured as a browser reaches it, over HTTPS: wrk connects to 127.0.0.1 with the
 * site's name as SNI and Host (its Lua resolve hook, so no DNS and no /etc/hosts). runserver speaks
 * plain HTTP only, so it is asked over HTTP with X-Forwarded-Proto: https (what a TLS proxy in front
 * of it would send), or the generated SECURE_SSL_REDIRECT would answer every request with a 301: the
 * reference does no TLS work, the stack does. Targets (issue #14), printed beside the figures and
 * not asserted: at least 3x runserver's dynamic and 20x its static throughput, 0 errors at 200
 * connections, p99 of the dynamic page under 50 ms at 50 connections.
 * Everything listens on 127.0.0.1 only, and every process is stopped at the end, also on failure.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import YAML from "yaml";
import { APP_HOST, freePort, run, tempDir } from "../test/e2e/servers.js";
import { request } from "../test/e2e/stack/http.js";
import { type Stack, startStack } from "../test/e2e/stack/stack.js";
import { REPO_ROOT } from "../test/helpers/paths.js";
import type { BenchRow } from "./stats.js";

/** Seconds per wrk run: 5, or fewer when BENCH_RUNS asks for a quicker bench. */
const SECONDS = Math.min(5, Math.max(1, Math.round(Number(process.env.BENCH_RUNS ?? 7))));
const CONNECTIONS = [1, 50, 200] as const;
/** wrk's own default: an answer slower than this is a timeout error, and not in the latency figures. */
const WRK_TIMEOUT_S = 2;

/** What one wrk run measured (its done() hook prints it as JSON). */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers outside 2xx (wrk's own status count holds only those over 399). */
  readonly non2xx: number;
  readonly socketErrors: number;
  readonly timeouts: number;
}

/**
 * The Lua script wrk runs: every connection to 127.0.0.1 whatever the URL's name (wrk.resolve is the
 * hook wrk calls before connecting; the name stays the SNI and Host), non-2xx answers counted per
 * thread, and one JSON line at the end.
 */
const WRK_SCRIPT = `
function wrk.resolve(host, service)
  wrk.addrs = wrk.lookup("127.0.0.1", service)
end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  non2xx = 0
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format('DJSHIP-BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"socket":%d,"timeouts":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad, e.connect + e.read + e.write, e.timeout))
end
`;

/** wrk's path: the machine's, Debian's installed as root, or unpacked into .cache without root. */
export function provisionWrk(): string {
  try {
    return execFileSync("bash", [join(REPO_ROOT, "scripts/provision-bench.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
    })
      .trim()
      .split("\n")
      .at(-1) as string;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`scripts/provision-bench.sh failed: ${stderr || (error as Error).message}`);
  }
}

/** One wrk run of SECONDS against `url`, bounded in time (killed 20 s past its duration). */
export async function runWrk(
  wrk: string,
  script: string,
  url: string,
  connections: number,
  seconds: number,
  headers: readonly string[] = [],
): Promise<WrkResult> {
  const threads = Math.min(2, connections);
  const args = [
    "-t",
    String(threads),
    "-c",
    String(connections),
    "-d",
    `${seconds}s`,
    "--timeout",
    `${WRK_TIMEOUT_S}s`,
    "-s",
    script,
    ...headers.flatMap((h) => ["-H", h]),
    url,
  ];
  const result = await run(wrk, args, { timeoutMs: (seconds + 20) * 1000 });
  const line = /DJSHIP-BENCH (\{.*\})/.exec(result.stdout)?.[1];
  if (result.code !== 0 || !line)
    throw new Error(`wrk ${args.join(" ")} (exit ${result.code}): ${(result.stderr || result.stdout).slice(-800)}`);
  const raw = JSON.parse(line) as Record<string, number>;
  const measured = (raw.duration_us ?? 0) / 1e6;
  const requests = raw.requests ?? 0;
  return {
    requests,
    seconds: measured,
    rps: measured > 0 ? requests / measured : 0,
    p50Ms: (raw.p50_us ?? 0) / 1000,
    p99Ms: (raw.p99_us ?? 0) / 1000,
    non2xx: raw.non2xx ?? 0,
    socketErrors: raw.socket ?? 0,
    timeouts: raw.timeouts ?? 0,
  };
}

/** Clock ticks per second of /proc's CPU times: 100 on every Linux that Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by every process in these process groups, with what their reaped
 * children used (a gunicorn worker recycled by max_requests counts through its master's cutime).
 * Read from /proc: a figure the machine's other load does not change, unlike requests/s.
 */
export function groupCpuSeconds(groups: readonly number[]): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // After "(comm)": state, ppid, pgrp, ...; utime, stime, cutime and cstime are fields 14-17 of proc(5).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!groups.includes(Number(fields[2]))) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}

function errorsOf(r: WrkResult): number {
  return r.non2xx + r.socketErrors + r.timeouts;
}

function errorText(r: WrkResult): string {
  if (errorsOf(r) === 0) return "0";
  const parts = [
    r.non2xx ? `${r.non2xx} non-2xx` : "",
    r.socketErrors ? `${r.socketErrors} socket` : "",
    r.timeouts ? `${r.timeouts} timeouts` : "",
  ].filter(Boolean);
  return parts.join(" + ");
}

function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

interface Target {
  readonly name: string;
  readonly url: (path: string) => string;
  readonly headers: readonly string[];
  /** The process groups whose CPU serves this target (the database, shared by both, is left out). */
  readonly groups: () => readonly number[];
}

interface Measured extends WrkResult {
  /** CPU milliseconds the target's processes spent per answer. */
  readonly cpuMsPerRequest: number;
}

async function measure(wrk: string, script: string, target: Target, path: string, connections: number): Promise<Measured> {
  const before = groupCpuSeconds(target.groups());
  const result = await runWrk(wrk, script, target.url(path), connections, SECONDS, target.headers);
  const used = groupCpuSeconds(target.groups()) - before;
  return { ...result, cpuMsPerRequest: result.requests > 0 ? (used * 1000) / result.requests : Number.NaN };
}

interface Page {
  readonly kind: "dynamic" | "static";
  readonly path: string;
  /** The throughput target against runserver (issue #14). */
  readonly ratioTarget: number;
}

/** The notes beside a row: p99 and errors of both, and the targets that apply, met or not. */
function notes(page: Page, connections: number, stack: Measured, reference: Measured): string {
  const ratio = reference.rps > 0 ? stack.rps / reference.rps : Number.POSITIVE_INFINITY;
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const parts = [
    `p99 ${ms(stack.p99Ms)} vs ${ms(reference.p99Ms)}`,
    `CPU ${stack.cpuMsPerRequest.toFixed(2)} vs ${reference.cpuMsPerRequest.toFixed(2)} ms/req`,
    `errors ${errorText(stack)} vs ${errorText(reference)}`,
    `target >=${page.ratioTarget}x: ${verdict(ratio >= page.ratioTarget)}`,
  ];
  if (page.kind === "dynamic" && connections === 50) parts.push(`target p99 < 50 ms: ${verdict(stack.p99Ms < 50)}`);
  if (connections === 200) parts.push(`target 0 errors: ${verdict(errorsOf(stack) === 0)}`);
  return parts.join("; ");
}

/** A GET that must answer 200 before wrk is pointed at it: a benchmark never times a broken page. */
async function expectOk(what: string, fetch: () => Promise<{ status: number; text(): string }>): Promise<string> {
  const reply = await fetch();
  if (reply.status !== 200) throw new Error(`${what} answered ${reply.status}: ${reply.text().slice(0, 400)}`);
  return reply.text();
}

/**
 * The stack section of `npm run bench` (picked up by bench/run.ts): one row per page and number of
 * connections, the generated stack's requests/s beside runserver's.
 */
export async function benchStack(): Promise<BenchRow[]> {
  try {
    return await measureStack();
  } catch (error) {
    // The rest of the table still prints; the cause goes to stderr whole, and its first line in the row.
    process.stderr.write(`bench: stack: failed: ${(error as Error).stack ?? error}\n`);
    const first = String((error as Error).message ?? error).split("\n")[0];
    return [{ name: "wrk through the generated stack", value: Number.NaN, unit: "req/s", note: `failed: ${first}` }];
  }
}

async function measureStack(): Promise<BenchRow[]> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const wrk = provisionWrk();
  const scratch = tempDir("bench-wrk");
  const script = join(scratch, "report.lua");
  writeFileSync(script, WRK_SCRIPT);
  let stack: Stack | undefined;
  try {
    process.stderr.write("bench: stack: starting examples/shop's generated stack\n");
    // No Celery workers: the pages measured queue no task, and two idle workers would only take memory.
    // nginx and gunicorn with the workers the images run (worker_processes auto, WEB_CONCURRENCY 3).
    const shop = await startStack({ example: "shop", djangoSeries: "4.2", workers: 0, imageConcurrency: true });
    stack = shop;
    const runserverPort = await freePort();
    // --noreload: the autoreloader's file polling would cost runserver CPU the stack does not pay.
    const runserverGroup = await shop.serveManage(["runserver", "--noreload", `127.0.0.1:${runserverPort}`], runserverPort);
    const ca = readFileSync(shop.pki.caCert, "utf8");
    const https = (path: string) => request("https", shop.ports.https, path, { ca });
    const forwarded = { "X-Forwarded-Proto": "https" };
    // A few orders, so the home page lists rows.
    for (const item of ["bread", "tea", "cake"]) await expectOk("the order page", () => https(`/order/?item=${item}`));
    const home = await expectOk("the home page through nginx", () => https("/"));
    const stylesheet = /\/static\/orders\/shop\.[0-9a-f]{12}\.css/.exec(home)?.[0];
    if (!stylesheet) throw new Error(`the home page links no hashed stylesheet: ${home.slice(0, 400)}`);
    await expectOk("the stylesheet through nginx", () => https(stylesheet));
    await expectOk("the home page on runserver", () => request("http", runserverPort, "/", { headers: forwarded }));
    await expectOk("the stylesheet on runserver", () => request("http", runserverPort, stylesheet, { headers: forwarded }));

    const generated: Target = {
      name: "stack",
      url: (path) => `https://${APP_HOST}:${shop.ports.https}${path}`,
      headers: [],
      // Read each time: a restarted app server is a new group.
      groups: () => Object.values(shop.serverGroups()),
    };
    const runserver: Target = {
      name: "runserver",
      url: (path) => `http://${APP_HOST}:${runserverPort}${path}`,
      headers: Object.entries(forwarded).map(([k, v]) => `${k}: ${v}`),
      groups: () => [runserverGroup],
    };
    const pages: Page[] = [
      { kind: "dynamic", path: "/", ratioTarget: 3 },
      { kind: "static", path: stylesheet, ratioTarget: 20 },
    ];
    // Warm-up: gunicorn's workers, pgbouncer's server connections, nginx's TLS session cache.
    for (const target of [generated, runserver])
      for (const page of pages) await runWrk(wrk, script, target.url(page.path), 10, 1, target.headers);
    const rows: BenchRow[] = [];
    for (const page of pages) {
      for (const connections of CONNECTIONS) {
        process.stderr.write(`bench: stack: ${page.kind} ${page.path} at ${connections} connections\n`);
        // The two take turns at each level, so a change in the machine's load falls on both alike.
        const ours = await measure(wrk, script, generated, page.path, connections);
        const reference = await measure(wrk, script, runserver, page.path, connections);
        rows.push({
          name: `${page.kind} ${page.kind === "static" ? "(hashed CSS)" : "(home, a query)"}, ${connections} conn.`,
          value: ours.rps,
          unit: "req/s",
          reference: reference.rps,
          referenceName: "runserver",
          ratio: reference.rps > 0 ? ours.rps / reference.rps : Number.NaN,
          note: notes(page, connections, ours, reference),
        });
      }
    }
    const compose = YAML.parse(readFileSync(join(shop.project, "compose.production.yaml"), "utf8")) as {
      services: { web?: { environment?: Record<string, string> } };
    };
    const appWorkers = compose.services.web?.environment?.WEB_CONCURRENCY ?? "?";
    rows.push({
      name: "setup",
      value: (performance.now() - started) / 1000,
      unit: "s",
      note: `start, measure and stop; load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end; wrk ${SECONDS} s a run (2 threads, ${WRK_TIMEOUT_S} s timeout); stack over HTTPS (nginx worker_processes auto, gunicorn ${appWorkers} sync workers: the web service's WEB_CONCURRENCY), runserver over HTTP (--noreload, threaded); ratio = stack / runserver requests/s`,
    });
    return rows;
  } finally {
    await stack?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await benchStack()) console.log(JSON.stringify(row));
}
