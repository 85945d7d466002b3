import type { Finding } from "../findings/finding.js";
import { groupByArea, type Reporter, summaryLine } from "./model.js";

const SEVERITY_FORMAT = { error: "red", warning: "yellow", info: "blue" } as const;

function location(finding: Finding): string {
  if (finding.url) return finding.url;
  if (!finding.file) return "(project)";
  return `${finding.file}:${finding.line ?? 1}:${finding.column ?? 1}`;
}

/** The default report: grouped by area, worst first, with the fix and a summary line. */
export const renderText: Reporter = (report, { color }) => {
  const lines: string[] = [];
  for (const line of report.heading) lines.push(color("bold", line));
  const visible = report.findings.filter((f) => !f.suppressed);
  if (visible.length === 0) lines.push("", color("green", "No findings."));
  for (const group of groupByArea(visible)) {
    const score = report.scores?.find((s) => s.label === group.area.id);
    lines.push("", `${color("bold", group.area.title)}${score?.score != null ? color("dim", `  score ${score.score}/100`) : ""}`);
    for (const finding of group.findings) {
      const severity = color(SEVERITY_FORMAT[finding.severity], finding.severity.padEnd(7));
      const check = finding.djangoCheck ? color("dim", ` (${finding.djangoCheck})`) : "";
      lines.push(`  ${severity} ${color("cyan", finding.rule.padEnd(6))} ${location(finding)}`);
      lines.push(`          ${finding.message}${check}`);
      if (finding.evidence) lines.push(color("dim", `          evidence: ${finding.evidence}`));
      if (finding.env.length) lines.push(color("dim", `          controlled by: ${finding.env.join(", ")}`));
      for (const related of finding.related)
        lines.push(color("dim", `          see also ${related.file}:${related.line}${related.message ? `: ${related.message}` : ""}`));
      lines.push(color("dim", `          fix: ${finding.fix}`));
    }
  }
  if (report.scores?.length && report.kind === "scan") {
    // One row per site: with many sites a line of scores would not read.
    const width = Math.min(60, Math.max(4, ...report.scores.map((s) => s.label.length)));
    lines.push("", color("bold", `${"site".padEnd(width)}  score  grade and findings`));
    for (const s of report.scores) lines.push(`${s.label.padEnd(width)}  ${String(s.score ?? "-").padStart(5)}  ${s.detail}`);
  } else if (report.scores?.length) {
    lines.push("", `Scores: ${report.scores.map((s) => `${s.label} ${s.score ?? "-"}`).join(" · ")}`);
  }
  const exit =
    report.exitCode === 1 ? color("red", `fails (fail-on ${report.failOn})`) : color("green", `passes (fail-on ${report.failOn})`);
  lines.push("", `${summaryLine(report)} · ${exit}`);
  return `${lines.join("\n")}\n`;
};
