import { type Document, isAlias, isMap, isScalar, isSeq, type Node, visit } from "yaml";
import { lineOf, type YamlFile } from "./parse.js";

/** A value read from a deployment file, with where it was written. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly line: number;
}

/** Aliases followed this many times at most while resolving one node (the library bounds expansion too). */
const MAX_ALIAS_HOPS = 32;

/** Every anchored node of a document, in document order: built once, since Alias.resolve walks the whole document. */
const anchorsOf = new WeakMap<Document.Parsed, { name: string; start: number; node: Node }[]>();

function anchors(document: Document.Parsed): { name: string; start: number; node: Node }[] {
  let found = anchorsOf.get(document);
  if (found) return found;
  found = [];
  const list = found;
  visit(document, {
    Node(_key, node) {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) list.push({ name: anchor, start: node.range?.[0] ?? 0, node: node as Node });
    },
  });
  anchorsOf.set(document, list);
  return list;
}

/** A node with aliases (`*app`) replaced by what they point at: the last anchor of that name before the alias. */
export function deref(document: Document.Parsed, node: unknown): Node | undefined {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < MAX_ALIAS_HOPS; hops++) {
    const alias = current;
    const at = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
    let target: Node | undefined;
    for (const anchor of anchors(document)) {
      if (anchor.start < at && anchor.name === alias.source) target = anchor.node;
    }
    if (!target) return undefined;
    current = target;
  }
  return isAlias(current) ? undefined : ((current ?? undefined) as Node | undefined);
}

const entriesCache = new WeakMap<object, { key: string; value: Node | undefined; keyNode: Node }[]>();

/**
 * The entries of a mapping with YAML merge keys applied (`<<: *base`, `<<: [*a, *b]`): keys written
 * in the mapping win, then the merged mappings in order, as the YAML 1.1 merge spec says
 * (https://yaml.org/type/merge.html) and docker compose implements it.
 */
export function entriesOf(document: Document.Parsed, node: unknown, depth = 0): { key: string; value: Node | undefined; keyNode: Node }[] {
  const map = deref(document, node);
  if (!isMap(map) || depth > MAX_ALIAS_HOPS) return [];
  const cached = entriesCache.get(map);
  if (cached) return cached;
  const own: { key: string; value: Node | undefined; keyNode: Node }[] = [];
  const merged: { key: string; value: Node | undefined; keyNode: Node }[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    if (key === "<<") {
      const sources = isSeq(deref(document, pair.value)) ? (deref(document, pair.value) as { items: unknown[] }).items : [pair.value];
      for (const source of sources) merged.push(...entriesOf(document, source, depth + 1));
      continue;
    }
    own.push({ key, value: deref(document, pair.value), keyNode: pair.key as Node });
  }
  const seen = new Set(own.map((e) => e.key));
  for (const entry of merged) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    own.push(entry);
  }
  entriesCache.set(map, own);
  return own;
}

/** One entry of a mapping (merge keys applied). */
export function get(document: Document.Parsed, node: unknown, ...path: (string | number)[]): Node | undefined {
  let current: Node | undefined = deref(document, node);
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === "number") current = isSeq(current) ? deref(document, current.items[step]) : undefined;
    else current = entriesOf(document, current).find((e) => e.key === step)?.value;
  }
  return current;
}

export function items(document: Document.Parsed, node: unknown): Node[] {
  const seq = deref(document, node);
  return isSeq(seq) ? seq.items.map((item) => deref(document, item)).filter((item): item is Node => item !== undefined) : [];
}

/** The scalar value as text, or undefined for anything else (null included). */
export function text(document: Document.Parsed, node: unknown): string | undefined {
  const value = deref(document, node);
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  return typeof value.value === "string" ? value.value : String(value.value);
}

export function num(document: Document.Parsed, node: unknown): number | undefined {
  const value = text(document, node);
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value);
}

export function located<T>(file: YamlFile, node: Node | undefined, value: T | undefined): Located<T> | undefined {
  return value === undefined ? undefined : { value, file: file.path, line: lineOf(file, node) };
}

export function isMapNode(document: Document.Parsed, node: unknown): boolean {
  return isMap(deref(document, node));
}

export function isSeqNode(document: Document.Parsed, node: unknown): boolean {
  return isSeq(deref(document, node));
}
