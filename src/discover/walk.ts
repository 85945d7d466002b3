import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { posix } from "node:path";

/** Folders that never hold a project's own deployment files: dependencies, caches, build output. */
const SKIPPED_FOLDERS = new Set([
  ".git",
  // djship init's copies of the files it changed (outside git): old versions, not the project.
  ".djship-backup",
  // djship init's record and the bases of its three-way merge: init's own, not the project's files.
  ".djship",
  ".hg",
  ".svn",
  "node_modules",
  "__pycache__",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".cache",
  ".eggs",
  "site-packages",
  "dist-packages",
  ".idea",
  ".vscode",
  "htmlcov",
  ".terraform",
  ".direnv",
]);

export interface WalkLimits {
  /** Files listed before the walk stops: a monorepo with more is reported as truncated. */
  maxFiles: number;
  maxDepth: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 200_000, maxDepth: 40 };

export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkResult {
  /** Absolute real path of the root. */
  root: string;
  /** Files, as POSIX paths relative to the root, in a stable order. */
  files: string[];
  problems: WalkProblem[];
  truncated: boolean;
}

/**
 * Lists the files of a project tree. Symbolic links are followed only when they stay inside the
 * tree, and a folder is never entered twice, so link loops end. Virtual environments (a folder
 * holding pyvenv.cfg) and build output are skipped.
 */
export function walkTree(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkResult {
  const realRoot = realpathSync(root);
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>([realRoot]);
  let truncated = false;

  const inside = (real: string) => real === realRoot || real.startsWith(`${realRoot}/`);

  const visit = (relative: string, absolute: string, depth: number): void => {
    if (truncated) return;
    if (depth > limits.maxDepth) {
      problems.push({ path: relative, message: `deeper than ${limits.maxDepth} folders; not read` });
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: relative || ".", message: `cannot be listed (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (depth > 0 && entries.some((entry) => entry.name === "pyvenv.cfg")) return;
    for (const entry of entries) {
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      const childAbsolute = posix.join(absolute, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(childAbsolute);
        } catch {
          problems.push({ path: childRelative, message: "a broken symbolic link" });
          continue;
        }
        if (!inside(real)) {
          problems.push({ path: childRelative, message: "a symbolic link out of the project; not followed" });
          continue;
        }
        try {
          const stat = statSync(real);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue;
        }
        if (isDirectory) {
          if (visited.has(real)) continue;
          visited.add(real);
        }
      } else if (isDirectory) {
        let real: string;
        try {
          real = realpathSync(childAbsolute);
        } catch {
          continue;
        }
        if (visited.has(real)) continue;
        visited.add(real);
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.endsWith(".egg-info")) continue;
        visit(childRelative, childAbsolute, depth + 1);
      } else if (isFile) {
        if (files.length >= limits.maxFiles) {
          truncated = true;
          problems.push({ path: ".", message: `more than ${limits.maxFiles} files; the rest were not read` });
          return;
        }
        files.push(childRelative);
      }
    }
  };
  visit("", realRoot, 0);
  return { root: realRoot, files, problems, truncated };
}
