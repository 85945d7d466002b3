import { statSync } from "node:fs";
import { posix } from "node:path";
import { parseGitIndex } from "../artifacts/gitignore/git-index.js";
import { GitignoreSet, type IgnoreVerdict, parseGitignore } from "../artifacts/gitignore/parse.js";
import { readBounded, readText } from "../util/fs.js";

/** The git index of a large monorepo is tens of megabytes; past this it is not read. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** What git says about the audited folder: which files it tracks and which it ignores. */
export interface GitView {
  /**
   * The files git tracks, relative to the audited folder; null when there is no repository, its
   * index cannot be read, or it tracks nothing in the folder (a copy that is not part of it).
   */
  readonly tracked: ReadonlySet<string> | null;
  /** Why `tracked` is null, for messages. */
  readonly trackedUnknown: string | null;
  readonly ignore: GitignoreSet;
  isTracked(path: string): boolean | undefined;
  isIgnored(path: string): IgnoreVerdict;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The repository's git folder and top folder, looking upward from `start` as git does. */
function findRepository(start: string): { gitDir: string; top: string } | undefined {
  let dir = start;
  for (let depth = 0; depth < 64; depth++) {
    const dotGit = posix.join(dir, ".git");
    if (isDirectory(dotGit)) return { gitDir: dotGit, top: dir };
    // A worktree or submodule has a .git file: "gitdir: <path>".
    const file = readText(dotGit, 4096);
    if (file.ok) {
      const target = /^gitdir:\s*(.+)$/m.exec(file.text)?.[1]?.trim();
      if (target) return { gitDir: posix.resolve(dir, target), top: dir };
    }
    const parent = posix.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** What loadGitView reads of the workspace: its root and its .gitignore files. */
export interface GitViewSource {
  readonly root: string;
  /** A workspace only in memory has no repository around it. */
  readonly isInMemory?: boolean;
  filesOfKind(kind: "gitignore"): readonly { readonly path: string }[];
  read(path: string): string | undefined;
}

/**
 * Reads what git knows of the audited folder without running git: the index (tracked files), the
 * .gitignore files of the folder and of the repository above it, and .git/info/exclude. Git is
 * found the way git finds it, upward from the folder. The user's global excludes file
 * (core.excludesFile) is not read: it differs between machines, and what a teammate commits
 * does not depend on it.
 */
export function loadGitView(workspace: GitViewSource): GitView {
  const root = workspace.root;
  const files = workspace.filesOfKind("gitignore").flatMap((file) => {
    const text = workspace.read(file.path);
    if (text === undefined) return [];
    const dir = posix.dirname(file.path);
    return [parseGitignore(file.path, text, dir === "." ? "" : dir)];
  });
  let tracked: Set<string> | null = null;
  let trackedUnknown: string | null = "no git repository";
  const repository = workspace.isInMemory ? undefined : findRepository(root);
  if (repository) {
    const prefix = posix.relative(repository.top, root);
    // .gitignore files between the repository's top and the audited folder apply to it too.
    if (prefix) {
      const segments = prefix.split("/");
      for (let i = 0; i < segments.length; i++) {
        const dir = posix.join(repository.top, ...segments.slice(0, i));
        const read = readText(posix.join(dir, ".gitignore"), 1024 * 1024);
        if (read.ok) {
          const below = segments.slice(i).join("/");
          files.push(parseGitignore(posix.relative(root, posix.join(dir, ".gitignore")), read.text, "", below));
        }
      }
    }
    const exclude = readText(posix.join(repository.gitDir, "info", "exclude"), 1024 * 1024);
    if (exclude.ok)
      files.push(parseGitignore(posix.relative(root, posix.join(repository.gitDir, "info", "exclude")), exclude.text, "", prefix));
    const index = readBounded(posix.join(repository.gitDir, "index"), MAX_INDEX_BYTES);
    if (!index.ok) trackedUnknown = `the git index ${index.message}`;
    else {
      const parsed = parseGitIndex(index.bytes);
      if (!parsed.ok) trackedUnknown = `the git index cannot be read (${parsed.message})`;
      else {
        const inside = new Set<string>();
        for (const path of parsed.paths) {
          if (!prefix) inside.add(path);
          else if (path.startsWith(`${prefix}/`)) inside.add(path.slice(prefix.length + 1));
        }
        if (inside.size > 0) {
          tracked = inside;
          trackedUnknown = null;
        } else trackedUnknown = "the repository tracks nothing in this folder";
      }
    }
  }
  const ignore = new GitignoreSet(files);
  return {
    tracked,
    trackedUnknown,
    ignore,
    isTracked: (path) => (tracked ? tracked.has(path) : undefined),
    isIgnored: (path) => ignore.check(path),
  };
}
