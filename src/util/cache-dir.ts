import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The folder djship keeps its caches in, outside every project (an audit never writes into the
 * tree it reads): DJSHIP_CACHE_DIR, else the platform's user cache folder, as XDG, macOS and
 * Windows define it. Undefined when there is no home to put it in.
 */
export function cacheDir(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  if (environment.DJSHIP_CACHE_DIR) return environment.DJSHIP_CACHE_DIR;
  if (process.platform === "win32" && environment.LOCALAPPDATA) return join(environment.LOCALAPPDATA, "djship", "cache");
  // https://specifications.freedesktop.org/basedir-spec/latest/: a relative XDG path is to be ignored.
  if (environment.XDG_CACHE_HOME?.startsWith("/")) return join(environment.XDG_CACHE_HOME, "djship");
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  if (process.platform === "darwin") return join(home, "Library", "Caches", "djship");
  return join(home, ".cache", "djship");
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so a
 * reader (another djship running at the same time) sees the old content or the new, never a part.
 * Returns false when it could not (a read-only or full disk): a cache is worth trying, not failing.
 */
export function writeFileAtomic(path: string, folder: string, data: string | Uint8Array): boolean {
  const temporary = join(folder, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is not there to hold it: nothing was left behind.
    }
    return false;
  }
}
