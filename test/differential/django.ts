import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";
import { djangoPath, ISOLATION_FLAGS, PYTHON, provisionPython } from "../helpers/python.js";

const PROBE = join(REPO_ROOT, "test/differential/django_probe.py");
/** Seconds one case may take in Django before its child is killed. */
const CASE_TIMEOUT = 60;

/** Provisions Django for the differential tests (idempotent), or fails loudly naming what is missing. */
export function assertProvisioned(): void {
  provisionPython();
}

export type DjangoAnswer =
  | {
      ok: true;
      django: string;
      values?: Record<string, unknown>;
      messages?: { id: string; level: number; silenced: boolean; msg: string }[];
    }
  | { ok: false; error: { type: string; message: string; variable: string | null } };

interface Waiting {
  resolve(answer: DjangoAnswer): void;
  reject(error: Error): void;
}

/**
 * One long-lived Django process per series (django_probe.py serve): it imports Django once and
 * forks a child per case, so a case costs the project's own imports, not a Python start-up and
 * Django's. Cases may be in flight at once; each answer carries the id of its request.
 */
class ProbeServer {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private buffer = "";
  private stderr = "";

  constructor(private readonly series: string) {}

  ask(cwd: string, env: Record<string, string>, mode: "settings" | "check"): Promise<DjangoAnswer> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    const request = { id, cwd, env, mode, timeout: CASE_TIMEOUT };
    return new Promise<DjangoAnswer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.hold(true);
      child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(PYTHON, [...ISOLATION_FLAGS, PROBE, "serve", djangoPath(this.series).join(":")], {
      cwd: REPO_ROOT,
      env: { PATH: "/usr/bin:/bin" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child = child;
    this.buffer = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf("\n");
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.trim() !== "") this.receive(line);
        newline = this.buffer.indexOf("\n");
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    const fail = (reason: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      const error = new Error(`the Django ${this.series} probe ${reason}:\n${this.stderr.slice(-2000)}`);
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    child.on("error", (error) => fail(`could not run (${error.message})`));
    child.on("exit", (code, signal) => fail(`exited (${signal ?? code})`));
    child.stdin.on("error", () => {});
    return child;
  }

  private receive(line: string): void {
    let message: { id?: number; answer?: DjangoAnswer; probeError?: string };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      this.stderr += `\nnot JSON from the probe: ${line.slice(0, 500)}`;
      return;
    }
    const waiting = message.id === undefined ? undefined : this.waiting.get(message.id);
    if (!waiting || message.id === undefined) return;
    this.waiting.delete(message.id);
    if (this.waiting.size === 0) this.hold(false);
    if (message.answer) waiting.resolve(message.answer);
    else waiting.reject(new Error(`Django probe failed: ${message.probeError ?? "no answer"}`));
  }

  /** Keeps Node running while answers are awaited, and lets it exit (closing the probe's stdin, which ends it) when none are. */
  private hold(busy: boolean): void {
    const child = this.child;
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as { ref(): void; unref(): void }[]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }
}

const servers = new Map<string, ProbeServer>();

/**
 * Asks real Django for its resolved settings or its check messages, as a process started from the
 * project root with exactly `env` (plus PATH and the settings module) would see them.
 */
export function askDjango(
  projectRoot: string,
  series: string,
  settingsModule: string,
  env: Record<string, string>,
  mode: "settings" | "check",
): Promise<DjangoAnswer> {
  let server = servers.get(series);
  if (!server) {
    djangoPath(series);
    server = new ProbeServer(series);
    servers.set(series, server);
  }
  return server.ask(projectRoot, { ...env, PATH: "/usr/bin:/bin", DJANGO_SETTINGS_MODULE: settingsModule }, mode);
}

/** Runs async jobs with at most `limit` at once, keeping their order. */
export async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
