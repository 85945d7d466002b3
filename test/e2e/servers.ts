/**
 * Real servers for the scan end-to-end tests, on loopback only: a test CA made with openssl, nginx
 * with TLS in front of gunicorn serving examples/hardened (Django 5.2), runserver serving
 * examples/naive, and the djship CLI. Every server is started and stopped by the test that uses it.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";
import { djangoPath, isolatedArgs, PYTHON, SERVER_LIBRARIES } from "../helpers/python.js";

export { PYTHON };
export const NGINX = "/usr/sbin/nginx";
export const OBSERVATORY = join(REPO_ROOT, ".cache/observatory/node_modules/@mdn/mdn-http-observatory");
/** The name the hardened example serves (its ALLOWED_HOSTS); pinned to 127.0.0.1, never looked up. */
export const APP_HOST = "app.example.com";

/** Debian's PostgreSQL server programs, the newest major version installed (provision-e2e.sh). */
export const PG_BIN = (() => {
  const root = "/usr/lib/postgresql";
  let versions: string[] = [];
  try {
    versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  } catch {
    // not provisioned: the caller's provisionE2e reports it
  }
  return join(root, versions[0] ?? "15", "bin");
})();
export const IS_ROOT = process.getuid?.() === 0;
/** PostgreSQL and pgbouncer refuse to run as root: then they run as nobody. */
export const UNPRIVILEGED = 65534;

/** argv that runs a program as the unprivileged user when the tests run as root. */
export function unprivileged(command: string, args: readonly string[]): [string, string[]] {
  if (!IS_ROOT) return [command, [...args]];
  return ["setpriv", [`--reuid=${UNPRIVILEGED}`, `--regid=${UNPRIVILEGED}`, "--clear-groups", "--", command, ...args]];
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion with a time limit; never throws. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? { PATH: "/usr/bin:/bin" },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
        killSignal: "SIGKILL",
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}\n${error.message}` : stderr });
      },
    );
  });
}

let provisioned = false;

/** Runs scripts/provision-e2e.sh (idempotent) once per process; throws with its message when something is missing. */
export function provisionE2e(): void {
  if (provisioned) return;
  try {
    execFileSync("bash", [join(REPO_ROOT, "scripts/provision-e2e.sh")], { stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`scripts/provision-e2e.sh failed: ${stderr.trim() || (error as Error).message}`);
  }
  provisioned = true;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `djship-${prefix}-`));
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Pki {
  readonly dir: string;
  readonly caCert: string;
  /** Leaf for APP_HOST and 127.0.0.1, signed by the CA. */
  readonly cert: string;
  readonly key: string;
  /** Leaf then CA, as nginx's ssl_certificate wants it. */
  readonly fullchain: string;
  /** A self-signed certificate for APP_HOST and 127.0.0.1 (no CA). */
  readonly selfSignedCert: string;
  readonly selfSignedKey: string;
  /** Signed by the CA, for another name only. */
  readonly otherNameCert: string;
  readonly otherNameKey: string;
  /** Issues APP_HOST's leaf anew (a new key and serial, same CA) into cert, key and fullchain, as a renewal would. */
  renew(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/** A test CA and certificates, made with openssl at test time (EC P-256: fast handshakes). */
export function makePki(): Pki {
  const dir = tempDir("pki");
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "30",
      "-subj",
      "/CN=djship test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  const leaf = (name: string, sans: string) => {
    writeFileSync(
      join(dir, `${name}.ext`),
      `subjectAltName=${sans}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    openssl(["req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`], dir);
    openssl(
      [
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        `${name}.pem`,
        "-days",
        "90",
        "-extfile",
        `${name}.ext`,
      ],
      dir,
    );
  };
  leaf("app", `DNS:${APP_HOST},IP:127.0.0.1`);
  leaf("other", "DNS:other.example.net");
  openssl(
    [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "self.key",
      "-out",
      "self.pem",
      "-days",
      "90",
      "-subj",
      `/CN=${APP_HOST}`,
      "-addext",
      `subjectAltName=DNS:${APP_HOST},IP:127.0.0.1`,
    ],
    dir,
  );
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  writeFileSync(join(dir, "fullchain.pem"), read("app.pem") + read("ca.pem"));
  const renew = () => {
    leaf("app", `DNS:${APP_HOST},IP:127.0.0.1`);
    writeFileSync(join(dir, "fullchain.pem"), read("app.pem") + read("ca.pem"));
  };
  return {
    renew,
    dir,
    caCert: join(dir, "ca.pem"),
    cert: join(dir, "app.pem"),
    key: join(dir, "app.key"),
    fullchain: join(dir, "fullchain.pem"),
    selfSignedCert: join(dir, "self.pem"),
    selfSignedKey: join(dir, "self.key"),
    otherNameCert: join(dir, "other.pem"),
    otherNameKey: join(dir, "other.key"),
  };
}

