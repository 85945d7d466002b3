import { fieldOf, type PyNode, textOf } from "../parse.js";
import { pyRepr, pyStr, reprFloat, type Value } from "../value.js";

/** The parts of an f-string `interpolation` node. */
export function interpolationParts(node: PyNode): {
  expression: PyNode | undefined;
  conversion: string | undefined;
  spec: PyNode | undefined;
  debugText: string | undefined;
} {
  const expression = fieldOf(node, "expression");
  const conversionNode = fieldOf(node, "type_conversion");
  const spec = fieldOf(node, "format_specifier");
  const conversion = conversionNode ? textOf(conversionNode).replace("!", "") : undefined;
  // f"{x=}" prints the expression text and '=' before the value.
  const hasEquals = node.children.some((child) => !child.isNamed && textOf(child) === "=");
  const debugText = hasEquals && expression ? `${node.file.text.slice(node.start + 1, expression.end)}=` : undefined;
  return { expression, conversion, spec, debugText };
}

export class FormatError extends Error {}

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

function parseSpec(spec: string): Spec {
  const match = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!match) throw new FormatError(`Invalid format specifier '${spec}'`);
  const [, fill, align, sign, alternate, zero, width, grouping, precision, type] = match;
  return {
    fill: fill ?? (zero && !align ? "0" : " "),
    align: align ?? (zero ? "=" : ""),
    sign: sign ?? "-",
    alternate: Boolean(alternate),
    zero: Boolean(zero),
    width: width ? Number(width) : 0,
    grouping: grouping ?? "",
    precision: precision === undefined ? undefined : Number(precision),
    type: type ?? "",
  };
}

function pad(body: string, spec: Spec, defaultAlign: string, signPart = ""): string {
  const align = spec.align || defaultAlign;
  const total = signPart.length + body.length;
  if (total >= spec.width) return signPart + body;
  const padding = spec.width - total;
  const fill = spec.fill;
  switch (align) {
    case "<":
      return signPart + body + fill.repeat(padding);
    case "^": {
      const left = Math.floor(padding / 2);
      return fill.repeat(left) + signPart + body + fill.repeat(padding - left);
    }
    case "=":
      return signPart + fill.repeat(padding) + body;
    default:
      return fill.repeat(padding) + signPart + body;
  }
}

function group(digits: string, separator: string): string {
  if (!separator) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** format(value, spec) for str, int, float and bool; undefined when djship does not model it. */
export function formatValue(value: Value, specText: string): string | undefined {
  if (specText === "") return pyStr(value);
  const spec = parseSpec(specText);
  switch (value.kind) {
    case "str": {
      if (spec.type && spec.type !== "s") throw new FormatError(`Unknown format code '${spec.type}' for object of type 'str'`);
      const text = spec.precision === undefined ? value.value : value.value.slice(0, spec.precision);
      return pad(text, spec, "<");
    }
    case "bool":
    case "int": {
      const number = value.kind === "bool" ? (value.value ? 1 : 0) : value.value;
      if (value.kind === "bool" && !spec.type) return pad(value.value ? "True" : "False", spec, "<");
      if ("eEfFgG%".includes(spec.type) && spec.type) return formatFloat(number, spec);
      const negative = number < 0;
      const magnitude = Math.abs(number);
      let digits: string;
      switch (spec.type) {
        case "":
        case "d":
        case "n":
          digits = group(String(magnitude), spec.grouping);
          break;
        case "x":
          digits = (spec.alternate ? "0x" : "") + magnitude.toString(16);
          break;
        case "X":
          digits = (spec.alternate ? "0X" : "") + magnitude.toString(16).toUpperCase();
          break;
        case "o":
          digits = (spec.alternate ? "0o" : "") + magnitude.toString(8);
          break;
        case "b":
          digits = (spec.alternate ? "0b" : "") + magnitude.toString(2);
          break;
        case "c":
          return pad(String.fromCodePoint(number), spec, "<");
        default:
          throw new FormatError(`Unknown format code '${spec.type}' for object of type 'int'`);
      }
      return pad(digits, spec, ">", signOf(negative, spec.sign));
    }
    case "float":
      return formatFloat(value.value, spec);
    default:
      return undefined;
  }
}

function signOf(negative: boolean, sign: string): string {
  if (negative) return "-";
  return sign === "+" ? "+" : sign === " " ? " " : "";
}

function formatFloat(number: number, spec: Spec): string {
  const negative = number < 0 || Object.is(number, -0);
  const magnitude = Math.abs(number);
  let body: string;
  const precision = spec.precision ?? 6;
  switch (spec.type) {
    case "f":
    case "F":
      body = magnitude.toFixed(precision);
      break;
    case "%":
      body = `${(magnitude * 100).toFixed(precision)}%`;
      break;
    case "e":
    case "E":
      body = magnitude.toExponential(precision).replace(/e([+-])(\d)$/, "e$10$2");
      if (spec.type === "E") body = body.toUpperCase();
      break;
    case "":
      body = spec.precision === undefined ? reprFloat(magnitude) : String(Number(magnitude.toPrecision(precision || 1)));
      break;
    default:
      body = String(Number(magnitude.toPrecision(precision || 1)));
  }
  if (spec.grouping) {
    const [whole, fraction] = body.split(".");
    body = group(whole ?? "", spec.grouping) + (fraction === undefined ? "" : `.${fraction}`);
  }
  return pad(body, spec, ">", signOf(negative, spec.sign));
}

/** Applies an f-string or str.format conversion (!r, !s, !a). */
export function convert(value: Value, conversion: string | undefined): Value | string | undefined {
  if (conversion === "r" || conversion === "a") return pyRepr(value);
  if (conversion === "s") return pyStr(value);
  return value;
}
