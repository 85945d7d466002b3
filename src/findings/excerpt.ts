import { join } from "node:path";
import { redactSourceLine } from "../model/secrets.js";
import { readText } from "../util/fs.js";
import type { Finding } from "./finding.js";

/** The lines around a finding, as a report quotes them: redacted before any reporter sees them. */
export interface Excerpt {
  /** The number of the first line in `lines`. */
  readonly startLine: number;
  /** The line the finding points at. */
  readonly line: number;
  readonly lines: readonly string[];
}

const CONTEXT_LINES = 2;
// A line longer than this is cut: a minified file must not make a report of megabytes.
const MAX_LINE_CHARS = 240;

/**
 * Excerpts of the files findings point at, keyed by finding fingerprint: each file read once,
 * bounded by the one bounded-read helper; every line passes through the secret redaction.
 */
export function excerptsFor(root: string, findings: readonly Finding[]): Map<string, Excerpt> {
  const files = new Map<string, string[] | null>();
  const excerpts = new Map<string, Excerpt>();
  for (const finding of findings) {
    if (!finding.file || !finding.line) continue;
    let lines = files.get(finding.file);
    if (lines === undefined) {
      const read = readText(join(root, finding.file));
      lines = read.ok ? read.text.split(/\r\n|\r|\n/) : null;
      files.set(finding.file, lines);
    }
    if (!lines || finding.line > lines.length) continue;
    const start = Math.max(1, finding.line - CONTEXT_LINES);
    const end = Math.min(lines.length, finding.line + CONTEXT_LINES);
    // Redacted before it is cut: a cut could split a literal or URL and hide it from the redaction.
    const quoted = lines.slice(start - 1, end).map((text) => {
      const redacted = redactSourceLine(text);
      return redacted.length > MAX_LINE_CHARS ? `${redacted.slice(0, MAX_LINE_CHARS)}…` : redacted;
    });
    excerpts.set(finding.fingerprint, { startLine: start, line: finding.line, lines: quoted });
  }
  return excerpts;
}
