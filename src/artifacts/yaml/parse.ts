import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";

/** A YAML document parsed with positions, and the problems the parser reported. */
export interface YamlFile {
  readonly path: string;
  readonly documents: readonly Document.Parsed[];
  readonly lineCounter: LineCounter;
  readonly errors: readonly { line: number; message: string }[];
}

/**
 * Recently parsed files: discovery, the artifacts and several parsers read the same compose and
 * Kubernetes files; a file is parsed once per text. Bounded, so a long-lived process does not grow.
 */
const recent = new Map<string, { text: string; parsed: YamlFile }>();
const RECENT_LIMIT = 256;

/** Parses every document of a YAML file. Never throws: problems are returned with their line. */
export function parseYaml(path: string, text: string): YamlFile {
  const cached = recent.get(path);
  if (cached && cached.text === text) return cached.parsed;
  const parsed = parseYamlUncached(path, text);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(path, { text, parsed });
  return parsed;
}

function parseYamlUncached(path: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const errors: { line: number; message: string }[] = [];
  let documents: Document.Parsed[] = [];
  try {
    // Aliases are expanded by the library with a bound (maxAliasCount), so a billion-laughs file
    // is an error here, not a hang.
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [documents as unknown as Document.Parsed];
  } catch (error) {
    errors.push({ line: 1, message: error instanceof Error ? error.message : String(error) });
  }
  for (const document of documents) {
    for (const error of document.errors) {
      errors.push({ line: lineCounter.linePos(error.pos[0]).line, message: error.message.split("\n")[0] ?? "invalid YAML" });
    }
  }
  return { path, documents, lineCounter, errors };
}

/** 1-based line where a node starts. */
export function lineOf(file: YamlFile, node: Node | null | undefined): number {
  const start = node?.range?.[0];
  return start === undefined ? 1 : file.lineCounter.linePos(start).line;
}

/** A child node of a mapping, by key. */
export function child(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** Walks a path of keys (and numeric indexes into sequences). */
export function at(node: unknown, ...path: (string | number)[]): Node | undefined {
  let current: unknown = node;
  for (const step of path) {
    if (typeof step === "number") {
      current = isSeq(current) ? current.items[step] : undefined;
    } else {
      current = child(current, step);
    }
    if (current === undefined || current === null) return undefined;
  }
  return current as Node;
}

/** The scalar value of a node as a string, or undefined for anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : String(value);
}

export function mapEntries(node: unknown): { key: string; value: Node | undefined; keyNode: Node }[] {
  if (!isMap(node)) return [];
  const entries: { key: string; value: Node | undefined; keyNode: Node }[] = [];
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    if (key !== undefined) entries.push({ key, value: (pair.value ?? undefined) as Node | undefined, keyNode: pair.key as Node });
  }
  return entries;
}

export function seqItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export { isMap, isScalar, isSeq };
