import { createHash } from "node:crypto";
import { InputError } from "../util/errors.js";
import { readText } from "../util/fs.js";

/**
 * A finding's fingerprint: its rule, file and the text of the line it points at (not the line
 * number, so the fingerprint survives code moving up or down), numbered among identical ones.
 */
export function fingerprint(rule: string, file: string | null, lineText: string | undefined, message: string, occurrence: number): string {
  // Line numbers inside messages ("... (settings.py:12)") would defeat the point.
  const stableMessage = message.replace(/:\d+\b/g, ":#");
  const content = [rule, file ?? "", (lineText ?? "").trim().replace(/\s+/g, " "), file ? "" : stableMessage, String(occurrence)].join(
    "\0",
  );
  return createHash("sha256").update(content).digest("hex").slice(0, 24);
}

/** The fingerprints of a previous `djship audit --format json` report. */
export function readBaseline(path: string): Set<string> {
  const read = readText(path, 64 * 1024 * 1024);
  if (!read.ok) throw new InputError(`--baseline ${path}: ${read.message}`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    throw new InputError(`--baseline ${path}: not a JSON report (write one with --write-baseline or --format json)`);
  }
  const findings = (data as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) throw new InputError(`--baseline ${path}: no "findings" list; is it a djship audit JSON report?`);
  return new Set(findings.map((f) => (f as { fingerprint?: unknown }).fingerprint).filter((f): f is string => typeof f === "string"));
}