/** Polls `url` (plain HTTP on loopback) until it answers, for at most `ms`. */
export async function waitForHttp(port: number, path: string, hostHeader: string, ms: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  for (let attempt = 0; Date.now() < deadline && attempt < 400; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
      });
      let data = "";
      socket.setTimeout(2000, () => socket.destroy());
      socket.on("data", (chunk) => {
        data += chunk.toString("latin1");
      });
      socket.on("close", () => resolve(/^HTTP\/1\.[01] [1-4]\d\d/.test(data)));
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server on 127.0.0.1:${port} did not answer within ${ms} ms:\n${logs().slice(-3000)}`);
}

/** A child process in its own process group, with its output kept for error messages. */
export class Child {
  readonly process: ChildProcess;
  #output = "";

  constructor(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.process = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-20_000);
    };
    this.process.stdout?.on("data", keep);
    this.process.stderr?.on("data", keep);
    this.process.on("error", (error) => keep(Buffer.from(`spawn error: ${error.message}\n`)));
  }

  get output(): string {
    return this.#output;
  }

  /** Stops the whole process group: TERM, then KILL after a second. */
  async stop(): Promise<void> {
    const pid = this.process.pid;
    if (!pid || this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 1000);
    await exited;
    clearTimeout(timer);
  }
}

/** Runs a Python script isolated, with exactly `path` importable (test/helpers/python.ts). */
function python(path: readonly string[], args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, isolatedArgs(path, args), { cwd, env, timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`python ${args.join(" ")} failed: ${stderr.slice(-3000)}`));
      else resolve();
    });
  });
}

function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1] as string] = match[2] as string;
  }
  return env;
}

/**
 * The example's nginx server blocks (deploy/nginx/app.conf), moved to loopback and test ports and
 * files: its headers, redirects, default servers and static location are kept as written. nginx
 * 1.22 (Debian bookworm) predates `http2 on;` (1.25.1), so HTTP/2 moves to the listen lines.
 */
export function hardenedNginxConf(options: {
  httpPort: number;
  httpsPort: number;
  upstreamPort: number;
  pki: Pki;
  staticRoot: string;
  certbotRoot: string;
}): string {
  const source = readFileSync(join(REPO_ROOT, "examples/hardened/deploy/nginx/app.conf"), "utf8");
  const { httpPort, httpsPort } = options;
  const conf = source
    .replace(/^\s*listen \[::\]:.*\n/gm, "")
    .replace(/^(\s*)listen 80( default_server)?;/gm, `$1listen 127.0.0.1:${httpPort}$2;`)
    .replace(/^(\s*)listen 443 ssl( default_server)?;/gm, `$1listen 127.0.0.1:${httpsPort} ssl http2$2;`)
    .replace(/^\s*http2 on;\n/gm, "")
    .replace(/server web:8000;/, `server 127.0.0.1:${options.upstreamPort};`)
    .replace(/ssl_certificate \S+;/, `ssl_certificate ${options.pki.fullchain};`)
    .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${options.pki.key};`)
    .replace(/ssl_trusted_certificate \S+;/, `ssl_trusted_certificate ${options.pki.caCert};`)
    .replace(/root \/var\/www\/certbot;/, `root ${options.certbotRoot};`)
    .replace(/alias \/app\/staticfiles\/;/, `alias ${options.staticRoot}/;`)
    .replace("return 301 https://$host$request_uri;", `return 301 https://$host:${httpsPort}$request_uri;`);
  for (const leftover of ["/etc/letsencrypt", "web:8000", "alias /app/staticfiles", "listen 80", "listen 443", "[::]"]) {
    if (conf.includes(leftover))
      throw new Error(`examples/hardened/deploy/nginx/app.conf changed: "${leftover}" is left after the rewrite`);
  }
  return conf;
}

/**
 * The main nginx.conf around a server-block file, as the nginx image's own (no gzip: it ships
 * commented out), except for one worker process where the image has `auto`, unless asked: the tests
 * share a small machine.
 */
