import type { ScanResult } from "../scan/scan.js";

export const SCAN_SCHEMA_VERSION = 1;

/** The JSON document of `djship scan --format json` (schemas/scan.schema.json); its fields are a stable contract. */
export function scanDocument(result: ScanResult) {
  return {
    tool: result.tool,
    schemaVersion: SCAN_SCHEMA_VERSION,
    sites: result.sites.map((s) => ({
      url: s.url,
      finalUrl: s.finalUrl,
      redirects: s.redirects.map((hop) => ({ url: hop.url, status: hop.status, location: hop.location })),
      grade: s.grade,
      score: s.score,
      error: s.error,
      outcomes: s.outcomes,
      summary: s.summary,
    })),
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      area: f.area,
      message: f.message,
      url: f.url ?? null,
      evidence: f.evidence ?? null,
      fix: f.fix,
      suppressed: f.suppressed,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      djangoCheck: f.djangoCheck,
      file: f.file,
      line: f.line,
      column: f.column,
      env: f.env,
      project: f.project,
      docUrl: f.docUrl,
      related: f.related,
      fingerprint: f.fingerprint,
    })),
    summary: { error: result.summary.error, warning: result.summary.warning, info: result.summary.info },
  };
}

export type ScanDocument = ReturnType<typeof scanDocument>;
