/**
 * Whole-run results of `djship audit`, kept by everything the run read, so that a run over a tree
 * nothing has changed in prints the recorded report without loading djship at all (bin/djship.js
 * asks here before it reads the bundle; scripts/bundle.mjs builds this module on its own).
 *
 * Never stale, by construction rather than by a list of inputs to remember: while a run is
 * recorded, every read the process makes of the file system (node:fs, whichever module calls it)
 * is noted with what it returned — a listing, a stat, a realpath, the bytes read — and a later run
 * replays each of those reads and serves the record only when every one returns the same again.
 * What is not read from the file system is in the key: the arguments, the working folder, the
 * whole environment (hashed, never stored), the user, today's date (util/clock.ts), the build of
 * djship, and whether the output is a terminal. A run that reads the file system in a way not
 * modelled here, writes to stderr, or writes its report to a file is not recorded. Records are
 * written atomically (util/cache-dir.ts), so concurrent runs each read a whole one.
 */
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import { join, resolve, sep } from "node:path";
import { cacheDir, writeFileAtomic } from "../util/cache-dir.js";

const FORMAT = 1;
/** Records kept at most: one per command line and folder; the least recently written go first. */
export const MAX_RECORDS = 200;
/** Reports and observations past these bounds are not kept: such a run is simply not recorded. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;
const MAX_OBSERVATIONS = 200_000;
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const MAX_HELD_BYTES = 512 * 1024 * 1024;

interface AuditRecord {
  readonly format: number;
  /** The hash of the key material: a second check beside the file name. */
  readonly key: string;
  /** [kind, path, variant, result]: one read of the file system and what it returned. */
  readonly observations: readonly (readonly [string, string, string, string])[];
  /**
   * The SHA-256 of the bytes of every "read" observation one after the other, in their order: one
   * hash for all of them, since starting a hash per file is most of the cost of a replay of
   * thousands (the observations give each one's length, so the concatenation is unambiguous).
   */
  readonly contents: string;
  readonly stdout: string;
  readonly exitCode: number;
}

/** Options that write files or print help: such runs are not recorded. */
const UNCACHED_OPTIONS = /^(--no-cache|-o|--output|--write-baseline|--help|-h)(=|$)/;

/** Whether this command line may be served from, and recorded into, the result cache. */
export function isCacheable(argv: readonly string[]): boolean {
  return argv[0] === "audit" && !argv.some((arg) => UNCACHED_OPTIONS.test(arg) || /^-o./.test(arg));
}

function sha(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("base64url");
}

/** What the run's result can depend on besides the file system. `build` identifies djship's code. */
function keyOf(argv: readonly string[], build: string): string {
  const environment = Object.entries(process.env)
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  const now = new Date();
  return sha(
    JSON.stringify([
      FORMAT,
      build,
      process.version,
      process.platform,
      process.cwd(),
      process.getuid?.() ?? null,
      process.getgid?.() ?? null,
      // util/clock.ts: rules see the UTC day.
      `${now.getUTCFullYear()}-${now.getUTCMonth()}-${now.getUTCDate()}`,
      Boolean(process.stdout.isTTY),
      Boolean(process.stderr.isTTY),
      process.stdout.columns ?? null,
      environment,
      argv,
    ]),
  );
}

function recordFile(key: string): { file: string; folder: string } | undefined {
  const root = cacheDir();
  if (!root) return undefined;
  const folder = join(root, `audit-v${FORMAT}`);
  return { file: join(folder, `${key}.json`), folder };
}

function errorCode(error: unknown): string {
  return `!${(error as NodeJS.ErrnoException).code ?? "error"}`;
}

function statSummary(stat: fs.Stats | fs.BigIntStats | undefined): string {
  if (!stat) return "!ENOENT";
  const type = stat.isFile() ? "f" : stat.isDirectory() ? "d" : stat.isSymbolicLink() ? "l" : "o";
  return `${type}:${stat.size}:${stat.mode}:${stat.mtimeMs}`;
}

