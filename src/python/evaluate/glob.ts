import { posix } from "node:path";

/** What a glob needs of the project tree. */
export interface GlobSource {
  listDirectory?(absolutePath: string): string[] | undefined;
  isFile(absolutePath: string): boolean | undefined;
  isDirectory(absolutePath: string): boolean | undefined;
}

/**
 * Python's glob.glob(pattern) over the project tree, for absolute patterns: `*`, `?` and `[...]`
 * per path segment, hidden names matched only by a pattern starting with a dot, `**` as `*` (no
 * recursive=True). Python returns os.scandir order, which the file system decides; djship sorts.
 * https://github.com/python/cpython/blob/3.11/Lib/glob.py
 */
export function globFiles(source: GlobSource, absolutePattern: string): string[] {
  const normalized = posix.normalize(absolutePattern);
  const segments = normalized.split("/").filter((s) => s !== "");
  let current = ["/"];
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    const next: string[] = [];
    for (const folder of current) {
      if (!hasMagic(segment)) {
        const candidate = posix.join(folder, segment);
        // A literal folder is checked where it matters: its contents are listed, or the last part is a file.
        if (!isLast || source.isFile(candidate) || source.isDirectory(candidate)) next.push(candidate);
        continue;
      }
      const names = source.listDirectory?.(folder);
      // A folder outside the project (or not a folder): djship does not list it.
      if (names === undefined) continue;
      const matcher = segmentPattern(segment);
      for (const name of names.sort()) {
        if (name.startsWith(".") && !segment.startsWith(".")) continue;
        if (matcher.test(name)) next.push(posix.join(folder, name));
      }
    }
    current = next;
    if (current.length === 0) return [];
  }
  return current.filter((path) => source.isFile(path));
}

function hasMagic(segment: string): boolean {
  return /[*?[]/.test(segment);
}

/** fnmatch.translate for one segment. */
function segmentPattern(segment: string): RegExp {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) out += "\\[";
      else {
        let body = segment.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else out += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "s");
}
