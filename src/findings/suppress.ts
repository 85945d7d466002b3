import { type DjshipConfig, globToRegExp } from "./config.js";
import type { Suppression } from "./finding.js";

/**
 * Inline suppressions: `# djship: ignore[SEC004, CFG]` or a bare `# djship: ignore` on the line a
 * finding points at. Works in every file with `#` comments (Python, YAML, Dockerfile, nginx, .env).
 */
const MARKER = /#\s*djship:\s*ignore(?:\[([^\]]*)\])?/i;

/** The marker in one line, when it covers `code`: the reason recorded with the suppression. */
export function inlineSuppression(lineText: string | undefined, code: string): string | undefined {
  if (!lineText) return undefined;
  const match = MARKER.exec(lineText);
  if (!match) return undefined;
  if (match[1] === undefined) return "# djship: ignore";
  const codes = match[1]
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return codes.some((c) => code.startsWith(c)) ? `# djship: ignore[${match[1].trim()}]` : undefined;
}

/**
 * In a Dockerfile a marker goes on a line of its own above the instruction: Docker's parser has no
 * trailing comments (`USER app # note` makes the user "app # note"), and a comment line inside an
 * instruction's continuation is dropped before the instruction is read
 * (https://docs.docker.com/reference/dockerfile/#format). The finding may point at any line of a
 * multi-line instruction, so this walks up to the instruction's first line, then reads the block of
 * comment lines right above it.
 */
function dockerfileSuppression(lines: readonly string[], line: number, code: string): string | undefined {
  let first = line - 1;
  while (first > 0 && /\\\s*$/.test(lines[first - 1] ?? "")) first--;
  for (let index = first - 1; index >= 0; index--) {
    const text = (lines[index] ?? "").trim();
    if (!text.startsWith("#")) break;
    const reason = inlineSuppression(text, code);
    if (reason) return reason;
  }
  return undefined;
}

/** What decides whether one finding is suppressed; `lines` is the text of the finding's file. */
export interface SuppressionInput {
  readonly code: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly lines: readonly string[] | undefined;
  /** The file is a Dockerfile: its markers go on the line above the instruction. */
  readonly isDockerfile: boolean;
  readonly djangoCheck: string | null;
  readonly config: Pick<DjshipConfig, "perFileIgnores">;
  /** Whether the project's SILENCED_SYSTEM_CHECKS holds a check ID. */
  readonly isSilenced: (checkId: string) => boolean;
}

/**
 * The suppression policy, in order: a marker in the file (on the line, or above the instruction in
 * a Dockerfile), `per-file-ignores`, then Django's SILENCED_SYSTEM_CHECKS for parity findings.
 */
export function suppressionOf(input: SuppressionInput): Suppression | undefined {
  const { code, file, line, lines } = input;
  if (file && line && lines) {
    const reason = inlineSuppression(lines[line - 1], code) ?? (input.isDockerfile ? dockerfileSuppression(lines, line, code) : undefined);
    if (reason) return { kind: "inline", reason };
  }
  if (file) {
    for (const [glob, codes] of Object.entries(input.config.perFileIgnores)) {
      if (globToRegExp(glob).test(file) && codes.some((c) => c === "ALL" || code.startsWith(c.toUpperCase())))
        return { kind: "config", reason: `per-file-ignores "${glob}"` };
    }
  }
  if (input.djangoCheck && input.isSilenced(input.djangoCheck))
    return { kind: "silenced", reason: `${input.djangoCheck} is in SILENCED_SYSTEM_CHECKS` };
  return undefined;
}
