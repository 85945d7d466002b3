import { groupByArea, type Reporter, summaryLine } from "./model.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A pull-request comment: summary, scores, and one table per area. */
export const renderMarkdown: Reporter = (report) => {
  const lines: string[] = [`## ${report.kind === "audit" ? "djship audit" : "djship scan"}`, ""];
  for (const line of report.heading) lines.push(`${line}  `);
  lines.push(
    "",
    `**${summaryLine(report)}** — ${report.exitCode === 1 ? `fails at fail-on \`${report.failOn}\`` : `passes at fail-on \`${report.failOn}\``}`,
    "",
  );
  if (report.scores?.length && report.kind === "scan") {
    lines.push("| site | score | grade and findings |", "|---|---|---|");
    for (const s of report.scores) lines.push(`| ${cell(s.label)} | ${s.score === null ? "–" : s.score} | ${cell(s.detail)} |`);
    lines.push("");
  } else if (report.scores?.length) {
    lines.push(
      `| ${report.scores.map((s) => s.label).join(" | ")} |`,
      `|${report.scores.map(() => "---").join("|")}|`,
      `| ${report.scores.map((s) => (s.score === null ? "–" : String(s.score))).join(" | ")} |`,
      "",
    );
  }
  const visible = report.findings.filter((f) => !f.suppressed);
  for (const group of groupByArea(visible)) {
    lines.push(`### ${group.area.title}`, "", "| severity | rule | where | finding | fix |", "|---|---|---|---|---|");
    for (const f of group.findings) {
      const where = f.url ?? (f.file ? `\`${f.file}:${f.line ?? 1}\`` : "");
      const rule = `[${f.rule}](${f.docUrl})${f.djangoCheck ? ` \`${f.djangoCheck}\`` : ""}`;
      lines.push(`| ${f.severity} | ${rule} | ${cell(where)} | ${cell(f.message)} | ${cell(f.fix)} |`);
    }
    lines.push("");
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    lines.push(
      `<details><summary>${suppressed.length} suppressed</summary>`,
      "",
      ...suppressed.map((f) => `- ${f.rule} ${f.file ?? f.url ?? ""}: ${cell(f.message)} (${f.suppression?.reason ?? ""})`),
      "",
      "</details>",
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
};
