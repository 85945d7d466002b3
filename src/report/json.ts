import type { Reporter } from "./model.js";

/** The machine-readable report (schemas/audit.schema.json or scan.schema.json); never coloured. */
export function jsonReporter(document: (report: Parameters<Reporter>[0]) => unknown): Reporter {
  return (report) => `${JSON.stringify(document(report), null, 2)}\n`;
}
