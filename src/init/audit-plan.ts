import { audit } from "../audit.js";
import type { Workspace } from "../discover/workspace.js";
import type { Finding } from "../findings/finding.js";
import type { PlanAudit, PlanAuditError, PlannedFile } from "./types.js";

/** The files of the workspace as they are now, by relative path (what the walk lists and can read). */
export function filesNow(workspace: Workspace): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of workspace.allFiles) {
    const text = workspace.read(path);
    if (text !== undefined) files[path] = text;
  }
  return files;
}

/** The files as they would be once the plan is applied: conflicts are not written, moves leave their old place. */
export function filesAfter(now: Readonly<Record<string, string>>, planned: readonly PlannedFile[]): Record<string, string> {
  const after: Record<string, string> = { ...now };
  for (const file of planned) {
    if (file.action !== "create" && file.action !== "modify" && file.action !== "move") continue;
    if (file.from) delete after[file.from];
    after[file.path] = file.content;
  }
  return after;
}

const errorsOf = (findings: readonly Finding[], project: string) =>
  findings.filter((f) => f.severity === "error" && !f.suppressed && (f.project === null || f.project === project));

// The same mistake before and after (SEC101 on the Django pin init does not change) has the same
// rule, message and file, once the file is followed through a move (settings.py to settings/base.py).
// Lines are left out: init's edits shift them.
const sameMistake = (f: Pick<Finding, "rule" | "message" | "file">, file = f.file) => `${f.rule}\0${file ?? ""}\0${f.message}`;

/**
 * Audits the project as it would be after the plan, in memory, before anything is written: every
 * error-level finding, each marked `introduced` unless the project has it already (then it is the
 * team's to fix, not init's). The audit reads for any environment, as `djship audit` does, and
 * honours the project's own djship configuration. With `force`, introduced errors are reported but
 * do not block.
 */
export async function auditPlan(
  workspace: Workspace,
  projectRoot: string,
  planned: readonly PlannedFile[],
  force: boolean,
): Promise<PlanAudit> {
  const now = filesNow(workspace);
  const [before, after] = await Promise.all([
    audit(workspace.root, { files: now }),
    audit(workspace.root, { files: filesAfter(now, planned) }),
  ]);
  const movedTo = new Map(planned.filter((f) => f.action === "move" && f.from).map((f) => [f.from as string, f.path]));
  const existing = new Set(errorsOf(before.findings, projectRoot).map((f) => sameMistake(f, f.file && (movedTo.get(f.file) ?? f.file))));
  const errors: PlanAuditError[] = errorsOf(after.findings, projectRoot).map((f) => ({
    rule: f.rule,
    file: f.file,
    line: f.line,
    message: f.message,
    introduced: !existing.has(sameMistake(f)),
  }));
  return { errors, blocking: !force && errors.some((e) => e.introduced) };
}
