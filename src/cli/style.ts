import { styleText } from "node:util";

export type ColorMode = "auto" | "always" | "never";

type Format = Parameters<typeof styleText>[0];

/**
 * Colour for one output stream. styleText (Node ≥ 20.18) already honours the stream being a TTY,
 * NO_COLOR and FORCE_COLOR; --color always|never overrides all of them.
 */
export function makeStyle(stream: NodeJS.WriteStream, mode: ColorMode): (format: Format, text: string) => string {
  if (mode === "never") return (_format, text) => text;
  if (mode === "always") return (format, text) => styleText(format, text, { validateStream: false });
  return (format, text) => styleText(format, text, { stream });
}
