/**
 * Reads git's index (.git/index), the list of tracked files, without running git: format versions
 * 2, 3 and 4 as documented in git's Documentation/gitformat-index.txt, for SHA-1 repositories
 * (SHA-256 ones are rare and are reported as unreadable, so the audit falls back to .gitignore).
 */
export type GitIndex = { ok: true; version: number; paths: string[] } | { ok: false; message: string };

/** Entries read before giving up: far more than any repository djship is meant for. */
const MAX_ENTRIES = 1_000_000;
const HASH_BYTES = 20;
/** ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), the object id, then 2 bytes of flags. */
const FIXED_BYTES = 40 + HASH_BYTES + 2;

export function parseGitIndex(bytes: Uint8Array): GitIndex {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== "DIRC") return { ok: false, message: "not a git index" };
  const version = view.getUint32(4);
  if (version < 2 || version > 4) return { ok: false, message: `unsupported index version ${version}` };
  const count = view.getUint32(8);
  if (count > MAX_ENTRIES) return { ok: false, message: `${count} entries, over the limit` };
  const decoder = new TextDecoder("utf-8");
  const paths: string[] = [];
  let offset = 12;
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const start = offset;
    if (offset + FIXED_BYTES > bytes.length) return { ok: false, message: "truncated index" };
    const mode = view.getUint32(offset + 24);
    const flags = view.getUint16(offset + 40 + HASH_BYTES);
    offset += FIXED_BYTES;
    // Version 3+: an extended flag adds two more bytes of flags.
    if (version >= 3 && flags & 0x4000) offset += 2;
    let name: Uint8Array;
    if (version === 4) {
      // The path is the previous one minus N trailing bytes (a varint, git's offset encoding) plus a NUL-terminated suffix.
      let strip = 0;
      let byte: number;
      let guard = 0;
      do {
        if (offset >= bytes.length || guard++ > 8) return { ok: false, message: "truncated index" };
        byte = bytes[offset++] as number;
        strip = guard > 1 ? ((strip + 1) << 7) | (byte & 0x7f) : byte & 0x7f;
      } while (byte & 0x80);
      const end = bytes.indexOf(0, offset);
      if (end < 0 || strip > previous.length) return { ok: false, message: "corrupt index path" };
      const suffix = bytes.subarray(offset, end);
      name = new Uint8Array(previous.length - strip + suffix.length);
      name.set(previous.subarray(0, previous.length - strip));
      name.set(suffix, previous.length - strip);
      offset = end + 1;
    } else {
      const end = bytes.indexOf(0, offset);
      if (end < 0) return { ok: false, message: "corrupt index path" };
      name = bytes.subarray(offset, end);
      // Versions 2 and 3 pad each entry with 1 to 8 NUL bytes to a multiple of 8.
      offset = start + Math.floor((end - start + 8) / 8) * 8;
    }
    previous = name;
    // A sparse index keeps whole folders as one entry (mode 040000): not a file.
    if ((mode & 0o170000) === 0o040000) continue;
    paths.push(decoder.decode(name));
  }
  return { ok: true, version, paths };
}
