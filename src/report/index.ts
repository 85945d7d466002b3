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
