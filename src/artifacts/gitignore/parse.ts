import ignore, { type Ignore } from "ignore";

/** One pattern of an ignore file, with its line. */
export interface IgnorePattern {
  readonly pattern: string;
  readonly negative: boolean;
  readonly line: number;
}

/** Which pattern decided, for findings to point at. */
export interface IgnoreVerdict {
  readonly ignored: boolean;
  /** The ignore file and line of the deciding pattern; absent when no pattern matched. */
  readonly file?: string;
  readonly line?: number;
  readonly pattern?: string;
}

/** A .gitignore (or .git/info/exclude): its patterns, and the folder they are relative to. */
export interface GitignoreFile {
  /** Where the file is, for findings: relative to the audited folder (may start with ../). */
  readonly path: string;
  /**
   * The folder the patterns apply under, relative to the audited folder: "" for the root, "a/b"
   * for a/b/.gitignore; for a file above the audited folder, the audited folder's path below it
   * ("examples/naive") is in `prefix` instead.
   */
  readonly dir: string;
  readonly prefix: string;
  readonly patterns: readonly IgnorePattern[];
  readonly matcher: Ignore;
}

function patternLines(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    // Git: a line starting with # is a comment; blank lines match nothing; trailing spaces are
    // ignored unless escaped (the library applies that rule itself).
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    patterns.push({ pattern: raw, negative: raw.startsWith("!"), line: i + 1 });
  }
  return patterns;
}

/**
 * Parses a .gitignore with the `ignore` package (the matcher ESLint and Prettier use, which
 * follows gitignore(5) and reports the deciding rule like `git check-ignore -v`).
 */
export function parseGitignore(path: string, text: string, dir = "", prefix = ""): GitignoreFile {
  const patterns = patternLines(text);
  const matcher = ignore({ allowRelativePaths: true }).add(patterns.map((p) => ({ pattern: p.pattern, mark: String(p.line) })));
  return { path, dir, prefix, patterns, matcher };
}

/**
 * The gitignore files of a tree taken together, as git applies them: a path is ignored when a
 * folder above it is (git never looks inside an ignored folder, so a later `!` cannot bring a file
 * back), else by the last matching pattern of the deepest file that has one; .git/info/exclude and
 * files above the audited folder rank below the audited folder's own.
 */
export class GitignoreSet {
  /** Lowest precedence first. */
  private readonly files: readonly GitignoreFile[];

  constructor(files: readonly GitignoreFile[]) {
    this.files = [...files].sort((a, b) => rank(a) - rank(b));
  }

  get isEmpty(): boolean {
    return this.files.length === 0;
  }

  /** Paths of the ignore files taken into account, for messages. */
  get paths(): string[] {
    return this.files.map((f) => f.path);
  }

  private verdictFor(path: string, isDir: boolean): IgnoreVerdict | undefined {
    let verdict: IgnoreVerdict | undefined;
    for (const file of this.files) {
      let relative: string;
      if (file.dir === "") relative = path;
      else if (path.startsWith(`${file.dir}/`)) relative = path.slice(file.dir.length + 1);
      else continue;
      if (file.prefix) relative = `${file.prefix}/${relative}`;
      const test = file.matcher.test(isDir ? `${relative}/` : relative);
      if (test.ignored) {
        const line = Number(test.rule?.mark ?? 0);
        verdict = { ignored: true, file: file.path, line, pattern: test.rule?.pattern ?? "" };
      } else if (test.unignored) {
        verdict = { ignored: false, file: file.path };
      }
    }
    return verdict;
  }

  /** Whether git ignores a file (POSIX path relative to the audited folder), and which pattern says so. */
  check(path: string): IgnoreVerdict {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = this.verdictFor(parts.slice(0, i).join("/"), true);
      if (folder?.ignored) return folder;
    }
    return this.verdictFor(path, false) ?? { ignored: false };
  }
}

function rank(file: GitignoreFile): number {
  // info/exclude < files above the audited folder (shallowest first) < the folder's own (shallowest first).
  if (file.path.endsWith("info/exclude")) return -1000;
  if (file.prefix) return -100 - file.prefix.split("/").length;
  return file.dir === "" ? 0 : file.dir.split("/").length;
}

/** A .dockerignore: patterns relative to the build context, in Docker's own matching. */
export interface DockerignoreFile {
  readonly path: string;
  readonly patterns: readonly IgnorePattern[];
}

export function parseDockerignore(path: string, text: string): DockerignoreFile {
  return { path, patterns: patternLines(text).map((p) => ({ ...p, pattern: p.pattern.trim() })) };
}

/**
 * One .dockerignore pattern as a regular expression. Docker's matcher (moby/patternmatcher) is not
 * gitignore: patterns are anchored at the context root (`*.env` is only the root's), `**` spans
 * folders, and a `!` exception may re-include a file inside an excluded folder.
 */
function dockerPatternRegExp(pattern: string): RegExp {
  let body = pattern.replace(/^!/, "").trim();
  // Docker cleans patterns with filepath.Clean: a leading / or ./ means the context root.
  body = body.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === "*") {
      if (body[i + 1] === "*") {
        const slash = body[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const end = body.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += `[${body
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (ch === "\\" && i + 1 < body.length) {
      out += (body[i + 1] as string).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i++;
    } else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether Docker leaves a file (POSIX path relative to the build context) out of the context: the
 * last pattern that matches the path or one of its parent folders decides.
 */
export function dockerignoreCheck(file: DockerignoreFile, path: string): IgnoreVerdict {
  const parts = path.split("/");
  const candidates = parts.map((_part, i) => parts.slice(0, i + 1).join("/"));
  let verdict: IgnoreVerdict = { ignored: false };
  for (const pattern of file.patterns) {
    const regexp = dockerPatternRegExp(pattern.pattern);
    if (candidates.some((candidate) => regexp.test(candidate))) {
      verdict = { ignored: !pattern.negative, file: file.path, line: pattern.line, pattern: pattern.pattern };
    }
  }
  return verdict;
}
