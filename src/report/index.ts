import type { Finding } from "../findings/finding.js";
import type { Reporter } from "./model.js";

export const FORMATS = ["text", "json", "sarif", "markdown", "junit", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** Loads a reporter on demand: start-up only pays for the one in use. */
export async function reporterFor(format: Exclude<Format, "json">): Promise<Reporter> {
  switch (format) {
    case "text":
      return (await import("./text.js")).renderText;
    case "sarif":
      return (await import("./sarif.js")).renderSarif;
    case "markdown":
      return (await import("./markdown.js")).renderMarkdown;
    case "junit":
      return (await import("./junit.js")).renderJunit;
    case "html":
      return (await import("./html.js")).renderHtml;
  }
}

/**
 * The findings a format shows. Machine formats keep baselined findings, marked, so a baseline
 * written from a baselined run still holds them; the human ones show only what is new.
 */
export function reportedFindings(format: Format, findings: readonly Finding[]): readonly Finding[] {
  if (format === "json" || format === "sarif") return findings;
  return findings.filter((f) => f.baseline !== "unchanged");
}
