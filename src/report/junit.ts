import { AREAS } from "../findings/vocabulary.js";
import type { Reporter } from "./model.js";

function xml(text: string): string {
  return text
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

/** JUnit XML for CI dashboards: one suite per area, one test case per finding; suppressed ones skipped. */
export const renderJunit: Reporter = (report) => {
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  for (const area of AREAS) {
    const findings = report.findings.filter((f) => f.area === area.id);
    const cases = findings.map((f) => {
      const where = f.url ?? (f.file ? `${f.file}:${f.line ?? 1}` : "project");
      const body = f.suppressed
        ? `<skipped message="${xml(f.suppression?.reason ?? "suppressed")}"/>`
        : `<failure type="${f.severity}" message="${xml(f.message)}">${xml(`${f.rule} ${where}\n${f.message}\nfix: ${f.fix}`)}</failure>`;
      return `    <testcase classname="djship.${area.id}" name="${xml(`${f.rule} ${where}`)}" file="${xml(f.file ?? "")}">${body}</testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase classname="djship.${area.id}" name="${xml(`${area.title}: no findings`)}"/>`);
    const failed = findings.filter((f) => !f.suppressed).length;
    const skipped = findings.length - failed;
    total += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${xml(area.title)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="djship ${report.kind}" tests="${total}" failures="${failures}" errors="0">\n${suites.join("\n")}\n</testsuites>\n`;
};
