import type { Catalog } from "../findings/catalog.js";
import type { Excerpt } from "../findings/excerpt.js";
import type { Finding } from "../findings/finding.js";
import { AREAS, type Area, SEVERITY_RANK, type Severity } from "../findings/vocabulary.js";

/** What every reporter renders: audit and scan results have this shape in common. */
export interface Report {
  readonly kind: "audit" | "scan";
  readonly tool: { name: string; version: string };
  readonly findings: readonly Finding[];
  readonly summary: Record<Severity, number> & { suppressed: number; baselined?: number };
  readonly catalog: Catalog;
  /** A line or two of context for human formats (projects audited, sites scanned). */
  readonly heading: readonly string[];
  /** Per-area scores (audit) or per-site grades (scan), for the human formats. */
  readonly scores?: readonly { label: string; score: number | null; detail: string }[];
  /**
   * Audit only: each project's file that stands for the whole project (its settings module, else
   * manage.py), keyed by project root, where formats that need a file place project-level findings.
   */
  readonly projectFiles?: Readonly<Record<string, string>>;
  readonly failOn: string;
  readonly exitCode: number;
  /** Redacted source lines around findings, by fingerprint, for the formats that quote code (html). */
  readonly excerpts?: ReadonlyMap<string, Excerpt>;
}

export type Reporter = (
  report: Report,
  options: { color: (format: Parameters<typeof import("node:util").styleText>[0], text: string) => string },
) => string;

/**
 * Score of an area, out of 100: each unsuppressed error costs 25, a warning 10, an info 2. Shown
 * in the text and Markdown reports; documented in the README.
 */
export function areaScore(findings: readonly Finding[], area: Area): number {
  let score = 100;
  for (const finding of findings) {
    if (finding.area !== area || finding.suppressed) continue;
    score -= finding.severity === "error" ? 25 : finding.severity === "warning" ? 10 : 2;
  }
  return Math.max(0, score);
}

export function areaScores(findings: readonly Finding[]): { label: string; score: number; detail: string }[] {
  return AREAS.map((area) => {
    const inArea = findings.filter((f) => f.area === area.id && !f.suppressed);
    const count = (s: Severity) => inArea.filter((f) => f.severity === s).length;
    return {
      label: area.id,
      score: areaScore(findings, area.id),
      detail: inArea.length === 0 ? "no findings" : `${count("error")} errors, ${count("warning")} warnings, ${count("info")} info`,
    };
  });
}

/** Findings grouped by area, areas ordered by their worst finding, then checklist order. */
export function groupByArea(findings: readonly Finding[]): { area: (typeof AREAS)[number]; findings: Finding[] }[] {
  const groups = AREAS.map((area) => ({ area, findings: findings.filter((f) => f.area === area.id) })).filter((g) => g.findings.length > 0);
  const worst = (g: { findings: Finding[] }) => Math.max(...g.findings.map((f) => (f.suppressed ? 0 : SEVERITY_RANK[f.severity])));
  return groups.sort((a, b) => worst(b) - worst(a));
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
}

export function summaryLine(report: Report): string {
  const s = report.summary;
  const parts = [plural(s.error, "error"), plural(s.warning, "warning"), `${s.info} info`];
  const aside = [...(s.suppressed ? [`${s.suppressed} suppressed`] : []), ...(s.baselined ? [`${s.baselined} in the baseline`] : [])];
  return `${parts.join(", ")}${aside.length ? ` (${aside.join(", ")})` : ""}`;
}
