import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { isSecretName, redactUrlPasswords } from "../model/secrets.js";
import { TOOL } from "../version.js";
import type { InitPlan, PlannedFile } from "./types.js";
import type { ApplyResult } from "./write.js";

/** The plan as the JSON document schemas/init.schema.json describes. */
export function initDocument(plan: InitPlan) {
  return {
    tool: TOOL,
    schemaVersion: 1,
    targets: plan.targets,
    files: plan.files.map((f) => ({ path: f.path, action: f.action, ...(f.from ? { from: f.from } : {}), part: f.part, reason: f.reason })),
    settings: plan.settings,
    environment: plan.environment,
    detected: plan.detected,
    choices: plan.choices,
    audit: plan.audit,
  };
}

/** A unified diff of one planned file against what is there now (for a move: against its old place). */
export function fileDiff(file: PlannedFile): string {
  if (file.action === "unchanged") return "";
  const oldName = file.previous === null ? "/dev/null" : `a/${file.from ?? file.path}`;
  const newName = `b/${file.path}`;
  const patch = createTwoFilesPatch(oldName, newName, file.previous ?? "", file.content, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return redactDiff(patch);
}

/**
 * Secrets never reach output: in a diff line that assigns a secret-named variable (Python or .env),
 * the quoted or bare value is replaced, and URL passwords are masked everywhere.
 */
function redactDiff(patch: string): string {
  return patch
    .split("\n")
    .map((line) => {
      const match = /^([+\- ]\s*)([A-Za-z_][\w]*)(\s*[=:]\s*)(.+)$/.exec(line);
      if (match && isSecretName(match[2] as string) && !/^(env|config|os|_env)\b|^[A-Za-z_.]+\(/.test(match[4] as string)) {
        const value = match[4] as string;
        const quoted = /^(["'])(.*)\1(.*)$/.exec(value);
        const redacted = quoted
          ? `${quoted[1]}<redacted, ${quoted[2]?.length} characters>${quoted[1]}${quoted[3]}`
          : value === ""
            ? ""
            : "<redacted>";
        return `${match[1]}${match[2]}${match[3]}${redacted}`;
      }
      return redactUrlPasswords(line);
    })
    .join("\n");
}

export type TextStyle = (style: "bold" | "dim" | "red" | "green" | "yellow" | "cyan", text: string) => string;

const ACTION_WORD: Record<PlannedFile["action"], string> = {
  create: "create",
  modify: "modify",
  move: "move",
  unchanged: "unchanged",
  conflict: "CONFLICT",
};

/** The text report: what was detected, each choice with its reason, each file with its action. */
export function renderInitText(plan: InitPlan, style: TextStyle, options: { dryRun: boolean; result?: ApplyResult | undefined }): string {
  const d = plan.detected;
  const lines: string[] = [];
  lines.push(style("bold", "Detected"));
  lines.push(
    `  Django ${d.djangoVersion} (${d.djangoVersionSource}), Python ${d.pythonVersion} (${d.pythonVersionSource}), ${d.interface.toUpperCase()}`,
  );
  lines.push(
    `  settings ${d.settingsModule} (${d.settingsLayout === "single" ? "one module" : "split"}), read with ${d.settingsLibrary ?? "literals only"}`,
  );
  lines.push(
    `  database ${d.database ?? "none"}, cache ${d.cache ?? "Django's default (local memory)"}, tasks ${d.tasks.length ? d.tasks.join(", ") + (d.celeryBeat ? " with beat" : "") : "none"}${d.channels ? ", Channels" : ""}${d.drf ? ", DRF" : ""}`,
  );
  lines.push(`  dependencies: ${d.packageManager}${d.dependencyFile ? ` (${d.dependencyFile})` : ""}${d.ci ? `, CI: ${d.ci}` : ""}`);
  lines.push("");
  lines.push(style("bold", "Choices"));
  for (const choice of plan.choices) lines.push(`  ${choice.id}: ${choice.value}  ${style("dim", choice.reason)}`);
  lines.push("");
  if (plan.audit.errors.length > 0) {
    lines.push(style("bold", "Audit of the result (djship audit, before writing)"));
    for (const error of plan.audit.errors) {
      const place = error.file ? `${error.file}${error.line ? `:${error.line}` : ""} ` : "";
      const whose = error.introduced ? style("red", "init's output") : style("dim", "already in the project");
      lines.push(`  ${style("red", "error")} ${error.rule} ${place}${error.message}  (${whose})`);
    }
    lines.push("");
  }
  lines.push(style("bold", options.dryRun ? "Files (dry run: nothing written)" : "Files"));
  const colour = (action: PlannedFile["action"]) =>
    action === "conflict" ? "red" : action === "create" ? "green" : action === "unchanged" ? "dim" : "yellow";
  for (const file of plan.files) {
    const name = file.from ? `${file.from} -> ${file.path}` : file.path;
    lines.push(`  ${style(colour(file.action), ACTION_WORD[file.action].padEnd(9))} ${name}  ${style("dim", file.reason)}`);
  }
  const conflicts = plan.files.filter((f) => f.action === "conflict");
  if (options.dryRun || conflicts.length > 0) {
    const shown = options.dryRun ? plan.files.filter((f) => f.action !== "unchanged") : conflicts;
    for (const file of shown) {
      lines.push("");
      lines.push(fileDiff(file).trimEnd());
    }
  }
  lines.push("");
  const counts = (["create", "modify", "move", "unchanged", "conflict"] as const)
    .map((a) => [a, plan.files.filter((f) => f.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} ${a === "conflict" ? (n === 1 ? "conflict" : "conflicts") : a}`);
  if (options.result) {
    lines.push(
      `${options.result.written.length} file${options.result.written.length === 1 ? "" : "s"} written${options.result.backups.length ? `, backups in .djship-backup/` : ""}${conflicts.length ? `; ${conflicts.length} left alone (--force replaces them)` : ""}. Record: .djship/init.json`,
    );
    lines.push(
      `Production runs with DJANGO_SETTINGS_MODULE=${plan.settings.production}; copy .env.example to .env and fill in the secrets.`,
    );
  } else lines.push(`${counts.join(", ")}${options.dryRun ? " (dry run)" : ""}`);
  return `${lines.join("\n")}\n`;
}
