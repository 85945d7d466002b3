/**
 * Inline suppressions: `# djship: ignore[SEC004, CFG]` or a bare `# djship: ignore` on the line a
 * finding points at. Works in every file with `#` comments (Python, YAML, Dockerfile, nginx, .env).
 */
const MARKER = /#\s*djship:\s*ignore(?:\[([^\]]*)\])?/i;

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