function direntType(entry: fs.Dirent): string {
  return entry.isFile() ? "f" : entry.isDirectory() ? "d" : entry.isSymbolicLink() ? "l" : "o";
}

function listingSummary(entries: readonly (string | Buffer | fs.Dirent)[]): string {
  const parts = entries.map((entry) =>
    typeof entry === "string" || Buffer.isBuffer(entry) ? String(entry) : `${direntType(entry)}${entry.name}`,
  );
  return sha(parts.join("\0"));
}

function contentSummary(data: string | Uint8Array): string {
  return `${typeof data === "string" ? Buffer.byteLength(data) : data.length}:${sha(data)}`;
}

/** The same observation made again now, for a replay: the same function as the recording wrapper sees. */
function observeAgain(kind: string, path: string, variant: string, contents: Hash): string {
  switch (kind) {
    case "stat":
    case "lstat":
      try {
        return statSummary((kind === "stat" ? fs.statSync : fs.lstatSync)(path));
      } catch (error) {
        return errorCode(error);
      }
    case "exists":
      return fs.existsSync(path) ? "1" : "0";
    case "realpath":
      try {
        return fs.realpathSync(path);
      } catch (error) {
        return errorCode(error);
      }
    case "readdir":
      try {
        return listingSummary(variant === "types" ? fs.readdirSync(path, { withFileTypes: true }) : fs.readdirSync(path));
      } catch (error) {
        return errorCode(error);
      }
    case "readFile":
      try {
        return contentSummary(fs.readFileSync(path));
      } catch (error) {
        return errorCode(error);
      }
    case "read":
      return readAgain(path, variant, contents);
    default:
      return "!unknown";
  }
}

/**
 * A file opened and read through a descriptor: its stat, then (unless `variant` is "-": only
 * stat-ed) the first `variant` bytes and whether they were all of it.
 */
