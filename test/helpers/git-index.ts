/** Writes a git index (format 2 or 4) listing the given paths, for tests that need a repository without running git. */
export function encodeGitIndex(paths: readonly string[], version: 2 | 4 = 2): Buffer {
  const sorted = [...paths].sort();
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.write("DIRC", 0, "latin1");
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(sorted.length, 8);
  chunks.push(header);
  let previous = Buffer.alloc(0);
  for (const path of sorted) {
    const name = Buffer.from(path, "utf8");
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    fixed.writeUInt16BE(Math.min(name.length, 0xfff), 60);
    chunks.push(fixed);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && common < name.length && previous[common] === name[common]) common++;
      chunks.push(encodeOffset(previous.length - common), name.subarray(common), Buffer.alloc(1));
    } else {
      const length = 62 + name.length;
      const padded = Math.floor((length + 8) / 8) * 8;
      chunks.push(name, Buffer.alloc(padded - length));
    }
    previous = name;
  }
  chunks.push(Buffer.alloc(20));
  return Buffer.concat(chunks);
}

/** git's varint for index v4 (varint.c: encode_varint). */
function encodeOffset(value: number): Buffer {
  const bytes = [value & 0x7f];
  let rest = value >> 7;
  while (rest > 0) {
    rest -= 1;
    bytes.unshift(0x80 | (rest & 0x7f));
    rest >>= 7;
  }
  return Buffer.from(bytes);
}
