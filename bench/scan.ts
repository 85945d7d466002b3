/**
 * Benchmarks of `djship scan`, all on loopback:
 *  (a) djship against the MDN HTTP Observatory 1.4.8 on the same local targets in the same run
 *      (the hardened example behind nginx, the naive one on runserver, two small sites), each
 *      tool a fresh process per target as a user runs it; the ratio of the medians.
 *  (b) 100 local HTTPS sites (one nginx, 100 ports) scanned in one `djship scan` run: sites/s.
 * Target, not asserted: djship no slower than the Observatory while checking more.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { observatory } from "../test/e2e/observatory.js";
import {
  freePort,
  makePki,
  type Pki,
  provisionE2e,
  runCli,
  startHardened,
  startNaive,
  startNginx,
  startZoo,
  type Target,
  tempDir,
} from "../test/e2e/servers.js";
import { type BenchRow, median } from "./stats.js";

interface LocalTarget {
  readonly name: string;
  readonly djship: string[];
  readonly observatory: { host: string; httpPort: number; httpsPort: number };
}

async function versusObservatory(pki: Pki, rounds: number): Promise<BenchRow[]> {
  const [hardened, naive, lax, partial] = await Promise.all([
    startHardened(pki),
    startNaive(),
    startZoo(pki, "lax"),
    startZoo(pki, "partial"),
  ]);
  const stoppers: Target[] = [hardened, naive, lax, partial];
  try {
    const closed = await freePort();
    const targets: LocalTarget[] = [
      {
        name: "hardened",
        djship: [hardened.httpUrl, ...hardened.resolve.flatMap((r) => ["--resolve", r])],
        observatory: { host: "app.example.com", httpPort: hardened.httpPort, httpsPort: hardened.httpsPort },
      },
      { name: "naive", djship: [naive.url], observatory: { host: "127.0.0.1", httpPort: naive.port, httpsPort: closed } },
      { name: "lax", djship: [lax.url], observatory: { host: "127.0.0.1", httpPort: lax.httpPort, httpsPort: lax.httpsPort } },
      {
        name: "partial",
        djship: [partial.url],
        observatory: { host: "127.0.0.1", httpPort: partial.httpPort, httpsPort: partial.httpsPort },
      },
    ];
    const ours: number[] = [];
    const theirs: number[] = [];
    // One warm-up round each (file cache, nginx and gunicorn workers), then alternate the tools.
    for (let round = 0; round <= rounds; round++) {
      let djshipMs = 0;
      let observatoryMs = 0;
      for (const target of targets) {
        const run = await runCli(["scan", ...target.djship, "--ca", pki.caCert, "--format", "json", "--fail-on", "never"]);
        if (run.code !== 0) throw new Error(`djship scan failed on ${target.name}: ${run.stderr}`);
        djshipMs += run.ms;
        const started = performance.now();
        await observatory(pki, target.observatory.host, target.observatory.httpPort, target.observatory.httpsPort);
        observatoryMs += performance.now() - started;
      }
      if (round === 0) continue;
      ours.push(djshipMs);
      theirs.push(observatoryMs);
    }
    const djship = median(ours);
    const mdn = median(theirs);
    return [
      {
        name: "4 local targets, djship vs Observatory",
        value: Math.round(djship),
        unit: "ms",
        reference: Math.round(mdn),
        referenceName: "MDN HTTP Observatory 1.4.8, 10 tests (djship runs 23 probes)",
        ratio: mdn / djship,
      },
    ];
  } finally {
    await Promise.all(stoppers.map((t) => t.stop()));
  }
}

/** One nginx serving `count` small HTTPS sites, one per port, with a hashed stylesheet each. */
async function siteFarm(pki: Pki, count: number): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const dir = tempDir("farm");
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const blocks = ports.map(
    (port, i) => `server {
  listen 127.0.0.1:${port} ssl http2;
  server_name _;
  server_tokens off;
  ssl_certificate ${pki.fullchain};
  ssl_certificate_key ${pki.key};
  add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;
  add_header X-Content-Type-Options nosniff always;
  add_header X-Frame-Options DENY always;
  add_header Referrer-Policy same-origin always;
  add_header Cross-Origin-Opener-Policy same-origin always;
  location = / { default_type text/html; return 200 '<!doctype html><title>site ${i}</title><link rel="stylesheet" href="/static/site.0123456789ab.css">'; }
  location /static/ { expires 30d; default_type text/css; return 200 'body{margin:0}'; }
  location / { return 404; }
}
`,
  );
  const nginx = await startNginx(dir, blocks.join("\n"), ports[0] as number, "127.0.0.1");
  return {
    urls: ports.map((p) => `https://127.0.0.1:${p}/`),
    stop: async () => {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function manySites(pki: Pki, count: number, concurrency: number): Promise<BenchRow[]> {
  const farm = await siteFarm(pki, count);
  try {
    const file = join(pki.dir, "farm-urls.txt");
    writeFileSync(file, `${farm.urls.join("\n")}\n`);
    const rates: number[] = [];
    for (let round = 0; round < 3; round++) {
      const run = await runCli(
        ["scan", "--from", file, "--ca", pki.caCert, "--concurrency", String(concurrency), "--format", "json"],
        300_000,
      );
      if (!run.stdout.trim()) throw new Error(`djship scan of the farm printed nothing (exit ${run.code}): ${run.stderr.slice(-2000)}`);
      const document = JSON.parse(run.stdout) as { sites: { error: unknown }[] };
      const failed = document.sites.filter((s) => s.error).length;
      if (failed > 0) throw new Error(`${failed} of ${count} farm sites could not be scanned`);
      rates.push(count / (run.ms / 1000));
    }
    const rate = median(rates);
    return [
      {
        name: `${count} local HTTPS sites in one run`,
        value: Number(rate.toFixed(1)),
        unit: "sites/s",
        note: `${Math.round((count / rate) * 1000)} ms, concurrency ${concurrency}`,
      },
    ];
  } finally {
    await farm.stop();
  }
}

/** Runs both scan benchmarks; the rows for `npm run bench`. */
export async function benchScan(options: { rounds?: number; sites?: number; concurrency?: number } = {}): Promise<BenchRow[]> {
  provisionE2e();
  const pki = makePki();
  try {
    return [
      ...(await versusObservatory(pki, options.rounds ?? 5)),
      ...(await manySites(pki, options.sites ?? 100, options.concurrency ?? 16)),
    ];
  } finally {
    rmSync(pki.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchScan();
  for (const row of rows)
    console.log(
      `${row.name.padEnd(50)} ${String(row.value).padStart(8)} ${row.unit}${row.reference ? `  (${row.referenceName}: ${row.reference} ${row.unit})` : ""}`,
    );
}
