import { AREAS } from "../findings/vocabulary.js";
import { SITE_ERROR } from "./catalog.js";
import type { Outcome } from "./define.js";
import { GRADES, MINIMUM_SCORE_FOR_BONUS } from "./grade/grade.js";
import { WEIGHTS } from "./grade/weights.js";
import { PROBES } from "./registry.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** docs/scan.md: every probe with its doc, its outcomes and their points. Written by `npm run gen`. */
export function renderScanDocs(): string {
  const out = [
    "# djship scan probes",
    "",
    "Generated from src/scan/probes/ and src/scan/grade/weights.ts by `npm run gen`; do not edit by hand.",
    "",
    `A site starts at 100. Each probe adds the points of its worst outcome once; bonuses (positive points) count only when the score without them is at least ${MINIMUM_SCORE_FOR_BONUS}. Score → grade as the MDN HTTP Observatory: 100 and over A+, 90 A, 85 A-, 80 B+, 70 B, 65 B-, 60 C+, 50 C, 45 C-, 40 D+, 30 D, 25 D-, under 25 F (${GRADES.length} grades).`,
    "",
    "| code | probe | area | outcomes (severity, points) |",
    "|---|---|---|---|",
  ];
  for (const probe of PROBES) {
    const outcomes = Object.entries(probe.outcomes as Record<string, Outcome>)
      .map(([name, o]) => `${name} (${o.severity}, ${(WEIGHTS[probe.id]?.[name] ?? 0) > 0 ? "+" : ""}${WEIGHTS[probe.id]?.[name] ?? 0})`)
      .join(", ");
    out.push(`| [${probe.code}](#${probe.code.toLowerCase()}) | ${probe.id} | ${probe.area} | ${cell(outcomes)} |`);
  }
  out.push("", `## ${SITE_ERROR.code} ${SITE_ERROR.slug}`, "", `Area: server · severity: error`, "");
  out.push(
    `**What it finds.** ${SITE_ERROR.doc.what}`,
    "",
    `**Why it matters.** ${SITE_ERROR.doc.why}`,
    "",
    `**How to fix it.** ${SITE_ERROR.doc.fix}`,
    "",
  );
  for (const probe of PROBES) {
    const area = AREAS.find((a) => a.id === probe.area);
    out.push(`## ${probe.code} ${probe.id}`, "", `Area: ${probe.area} (${area?.title ?? ""})`, "");
    out.push(
      `**What it does.** ${probe.doc.what}`,
      "",
      `**Why it matters.** ${probe.doc.why}`,
      "",
      `**How to fix it.** ${probe.doc.fix}`,
      "",
    );
    out.push("| outcome | severity | points | finding |", "|---|---|---|---|");
    for (const [name, outcome] of Object.entries(probe.outcomes as Record<string, Outcome>)) {
      const points = WEIGHTS[probe.id]?.[name] ?? 0;
      out.push(`| ${name} | ${outcome.severity} | ${points > 0 ? "+" : ""}${points} | ${cell(outcome.message ?? "")} |`);
    }
    if (probe.doc.references?.length) out.push("", "References:", "", ...probe.doc.references.map((url) => `- <${url}>`));
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
