/**
 * pathlib.PurePosixPath and posixpath semantics on strings. Python's own rules, not Node's:
 * pathlib keeps `..` until resolve(), posixpath.normpath keeps a leading `//`.
 */

/** The string pathlib gives for Path(*segments). */
export function purePath(...segments: string[]): string {
  let root = "";
  let parts: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith("/")) {
      // A leading '//' is kept by pathlib (POSIX leaves it implementation-defined); more collapse to '/'.
      root = segment.startsWith("//") && !segment.startsWith("///") ? "//" : "/";
      parts = [];
    }
    for (const part of segment.split("/")) {
      if (part && part !== ".") parts.push(part);
    }
  }
  const joined = root + parts.join("/");
  return joined || ".";
}

export function pathParts(path: string): { root: string; parts: string[] } {
  const root = path.startsWith("//") && !path.startsWith("///") ? "//" : path.startsWith("/") ? "/" : "";
  return { root, parts: path.split("/").filter((part) => part && part !== ".") };
}

export function pathParent(path: string): string {
  const { root, parts } = pathParts(path);
  if (parts.length === 0) return root || ".";
  parts.pop();
  return root + parts.join("/") || root || ".";
}

export function pathName(path: string): string {
  const { parts } = pathParts(path);
  return parts[parts.length - 1] ?? "";
}

export function pathSuffix(path: string): string {
  const name = pathName(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : "";
}

export function pathStem(path: string): string {
  const name = pathName(path);
  const suffix = pathSuffix(path);
  return suffix ? name.slice(0, -suffix.length) : name;
}

/** posixpath.normpath. */
export function normpath(path: string): string {
  if (path === "") return ".";
  const initialSlashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== ".." || (!initialSlashes && out.length === 0) || (out.length > 0 && out[out.length - 1] === "..")) {
      out.push(part);
    } else if (out.length > 0) {
      out.pop();
    }
  }
  const joined = "/".repeat(initialSlashes) + out.join("/");
  return joined || ".";
}

/** posixpath.join. */
export function osPathJoin(first: string, ...rest: string[]): string {
  let path = first;
  for (const part of rest) {
    if (part.startsWith("/")) path = part;
    else if (path === "" || path.endsWith("/")) path += part;
    else path += `/${part}`;
  }
  return path;
}

export function osPathDirname(path: string): string {
  const at = path.lastIndexOf("/") + 1;
  let head = path.slice(0, at);
  if (head && head !== "/".repeat(head.length)) head = head.replace(/\/+$/, "");
  return head;
}

export function osPathBasename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function osPathAbspath(path: string, cwd: string): string {
  return normpath(path.startsWith("/") ? path : osPathJoin(cwd, path));
}

export function osPathSplitext(path: string): [string, string] {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  if (dot > slash) {
    // A leading run of dots in the file name is not an extension ('.env' has none).
    let start = slash + 1;
    while (start < dot && path[start] === ".") start++;
    if (start < dot) return [path.slice(0, dot), path.slice(dot)];
  }
  return [path, ""];
}

/** Path.resolve() without symlinks in play: absolute, with `..` collapsed. */
export function resolvePath(path: string, cwd: string): string {
  const absolute = path.startsWith("/") ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of absolute.split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

/** os.path.relpath(path, start), both absolute. */
export function relativePath(path: string, start: string): string {
  const from = normpath(start).split("/").filter(Boolean);
  const to = normpath(path).split("/").filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const parts = [...Array(from.length - common).fill(".."), ...to.slice(common)];
  return parts.join("/") || ".";
}
