import type { Finding } from "../findings/finding.js";
import type { Reporter } from "./model.js";
import { renderRuleMarkdown } from "./rule-docs.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

function physicalLocation(file: string, line: number | null, column: number | null) {
  return {
    artifactLocation: { uri: encodeURI(file), uriBaseId: "%SRCROOT%" },
    region: { startLine: line ?? 1, startColumn: column ?? 1 },
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules with their docs, results with
 * relative locations, related locations, fingerprints that survive line shifts, and suppressions.
 */
export const renderSarif: Reporter = (report) => {
  const used = [...new Set(report.findings.map((f) => f.rule))];
  const rules = used.map((code) => {
    const info = report.catalog.get(code);
    if (!info) return { id: code };
    return {
      id: info.code,
      name: info.slug.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: info.doc.what },
      fullDescription: { text: `${info.doc.what} ${info.doc.why}` },
      help: { text: `${info.doc.why}\n\nFix: ${info.doc.fix}`, markdown: renderRuleMarkdown(info, 2) },
      helpUri: info.docUrl,
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: {
        tags: [info.area, ...(info.djangoCheck ? ["django-check"] : [])],
        precision: "high",
        ...(info.djangoCheck ? { djangoCheck: info.djangoCheck } : {}),
      },
    };
  });
  const result = (finding: Finding) => {
    // Scan findings are located by URL: an absolute artifact URI, with no source region.
    // A project-level finding (no file: "no CI workflow runs the tests") is placed on the
    // project's settings module, line 1: GitHub code scanning rejects a result with no location.
    const file = finding.file ?? (finding.url ? undefined : report.projectFiles?.[finding.project ?? "."]);
    const locations = file
      ? [{ physicalLocation: physicalLocation(file, finding.file ? finding.line : 1, finding.file ? finding.column : 1) }]
      : finding.url
        ? [{ physicalLocation: { artifactLocation: { uri: finding.url } } }]
        : [];
    const related = finding.related.map((r, index) => ({
      id: index + 1,
      physicalLocation: physicalLocation(r.file, r.line, r.column),
      message: { text: r.message ?? "related location" },
    }));
    return {
      ruleId: finding.rule,
      ruleIndex: used.indexOf(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      ...(locations.length ? { locations } : {}),
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { "djship/v1": finding.fingerprint },
      ...(finding.baseline ? { baselineState: finding.baseline } : {}),
      ...(finding.suppressed && finding.suppression
        ? {
            suppressions: [
              { kind: finding.suppression.kind === "inline" ? "inSource" : "external", justification: finding.suppression.reason },
            ],
          }
        : {}),
      properties: {
        area: finding.area,
        ...(finding.djangoCheck ? { djangoCheck: finding.djangoCheck } : {}),
        ...(finding.env.length ? { env: finding.env } : {}),
        ...(finding.file === null && file ? { projectLevel: true } : {}),
        ...(finding.url ? { url: finding.url } : {}),
        ...(finding.evidence ? { evidence: finding.evidence } : {}),
      },
    };
  };
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: "https://github.com/djship/djship",
            rules,
          },
        },
        results: report.findings.map(result),
        columnKind: "unicodeCodePoints",
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};
