import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { InputError } from "../util/errors.js";
import { readText } from "../util/fs.js";
import { BLOCK_START, findBlock } from "./parts/settings/edit.js";
import { BASE_DIR, contentHash, RECORD_PATH, readBase, readRecord } from "./plan.js";
import type { InitPlan, InitRecord } from "./types.js";

export const BACKUP_DIR = ".djship-backup";

export interface ApplyResult {
  /** Paths written (created, changed or moved to), in the order they were put in place. */
  readonly written: readonly string[];
  /** Paths removed because their file moved. */
  readonly removed: readonly string[];
  /** Backup copies made (outside git only). */
  readonly backups: readonly string[];
  /** Files left alone because they conflict. */
  readonly conflicts: readonly string[];
  readonly recordWritten: boolean;
}

/** Paths git reports as changed or untracked, among `paths`; undefined outside a git work tree. */
function dirtyInGit(root: string, paths: readonly string[]): string[] | undefined {
  try {
    const inside = execFileSync("git", ["rev-parse", "--is-inside-work-tree"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
    });
    if (inside.trim() !== "true") return undefined;
  } catch {
    return undefined;
  }
  if (paths.length === 0) return [];
  const out = execFileSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...paths], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return out
    .split("\0")
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

/** The record of this run: each generated file's hash as written; conflicts keep their old entry. */
export function recordFor(plan: InitPlan, previous: InitRecord | undefined): InitRecord {
  // Files init wrote earlier and does not plan this time (dev.py of an earlier split) stay recorded.
  const files: Record<string, string> = { ...(previous?.files ?? {}) };
  for (const file of plan.files) {
    if (file.ownership === "generated") {
      if (file.action === "conflict") {
        const old = previous?.files[file.path];
        if (old) files[file.path] = old;
      } else files[file.path] = contentHash(file.content);
    }
    if (file.content.includes(BLOCK_START)) {
      const block = findBlock(file.action === "conflict" ? (file.previous ?? "") : file.content);
      const key = `${file.path}#block`;
      if (file.action === "conflict") {
        const old = previous?.files[key];
        if (old) files[key] = old;
      } else if (block) files[key] = contentHash(block.body);
    }
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { djshipVersion: plan.djshipVersion, choices: plan.choices, files: sorted };
}

interface Write {
  readonly path: string;
  readonly content: string;
  /** What is at path now (to put back on rollback); null when nothing is. */
  readonly before: string | null;
}

/**
 * Carries out a plan: the one code in djship that writes a user's files. Every file is first written
 * to a temporary file beside its target, then renamed into place; if anything fails, what was
 * already put in place is put back, so a failed run leaves the tree as it was. Conflicts are never
 * written. In a git work tree it refuses to touch a file with uncommitted changes (git is the
 * backup); outside git each changed file is first copied under .djship-backup/.
 */
export function applyPlan(plan: InitPlan): ApplyResult {
  if (plan.audit.blocking) throw new InputError(auditRefusal(plan));
  const root = plan.root;
  const abs = (path: string) => join(root, path);
  const changing = plan.files.filter((f) => f.action === "create" || f.action === "modify" || f.action === "move");
  const touched = changing
    .flatMap((f) => [...(f.action === "create" ? [] : [f.path]), ...(f.from ? [f.from] : [])])
    .filter((p, i, all) => all.indexOf(p) === i);
  const dirty = dirtyInGit(
    root,
    touched.filter((p) => readText(abs(p)).ok),
  );
  if (dirty && dirty.length > 0)
    throw new InputError(
      `uncommitted changes in ${dirty.join(", ")}: commit or stash them first (git is init's backup); nothing was written`,
    );
  // The plan was made from what is on disk: if a file changed since, the plan is stale.
  for (const file of changing) {
    const at = file.from ?? file.path;
    const read = readText(abs(at));
    const now = read.ok ? read.text : null;
    if (now !== file.previous) throw new InputError(`${at} changed since the plan was made; run djship init again`);
  }
  const previousRecord = readRecord(root);
  const record = recordFor(plan, previousRecord);
  const recordText = `${JSON.stringify(record, null, 2)}\n`;
  const oldRecord = readText(abs(RECORD_PATH));
  const writes: Write[] = [];
  const backups: string[] = [];
  if (dirty === undefined) {
    for (const file of changing) {
      if (file.previous === null) continue;
      const source = file.from ?? file.path;
      const backup = posix.join(BACKUP_DIR, source);
      const existing = readText(abs(backup));
      writes.push({ path: backup, content: file.previous, before: existing.ok ? existing.text : null });
      backups.push(backup);
    }
  }
  for (const file of changing)
    writes.push({ path: file.path, content: file.content, before: file.action === "modify" ? file.previous : null });
  // What the templates produced for each generated file init now stands behind (not a conflict):
  // the base of the next run's three-way merge.
  if (changing.length > 0)
    for (const file of plan.files) {
      if (file.template === undefined || file.action === "conflict") continue;
      const kept = readBase(root, file.path);
      if (kept !== file.template) writes.push({ path: posix.join(BASE_DIR, file.path), content: file.template, before: kept ?? null });
    }
  // The record changes only with the files: a run that writes nothing leaves it as it was.
  const recordChanged = !oldRecord.ok || oldRecord.text !== recordText;
  if (changing.length > 0 && recordChanged)
    writes.push({ path: RECORD_PATH, content: recordText, before: oldRecord.ok ? oldRecord.text : null });
  const removes = changing.filter((f) => f.action === "move" && f.from).map((f) => f.from as string);

  const createdDirs: string[] = [];
  const staged: { write: Write; temp: string }[] = [];
  const placed: Write[] = [];
  const removed: { path: string; text: string }[] = [];
  const rollback = () => {
    for (const { temp } of staged) tryUnlink(temp);
    for (const write of placed.reverse()) {
      if (write.before === null) tryUnlink(abs(write.path));
      else writeAtomic(abs(write.path), write.before);
    }
    for (const gone of removed) writeAtomic(abs(gone.path), gone.text);
    for (const dir of [...createdDirs].reverse()) tryRmdir(dir);
  };
  try {
    for (const write of writes) {
      const target = abs(write.path);
      makeDirs(dirname(target), createdDirs);
      const temp = join(dirname(target), `.${posix.basename(write.path)}.djship-${process.pid}.tmp`);
      writeFileSync(temp, write.content, { flag: "wx" });
      staged.push({ write, temp });
    }
    for (const { write, temp } of [...staged]) {
      renameSync(temp, abs(write.path));
      staged.splice(
        staged.findIndex((s) => s.temp === temp),
        1,
      );
      placed.push(write);
    }
    for (const path of removes) {
      const read = readText(abs(path));
      unlinkSync(abs(path));
      if (read.ok) removed.push({ path, text: read.text });
    }
  } catch (error) {
    rollback();
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      `writing failed (${code}${(error as NodeJS.ErrnoException).path ? ` at ${(error as NodeJS.ErrnoException).path}` : ""}); nothing was changed`,
    );
  }
  return {
    written: changing.map((f) => f.path),
    removed: removes,
    backups,
    conflicts: plan.files.filter((f) => f.action === "conflict").map((f) => f.path),
    recordWritten: writes.some((w) => w.path === RECORD_PATH),
  };
}

/** Why init will not write a plan whose result its own audit fails. */
export function auditRefusal(plan: InitPlan): string {
  const introduced = plan.audit.errors.filter((e) => e.introduced);
  const listed = introduced
    .slice(0, 3)
    .map((e) => `${e.rule} ${e.file ? `${e.file}${e.line ? `:${e.line}` : ""} ` : ""}${e.message}`)
    .join("; ");
  const more = introduced.length > 3 ? ` and ${introduced.length - 3} more` : "";
  return `the result would fail djship's audit with ${introduced.length} error${introduced.length === 1 ? "" : "s"} init's output brings (${listed}${more}); nothing written (--force writes anyway)`;
}

function makeDirs(dir: string, created: string[]): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return;
  // mkdirSync returns the topmost folder it made: every folder from there down to dir is new.
  const made: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    made.push(current);
    if (current === first || dirname(current) === current) break;
  }
  created.push(...made.reverse());
}

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.djship-restore-${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch {
    tryUnlink(temp);
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function tryRmdir(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // not empty or gone: leave it
  }
}
