import { type PyNode, textOf } from "./parse.js";

/** A piece of a string literal: literal text, or an f-string replacement field to evaluate. */
export type StringPart = { text: string } | { interpolation: PyNode };

export interface StringLiteral {
  isBytes: boolean;
  isFormat: boolean;
  parts: StringPart[];
}

/** Reads a `string` node: its prefix, its text with escapes decoded, and its f-string fields. */
export function readStringLiteral(node: PyNode): StringLiteral {
  const start = node.children.find((child) => child.type === "string_start");
  const prefix = (start ? textOf(start) : '"').replace(/["']+$/, "").toLowerCase();
  const isRaw = prefix.includes("r");
  const isBytes = prefix.includes("b");
  const isFormat = prefix.includes("f");
  const parts: StringPart[] = [];
  for (const child of node.children) {
    if (child.type === "string_content") {
      let text = textOf(child);
      if (isFormat) text = text.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
      parts.push({ text: isRaw ? text : decodeEscapes(text, isBytes) });
    } else if (child.type === "interpolation") {
      parts.push({ interpolation: child });
    }
  }
  return { isBytes, isFormat, parts };
}

/** Python's one-character escapes (a backslash-newline continues the line). */
export const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\n": "",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Python's escape sequences; unknown ones keep their backslash, as Python does (with a warning). */
export function decodeEscapes(text: string, isBytes: boolean): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1] as string;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    if (next === "\r") {
      i += text[i + 2] === "\n" ? 2 : 1;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0] ?? next;
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += octal.length;
      continue;
    }
    const hexLength = next === "x" ? 2 : !isBytes && next === "u" ? 4 : !isBytes && next === "U" ? 8 : 0;
    if (hexLength) {
      const hex = text.slice(i + 2, i + 2 + hexLength);
      if (hex.length === hexLength && /^[0-9A-Fa-f]+$/.test(hex)) {
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 1 + hexLength;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
