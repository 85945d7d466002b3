import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Files larger than this are not read: no settings module or deployment file is this big. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;

export type ReadProblem = "missing" | "unreadable" | "too-large" | "binary" | "not-a-file";

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; problem: ReadProblem; message: string };

/**
 * Reads at most `limit` bytes of a regular file. The one way djship reads project files, so that a
 * huge, binary, special or unreadable file becomes a problem to report instead of a hang or a crash.
 */
export function readBounded(path: string, limit = MAX_TEXT_FILE_BYTES): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, problem: "missing", message: "file not found" };
    if (code === "EISDIR") return { ok: false, problem: "not-a-file", message: "is a directory" };
    return { ok: false, problem: "unreadable", message: `cannot be read (${code ?? "error"})` };
  }
  try {
    const stat = fstatSync(fd);
    // A FIFO or device would block or never end: only regular files are read.
    if (!stat.isFile()) return { ok: false, problem: "not-a-file", message: "not a regular file" };
    if (stat.size > limit) {
      return { ok: false, problem: "too-large", message: `${stat.size} bytes, over the ${limit}-byte limit` };
    }
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let total = 0;
    while (total < buffer.length) {
      const read = readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    if (total > limit) {
      return { ok: false, problem: "too-large", message: `over the ${limit}-byte limit` };
    }
    return { ok: true, bytes: buffer.subarray(0, total) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { ok: false, problem: "not-a-file", message: "is a directory" };
    return { ok: false, problem: "unreadable", message: `cannot be read (${code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
}

/** True when the bytes look binary: a NUL byte in the first 8 KiB, as git decides. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export type TextRead = { ok: true; text: string } | { ok: false; problem: ReadProblem | "encoding"; message: string };

/** Reads a text file as UTF-8 (BOM stripped), bounded; binary or undecodable content is a problem. */
export function readText(path: string, limit = MAX_TEXT_FILE_BYTES): TextRead {
  const read = readBounded(path, limit);
  if (!read.ok) return read;
  if (looksBinary(read.bytes)) return { ok: false, problem: "binary", message: "binary content" };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(read.bytes) };
  } catch {
    return { ok: false, problem: "encoding", message: "not valid UTF-8" };
  }
}