function readAgain(path: string, variant: string, contents: Hash): string {
  let fd: number;
  try {
    fd = fs.openSync(path, "r");
  } catch (error) {
    return errorCode(error);
  }
  try {
    const stat = statSummary(fs.fstatSync(fd));
    if (variant === "-") return `${stat}|-`;
    const length = Number(variant);
    const buffer = Buffer.alloc(length + 1);
    let total = 0;
    while (total < buffer.length) {
      const read = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    const bytes = buffer.subarray(0, Math.min(total, length));
    contents.update(bytes);
    return `${stat}|${readSummary(bytes.length, total <= length)}`;
  } catch (error) {
    return errorCode(error);
  } finally {
    fs.closeSync(fd);
  }
}

function readSummary(length: number, atEnd: boolean): string {
  return `${length}:${atEnd ? "end" : "more"}`;
}

/**
 * Serves the report recorded for this command line when every read it made returns the same now.
 * Returns whether it did; on false the caller runs djship as usual.
 */
export function replay(argv: readonly string[], build: string): boolean {
  if (!isCacheable(argv)) return false;
  const key = keyOf(argv, build);
  const place = recordFile(key);
  if (!place) return false;
  let record: AuditRecord;
  try {
    if (fs.statSync(place.file).size > MAX_RECORD_BYTES) return false;
    record = JSON.parse(fs.readFileSync(place.file, "utf8")) as AuditRecord;
    if (!isRecord(record, key)) return false;
    const contents = createHash("sha256");
    for (const [kind, path, variant, result] of record.observations)
      if (observeAgain(kind, path, variant, contents) !== result) return false;
    if (contents.digest("base64url") !== record.contents) return false;
  } catch {
    // No record, or one that does not read: the run audits, and records it anew.
    return false;
  }
  process.exitCode = record.exitCode;
  writeOut(record.stdout);
  return true;
}

/**
 * Writes the report to fd 1 directly: process.stdout would load Node's stream classes, a few
 * milliseconds of a run that has nothing else to do. A non-blocking pipe that is full (EAGAIN)
 * takes the rest through process.stdout; a closed one (EPIPE) ends the output quietly, as cli/main.ts does.
 */
function writeOut(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += fs.writeSync(1, bytes, written, bytes.length - written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    process.stdout.write(bytes.subarray(written));
  }
}

function isRecord(value: unknown, key: string): value is AuditRecord {
  const record = value as AuditRecord;
  return (
    typeof record === "object" &&
    record !== null &&
    record.format === FORMAT &&
    record.key === key &&
    typeof record.stdout === "string" &&
    typeof record.contents === "string" &&
    (record.exitCode === 0 || record.exitCode === 1) &&
    Array.isArray(record.observations) &&
    record.observations.every((o) => Array.isArray(o) && o.length === 4 && o.every((part) => typeof part === "string"))
  );
}

type Patched = [object, string, unknown];

/** The fs functions a recorded run may read through, and their promise twins; any other read of the file system makes a run unrecordable. */
const UNMODELLED_READS = [
  "access",
  "accessSync",
  "exists",
  "fstat",
  "lstat",
  "open",
  "opendir",
  "opendirSync",
  "read",
  "readdir",
  "readFile",
  "readlink",
  "readlinkSync",
  "readv",
  "readvSync",
  "realpath",
  "stat",
  "statfs",
  "statfsSync",
  "createReadStream",
  "watch",
  "watchFile",
];
const UNMODELLED_PROMISE_READS = ["access", "lstat", "open", "opendir", "readdir", "readlink", "realpath", "stat", "statfs", "watch"];

export interface Recording {
  /** Stops recording and, when the run can be replayed, writes its record. */
  finish(): void;
}

/**
 * Starts recording a run of `argv`: wraps node:fs (whose functions the bundle looks up at each call)
 * and the standard streams until {@link Recording.finish}. Reads of djship's own cache folder are
 * left out: no report depends on them (the parse cache gives back exactly what parsing would).
 */
export function record(argv: readonly string[], build: string): Recording | undefined {
  if (!isCacheable(argv)) return undefined;
  const key = keyOf(argv, build);
  const place = recordFile(key);
  if (!place) return undefined;
  const own = resolve(cacheDir() ?? place.folder);
  const observations = new Map<string, readonly [string, string, string, string]>();
  let recordable = true;
  const isOwn = (path: unknown) => {
    if (typeof path !== "string") return false;
    const absolute = resolve(path);
    return absolute === own || absolute.startsWith(own + sep);
  };
  const contents = createHash("sha256");
  const note = (kind: string, path: unknown, variant: string, result: string, bytes?: Uint8Array) => {
    if (!recordable) return;
    if (typeof path !== "string") {
      // A Buffer or URL path, or a descriptor: not modelled.
      recordable = false;
      return;
    }
    if (isOwn(path)) return;
    // Replays run from the same working folder (it is in the key), so relative paths stay as they are.
    const id = `${kind}\0${path}\0${variant}`;
    const earlier = observations.get(id);
    // The same read returning two answers in one run: the tree changed under it.
    if (earlier && earlier[3] !== result) recordable = false;
    else if (!earlier) {
      observations.set(id, [kind, path, variant, result]);
      if (bytes) contents.update(bytes);
    }
    if (observations.size > MAX_OBSERVATIONS) recordable = false;
  };
  const patched: Patched[] = [];
  // Node's own fs functions call each other (readFileSync opens and closes through fs.openSync):
  // only the outermost call is the program's read.
  let depth = 0;
  const patch = (target: object, name: string, wrapper: (original: (...args: never[]) => unknown) => (...args: unknown[]) => unknown) => {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original !== "function") return;
    patched.push([target, name, original]);
    const observed = wrapper(original as (...args: never[]) => unknown);
    const outermost = function (this: unknown, ...args: unknown[]) {
      if (depth > 0) return (original as (...a: unknown[]) => unknown).apply(this, args);
      depth++;
      try {
        return observed.apply(this, args);
      } finally {
        depth--;
      }
    };
    (target as Record<string, unknown>)[name] = Object.assign(outermost, original, observed);
  };
  const call = (original: (...args: never[]) => unknown, args: unknown[]) => (original as (...a: unknown[]) => unknown)(...args);

  for (const name of ["statSync", "lstatSync"] as const) {
    patch(fs, name, (original) => (...args: unknown[]) => {
      const kind = name === "statSync" ? "stat" : "lstat";
      try {
        const stat = call(original, args) as fs.Stats | undefined;
        note(kind, args[0], "", statSummary(stat));
        return stat;
      } catch (error) {
        note(kind, args[0], "", errorCode(error));
        throw error;
      }
    });
  }
  patch(fs, "existsSync", (original) => (...args: unknown[]) => {
    const exists = call(original, args) as boolean;
    note("exists", args[0], "", exists ? "1" : "0");
    return exists;
  });
  const realpathNative = fs.realpathSync.native;
  patch(fs, "realpathSync", (original) => {
    const wrapped = (...args: unknown[]) => {
      try {
        const real = call(original, args) as string;
        note("realpath", args[0], "", String(real));
        return real;
      } catch (error) {
        note("realpath", args[0], "", errorCode(error));
        throw error;
      }
    };
    // The native resolution can differ from this one (case, mount points): not modelled.
    const native = (...args: unknown[]) => {
      recordable = false;
      return call(realpathNative as (...a: never[]) => unknown, args);
    };
    return Object.assign(wrapped, { native });
  });
  patch(fs, "readdirSync", (original) => (...args: unknown[]) => {
    const options = args[1];
    const withTypes = typeof options === "object" && options !== null && (options as { withFileTypes?: boolean }).withFileTypes === true;
    if (typeof options === "object" && options !== null && (options as { recursive?: boolean }).recursive) recordable = false;
    try {
      const entries = call(original, args) as (string | fs.Dirent)[];
      note("readdir", args[0], withTypes ? "types" : "", listingSummary(entries));
      return entries;
    } catch (error) {
      note("readdir", args[0], withTypes ? "types" : "", errorCode(error));
      throw error;
    }
  });
  patch(fs, "readFileSync", (original) => (...args: unknown[]) => {
    try {
      const data = call(original, args) as string | Buffer;
      note("readFile", args[0], "", contentSummary(typeof data === "string" ? Buffer.from(data) : data));
      return data;
    } catch (error) {
      note("readFile", args[0], "", errorCode(error));
      throw error;
    }
  });
  patch(fs.promises, "readFile", (original) => async (...args: unknown[]) => {
    try {
      const data = (await call(original, args)) as string | Buffer;
      note("readFile", args[0], "", contentSummary(typeof data === "string" ? Buffer.from(data) : data));
      return data;
    } catch (error) {
      note("readFile", args[0], "", errorCode(error));
      throw error;
    }
  });

  // Reads through a descriptor (util/fs.ts readBounded): open, fstat, sequential reads, close.
  // The bytes of each file read, to tell a second read that differs: what the workspace holds anyway.
  const readBytes = new Map<string, Buffer>();
  let heldBytes = 0;
  const descriptors = new Map<number, { path: string; stat: string; chunks: Buffer[]; reads: number; length: number; atEnd: boolean }>();
  patch(fs, "openSync", (original) => (...args: unknown[]) => {
    const flags = args[1] ?? "r";
    const reading = flags === "r" || flags === fs.constants.O_RDONLY;
    try {
      const fd = call(original, args) as number;
      if (reading && typeof args[0] === "string" && !isOwn(args[0]))
        descriptors.set(fd, { path: args[0], stat: "", chunks: [], reads: 0, length: 0, atEnd: false });
      return fd;
    } catch (error) {
      if (reading) note("read", args[0], "", errorCode(error));
      throw error;
    }
  });
  patch(fs, "fstatSync", (original) => (...args: unknown[]) => {
    const stat = call(original, args) as fs.Stats;
    const open = descriptors.get(args[0] as number);
    if (open) open.stat = statSummary(stat);
    return stat;
  });
  patch(fs, "readSync", (original) => (...args: unknown[]) => {
    const open = descriptors.get(args[0] as number);
    const read = call(original, args) as number;
    if (open) {
      open.reads++;
      const [, buffer, offset, , position] = args as [number, Uint8Array, number | undefined, number, number | null | undefined];
      // Only sequential reads into a buffer at an offset are modelled (what readBounded does).
      if ((position !== null && position !== undefined) || typeof offset !== "number") recordable = false;
      else if (read === 0) open.atEnd = true;
      else {
        open.chunks.push(Buffer.from(buffer.subarray(offset, offset + read)));
        open.length += read;
      }
    }
    return read;
  });
  patch(fs, "closeSync", (original) => (...args: unknown[]) => {
    const open = descriptors.get(args[0] as number);
    if (open) {
      descriptors.delete(args[0] as number);
      // What a replay compares: the stat, the bytes read, and whether the reading met the end.
      if (!open.stat) recordable = false;
      else if (open.reads === 0) note("read", open.path, "-", `${open.stat}|-`);
      else {
        // Equal lengths and different bytes: the answers differ, which only the contents hash tells.
        const bytes = Buffer.concat(open.chunks);
        const id = `read\0${open.path}\0${open.length}`;
        const earlier = readBytes.get(id);
        if (earlier && !earlier.equals(bytes)) recordable = false;
        readBytes.set(id, bytes);
        heldBytes += bytes.length;
        if (heldBytes > MAX_HELD_BYTES) recordable = false;
        note("read", open.path, String(open.length), `${open.stat}|${readSummary(open.length, open.atEnd)}`, bytes);
      }
    }
    return call(original, args);
  });
  for (const name of UNMODELLED_READS)
    patch(fs, name, (original) => (...args: unknown[]) => {
      recordable = false;
      return call(original, args);
    });
  for (const name of UNMODELLED_PROMISE_READS)
    patch(fs.promises, name, (original) => (...args: unknown[]) => {
      recordable = false;
      return call(original, args);
    });

  const stdout: (string | Uint8Array)[] = [];
  let stdoutBytes = 0;
  const streams: [NodeJS.WriteStream, unknown][] = [
    [process.stdout, process.stdout.write],
    [process.stderr, process.stderr.write],
  ];
  const writeOut = process.stdout.write;
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]) {
    stdout.push(typeof chunk === "string" ? chunk : Buffer.from(chunk));
    stdoutBytes += chunk.length;
    if (stdoutBytes > MAX_REPORT_BYTES) recordable = false;
    return (writeOut as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
  const writeErr = process.stderr.write;
  process.stderr.write = function (this: NodeJS.WriteStream, ...args: unknown[]) {
    // An error or a warning: the run is not one to repeat from a record.
    recordable = false;
    return (writeErr as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof process.stderr.write;

  return {
    finish() {
      for (const [target, name, original] of patched.reverse()) (target as Record<string, unknown>)[name] = original;
      for (const [stream, write] of streams) stream.write = write as typeof stream.write;
      const exitCode = typeof process.exitCode === "number" ? process.exitCode : 0;
      // 0 and 1 are audits that ran; 2 is a usage or input error, cheap to reach again.
      if (!recordable || descriptors.size > 0 || (exitCode !== 0 && exitCode !== 1)) return;
      const text = stdout.map((chunk) => (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"))).join("");
      const entry: AuditRecord = {
        format: FORMAT,
        key,
        observations: [...observations.values()],
        contents: contents.digest("base64url"),
        stdout: text,
        exitCode,
      };
      if (writeFileAtomic(place.file, place.folder, JSON.stringify(entry))) pruneRecords(place.folder);
    },
  };
}

/** Removes the oldest records beyond MAX_RECORDS. */
function pruneRecords(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith(".json"));
  } catch {
    return;
  }
  if (names.length <= MAX_RECORDS) return;
  const aged = names.map((name) => {
    try {
      return { name, mtime: fs.statSync(join(folder, name)).mtimeMs };
    } catch {
      return { name, mtime: 0 };
    }
  });
  aged.sort((a, b) => a.mtime - b.mtime);
  // Another run may be pruning too: a file already gone is fine.
  for (const { name } of aged.slice(0, aged.length - MAX_RECORDS)) fs.rmSync(join(folder, name), { force: true });
}