function nginxMainConf(dir: string, include: string, workerProcesses: number | "auto"): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return [
    "daemon off;",
    `worker_processes ${workerProcesses};`,
    // As root, workers would run as nobody and could not read the test's 0700 temporary folders.
    ...(process.getuid?.() === 0 ? ["user root;"] : []),
    `pid ${join(dir, "nginx.pid")};`,
    `error_log ${join(dir, "error.log")} warn;`,
    "events { worker_connections 512; }",
    "http {",
    "  include /etc/nginx/mime.types;",
    "  default_type application/octet-stream;",
    "  access_log off;",
    "  sendfile on;",
    "  keepalive_timeout 65;",
    // The example runs nginx 1.28, whose default is TLS 1.2 and 1.3; Debian's 1.22 still defaults to
    // 1.0-1.2, and the example's default_server (which sets none) decides the protocols per socket.
    "  ssl_protocols TLSv1.2 TLSv1.3;",
    `  ${temp("client_body")} ${temp("proxy")} ${temp("fastcgi")} ${temp("uwsgi")} ${temp("scgi")}`,
    `  include ${include};`,
    "}",
    "",
  ].join("\n");
}

/** Starts nginx with a server-block file; resolves when `probePort` answers. */
export async function startNginx(
  dir: string,
  serverBlocks: string,
  probePort: number,
  hostHeader: string,
  workerProcesses: number | "auto" = 1,
): Promise<Child> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "servers.conf"), serverBlocks);
  writeFileSync(join(dir, "nginx.conf"), nginxMainConf(dir, join(dir, "servers.conf"), workerProcesses));
  const child = new Child(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")]);
  try {
    await waitForHttp(probePort, "/", hostHeader, 15_000, () => {
      let log = "";
      try {
        log = readFileSync(join(dir, "error.log"), "utf8");
      } catch {
        // no log yet
      }
      return child.output + log;
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}

export interface Target {
  readonly dir: string;
  readonly stop: () => Promise<void>;
}

export interface HardenedTarget extends Target {
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly httpUrl: string;
  readonly httpsUrl: string;
  /** --resolve values that pin APP_HOST to 127.0.0.1 on both ports. */
  readonly resolve: readonly string[];
}

/**
 * examples/hardened under Django 5.2: a copy (collectstatic and the SQLite file stay out of the
 * repository), its production.env with what it needs to run here — SQLite instead of PostgreSQL,
 * loopback addresses for Redis, the broker and SMTP (never contacted), no Sentry DSN (nothing
 * leaves the machine) — gunicorn with its own gunicorn.conf.py bound to loopback, nginx in front.
 */
export async function startHardened(pki: Pki): Promise<HardenedTarget> {
  const dir = tempDir("hardened");
  const app = join(dir, "app");
  cpSync(join(REPO_ROOT, "examples/hardened"), app, { recursive: true });
  const upstreamPort = await freePort();
  const httpPort = await freePort();
  const httpsPort = await freePort();
  const path = [...djangoPath("5.2"), SERVER_LIBRARIES];
  const env: NodeJS.ProcessEnv = {
    PATH: "/usr/bin:/bin",
    ...readEnvFile(join(app, "production.env")),
    DATABASE_URL: `sqlite:///${join(dir, "db.sqlite3")}`,
    REDIS_URL: "redis://127.0.0.1:1/0",
    CELERY_BROKER_URL: "redis://127.0.0.1:1/1",
    EMAIL_HOST: "127.0.0.1",
    EMAIL_PORT: "1",
    SENTRY_DSN: "",
    GUNICORN_WORKERS: "2",
  };
  await python(path, ["manage.py", "collectstatic", "--noinput", "-v0"], app, env);
  await python(path, ["manage.py", "migrate", "--noinput", "-v0"], app, env);
  const gunicorn = new Child(
    PYTHON,
    isolatedArgs(path, [
      "-m",
      "gunicorn",
      "--config",
      "gunicorn.conf.py",
      "--bind",
      `127.0.0.1:${upstreamPort}`,
      "--worker-tmp-dir",
      dir,
      "--access-logfile",
      "-",
    ]),
    { cwd: app, env },
  );
  let nginx: Child | undefined;
  try {
    await waitForHttp(upstreamPort, "/healthz", APP_HOST, 30_000, () => gunicorn.output);
    const certbotRoot = join(dir, "certbot");
    mkdirSync(certbotRoot);
    const conf = hardenedNginxConf({ httpPort, httpsPort, upstreamPort, pki, staticRoot: join(app, "staticfiles"), certbotRoot });
    nginx = await startNginx(join(dir, "nginx"), conf, httpPort, APP_HOST);
  } catch (error) {
    await gunicorn.stop();
    throw error;
  }
  const started = nginx;
  return {
    dir,
    httpPort,
    httpsPort,
    httpUrl: `http://${APP_HOST}:${httpPort}/`,
    httpsUrl: `https://${APP_HOST}:${httpsPort}/`,
    resolve: [`${APP_HOST}:${httpPort}:127.0.0.1`, `${APP_HOST}:${httpsPort}:127.0.0.1`],
    stop: async () => {
      await started.stop();
      await gunicorn.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NaiveTarget extends Target {
  readonly port: number;
  readonly url: string;
}

/** examples/naive as its Procfile runs it: manage.py runserver with its DEBUG = True, under its pinned Django 4.2. */
export async function startNaive(): Promise<NaiveTarget> {
  const dir = tempDir("naive");
  const app = join(dir, "app");
  cpSync(join(REPO_ROOT, "examples/naive"), app, { recursive: true });
  const port = await freePort();
  const path = [...djangoPath("4.2"), SERVER_LIBRARIES];
  const env: NodeJS.ProcessEnv = { PATH: "/usr/bin:/bin" };
  await python(path, ["manage.py", "migrate", "--noinput", "-v0"], app, env);
  const server = new Child(PYTHON, isolatedArgs(path, ["manage.py", "runserver", `127.0.0.1:${port}`, "--noreload"]), {
    cwd: app,
    env,
  });
  try {
    await waitForHttp(port, "/", `127.0.0.1:${port}`, 30_000, () => server.output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    dir,
    port,
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the built CLI (bin/djship.js) with a time limit. */
export function runCli(args: readonly string[], timeoutMs = 60_000): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, "bin/djship.js"), ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code as number) : error ? null : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

export interface ZooTarget extends Target {
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly url: string;
}

/** Headers a zoo site answers with, by variant: a mix of the weaknesses both djship and the Observatory judge. */
export const ZOO_VARIANTS = {
  /** Lax everywhere: inline scripts, short HSTS, unsafe referrer, reflected CORS with credentials, a bare session cookie. */
  lax: {
    redirect: "via-http",
    headers: {
      "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
      "X-Content-Type-Options": "sniff",
      "Referrer-Policy": "unsafe-url",
      "Strict-Transport-Security": "max-age=300",
      "Set-Cookie": "sessionid=abc123; Path=/; SameSite=Lax",
    },
    cors: "reflect-with-credentials",
  },
  /**
   * Half-hardened: a temporary (302) redirect to HTTPS, report-only CSP, ALLOW-FROM, a year of HSTS
   * without preload, a CSRF cookie without SameSite, a wildcard with credentials.
   */
  partial: {
    redirect: "temporary",
    headers: {
      "Content-Security-Policy-Report-Only": "default-src 'self'",
      "X-Frame-Options": "ALLOW-FROM https://partner.example.net",
      "X-Content-Type-Options": "nosniff",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
      "Set-Cookie": "csrftoken=xyz; Secure; Path=/",
    },
    cors: "wildcard-with-credentials",
  },
} as const;

/**
 * A small HTTPS site (Node's https, the test CA's certificate for 127.0.0.1) that answers every
 * path alike with one ZOO_VARIANTS header set, and its plain-HTTP twin that redirects to it.
 */
export async function startZoo(pki: Pki, variant: keyof typeof ZOO_VARIANTS): Promise<ZooTarget> {
  const { createServer: createHttps } = await import("node:https");
  const { createServer: createHttp } = await import("node:http");
  const spec = ZOO_VARIANTS[variant];
  const httpsServer = createHttps({ cert: readFileSync(pki.fullchain), key: readFileSync(pki.key) }, (request, response) => {
    const origin = request.headers.origin;
    const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8", ...spec.headers };
    if (origin && spec.cors === "reflect-with-credentials") {
      headers["Access-Control-Allow-Origin"] = origin;
      headers["Access-Control-Allow-Credentials"] = "true";
    } else if (origin && spec.cors === "wildcard-with-credentials") {
      headers["Access-Control-Allow-Origin"] = "*";
      headers["Access-Control-Allow-Credentials"] = "true";
    }
    response.writeHead(200, headers);
    response.end(
      request.method === "HEAD"
        ? undefined
        : `<!doctype html><html><head><title>Zoo ${variant}</title></head><body>${variant}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => httpsServer.listen(0, "127.0.0.1", resolve));
  const httpsPort = (httpsServer.address() as net.AddressInfo).port;
  const httpServer = createHttp((request, response) => {
    if (spec.redirect === "via-http" && request.url === "/") {
      response.writeHead(301, { Location: "/step" }).end();
      return;
    }
    response.writeHead(spec.redirect === "temporary" ? 302 : 301, { Location: `https://127.0.0.1:${httpsPort}/` }).end();
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const httpPort = (httpServer.address() as net.AddressInfo).port;
  return {
    dir: pki.dir,
    httpPort,
    httpsPort,
    url: `http://127.0.0.1:${httpPort}/`,
    stop: async () => {
      httpsServer.closeAllConnections();
      httpServer.closeAllConnections();
      await Promise.all([new Promise((r) => httpsServer.close(r)), new Promise((r) => httpServer.close(r))]);
    },
  };
}
