import { classifyFile } from "../discover/classify.js";
import { findingOnRole } from "../discover/file-roles.js";
import type { RoleVerdict } from "../discover/roles.js";
import type { Workspace } from "../discover/workspace.js";
import { pyStr, type Value } from "../python/value.js";
import { fingerprint } from "./baseline.js";
import type { DjshipConfig } from "./config.js";
import type { Finding } from "./finding.js";
import { suppressionOf } from "./suppress.js";
import { type Area, docUrl, SEVERITY_RANK, type Severity } from "./vocabulary.js";

/** What the finding policy needs to know of the rule that produced a finding (data, not the rule). */
export interface ProducingRule {
  readonly code: string;
  readonly area: Area;
  readonly kind: "settings" | "project";
  readonly doc: { readonly fix: string };
}

/** A finding as a rule produced it, before roles, suppressions, fingerprints and configuration. */
export interface RawFinding<R extends ProducingRule = ProducingRule> {
  readonly rule: R;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly env: readonly string[];
  readonly djangoCheck: string | null;
  readonly related: readonly { file: string; line: number; column: number; message?: string }[];
  /**
   * What the finding is about when that is more stable than the line it points at: for a settings
   * rule, the setting (a setting left at its default points at line 1 of the module, whatever is there).
   */
  readonly subject?: string;
}

/** `SILENCED_SYSTEM_CHECKS` as Django tests it: `id in settings.SILENCED_SYSTEM_CHECKS`. */
export function silencedChecks(value: Value | undefined): (id: string) => boolean {
  if (!value) return () => false;
  // A string silences by substring, as `in` does on a str.
  if (value.kind === "str") return (id) => value.value.includes(id);
  if (value.kind === "list" || value.kind === "tuple" || value.kind === "set") {
    const ids = new Set(value.items.map((item) => pyStr(item)));
    return (id) => ids.has(id);
  }
  return () => false;
}

/** The settings a project was read with, as the role policy needs them. */
export interface SettingsPlacement {
  /** Whether the settings module is production's, and why (discover/projects.ts settingsRole); null without settings. */
  readonly role: RoleVerdict | null;
  /** The files the settings were read from. */
  readonly files: readonly string[] | undefined;
}

/**
 * A finding as the role of its file allows (discover/file-roles.ts): on a development, test, CI-only or
 * example file it is at most an info, and only where the mistake reaches production.
 */
export function placedInRole<R extends ProducingRule>(
  raw: RawFinding<R>,
  workspace: Workspace,
  settings: SettingsPlacement,
): RawFinding<R> | undefined {
  if (raw.file && workspace.roles.isEnvironmentFile(raw.file)) return undefined;
  const verdict = raw.file ? workspace.roles.of(raw.file) : undefined;
  const placed = verdict ? findingOnRole(verdict, raw.rule) : { keep: true as const, severity: undefined, note: undefined };
  if (!placed.keep) return undefined;
  if (placed.severity) return { ...raw, severity: placed.severity, message: `${raw.message} (${placed.note})` };
  // Settings that are not production's (a development module only the code's defaults name): what
  // they hold is a developer's setup, so a finding of a settings rule, or on a file those settings
  // were read from, is at most an info.
  const settingsRole = settings.role;
  const aboutSettings = raw.rule.kind === "settings" || (raw.file !== null && settings.files?.includes(raw.file) === true);
  if (aboutSettings && settingsRole && settingsRole.role !== "production" && raw.severity !== "info")
    return {
      ...raw,
      severity: "info",
      message: `${raw.message} (in ${settingsRole.role} settings: ${settingsRole.evidence})`,
    };
  return raw;
}

/** What {@link toFinding} reads besides the raw finding: one per project audited. */
export interface FindingPolicy {
  /** The project's folder, as findings name it. */
  readonly project: string;
  readonly config: DjshipConfig;
  /** The lines of a file, for inline suppressions and fingerprints. */
  lines(file: string | null): readonly string[] | undefined;
  /** Whether SILENCED_SYSTEM_CHECKS silences a check ID. */
  isSilenced(id: string): boolean;
  /** How many findings of the same rule, file and anchor came before: fingerprints count them. */
  readonly occurrences: Map<string, number>;
}

/** The finding as reported: suppressions applied, fingerprint computed, doc URL and fix attached. */
export function toFinding(raw: RawFinding, policy: FindingPolicy): Finding {
  const lines = policy.lines(raw.file);
  const text = raw.line ? lines?.[raw.line - 1] : undefined;
  const anchor = raw.subject ?? text;
  const key = `${raw.rule.code}\0${raw.file}\0${(anchor ?? "").trim()}\0${raw.file ? "" : raw.message}`;
  const occurrence = policy.occurrences.get(key) ?? 0;
  policy.occurrences.set(key, occurrence + 1);
  const suppression = suppressionOf({
    code: raw.rule.code,
    file: raw.file,
    line: raw.line,
    lines,
    isDockerfile: raw.file !== null && classifyFile(raw.file) === "dockerfile",
    djangoCheck: raw.djangoCheck,
    config: policy.config,
    isSilenced: (id) => policy.isSilenced(id),
  });
  return {
    rule: raw.rule.code,
    djangoCheck: raw.djangoCheck,
    severity: raw.severity,
    area: raw.rule.area,
    message: raw.message,
    file: raw.file,
    line: raw.line,
    column: raw.column,
    env: raw.env,
    project: policy.project,
    fix: raw.rule.doc.fix,
    docUrl: docUrl(raw.rule.code),
    related: raw.related,
    suppressed: suppression !== undefined,
    ...(suppression ? { suppression } : {}),
    fingerprint: fingerprint(raw.rule.code, raw.file, anchor, raw.message, occurrence),
  };
}

/** Orders findings worst first, then by file and line. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

/** Code-unit order: stable across machines and locales (localeCompare is neither, and slow). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
