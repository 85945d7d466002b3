import type { AuditResult } from "../audit.js";

/** The JSON document of `djship audit --format json` (schemas/audit.schema.json). */
export function auditDocument(result: AuditResult) {
  return {
    tool: result.tool,
    schemaVersion: result.schemaVersion,
    environment: result.environment,
    projects: result.projects,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      djangoCheck: f.djangoCheck,
      severity: f.severity,
      area: f.area,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      env: f.env,
      project: f.project,
      fix: f.fix,
      docUrl: f.docUrl,
      related: f.related,
      suppressed: f.suppressed,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      ...(f.baseline ? { baseline: f.baseline } : {}),
      fingerprint: f.fingerprint,
    })),
    summary: result.summary,
  };
}
