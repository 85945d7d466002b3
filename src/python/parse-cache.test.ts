/**
 * The parse cache gives back exactly the tree tree-sitter gives, under the path asked for; it is
 * keyed by the text, so a changed file is parsed again; a damaged cache file or entry is ignored
 * and replaced; and a run that meets a file the cache does not know without a parser says so.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { EXAMPLES } from "../../test/helpers/paths.js";
import { cachingParser, loadPythonParser, type PyFile, type PyNode, parsePython, parserWasMissing } from "./parse.js";
import { ParseCache } from "./parse-cache.js";

let parser: TreeSitterParser;
const folders: string[] = [];
before(async () => {
  parser = await loadPythonParser();
});
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function cacheFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "djship-parse-cache-"));
  folders.push(folder);
  return folder;
}

/** A tree as plain data, without the back-references to its file. */
function shape(node: PyNode): unknown {
  return [node.type, node.isNamed, node.field, node.start, node.end, node.line, node.column, node.children.map(shape)];
}

function same(actual: PyFile, expected: PyFile): void {
  assert.equal(actual.path, expected.path);
  assert.equal(actual.text, expected.text);
  assert.deepEqual(actual.syntaxErrors, expected.syntaxErrors);
  assert.deepEqual(shape(actual.root), shape(expected.root));
  const stack = [actual.root];
  while (stack.length > 0) {
    const node = stack.pop() as PyNode;
    assert.equal(node.file, actual, "every node points at the file it belongs to");
    stack.push(...node.children);
  }
}

function pythonFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith(".py")).map((name) => join(folder, name));
}

const SOURCES: Record<string, string> = {
  "syntax errors": "DEBUG = (\nALLOWED_HOSTS = [\n",
  "Python 2": 'print "hello"\n',
  "CRLF and unicode": 'NAME = "café ✓"\r\nDEBUG = True\r\n',
  empty: "",
  "f-strings and match": 'x = f"{a!r:>{w}}"\nmatch x:\n    case [1, *rest]:\n        pass\n',
};

test("a file from the cache is the tree tree-sitter parses, in a later run, under the path asked for", () => {
  const folder = cacheFolder();
  const texts = [
    ...Object.values(SOURCES),
    ...["naive", "split", "hardened"].flatMap((e) => pythonFiles(join(EXAMPLES, e)).map((f) => readFileSync(f, "utf8"))),
  ];
  const firstCache = ParseCache.open("/project", folder);
  const first = cachingParser(firstCache, parser);
  for (const text of texts) same(parsePython(first, "a.py", text), parsePython(parser, "a.py", text));
  // The cache is written at the end of a run; the next run reads it.
  assert.equal(firstCache.save(), true);
  const written = ParseCache.open("/project", folder);
  assert.ok(!written.isEmpty);
  assert.equal(written.save(), false, "a run that added nothing writes nothing");
  const second = ParseCache.open("/project", folder);
  const noParser = cachingParser(second, undefined);
  for (const text of texts) same(parsePython(noParser, "other/b.py", text), parsePython(parser, "other/b.py", text));
  assert.equal(parserWasMissing(noParser), false, "every file came from the cache");
});

test("a changed text is not in the cache: without a parser the run says it needs one", () => {
  const folder = cacheFolder();
  const cache = ParseCache.open("/project", folder);
  parsePython(cachingParser(cache, parser), "settings.py", "DEBUG = True\n");
  assert.equal(cache.save(), true);
  const noParser = cachingParser(ParseCache.open("/project", folder), undefined);
  const stale = parsePython(noParser, "settings.py", "DEBUG = False\n");
  assert.equal(parserWasMissing(noParser), true);
  assert.equal(stale.root.children.length, 0, "a stand-in, never the old tree");
});

test("a handle parses a path once a run, and again when its text changes; a store is optional", () => {
  const stored: string[] = [];
  const store = { lookup: () => undefined, remember: (text: string) => void stored.push(text) };
  for (const handle of [cachingParser(store, parser), cachingParser(undefined, parser)]) {
    const first = parsePython(handle, "settings.py", "DEBUG = True\n");
    assert.equal(parsePython(handle, "settings.py", "DEBUG = True\n"), first, "the same tree, not a second parse");
    const changed = parsePython(handle, "settings.py", "DEBUG = False\n");
    assert.notEqual(changed, first);
    same(changed, parsePython(parser, "settings.py", "DEBUG = False\n"));
    const elsewhere = parsePython(handle, "other.py", "DEBUG = True\n");
    assert.equal(elsewhere.path, "other.py", "a tree belongs to its path: the same text elsewhere is its own file");
  }
  assert.deepEqual(
    stored,
    ["DEBUG = True\n", "DEBUG = False\n", "DEBUG = True\n"],
    "the store is asked only for what the handle has not seen",
  );
});

test("a damaged cache file is ignored and replaced, not a crash", () => {
  const folder = cacheFolder();
  const cache = ParseCache.open("/project", folder);
  parsePython(cachingParser(cache, parser), "settings.py", "DEBUG = True\n");
  cache.save();
  const [file] = readdirSync(join(folder, "parse-v2"));
  const path = join(folder, "parse-v2", file as string);
  const good = readFileSync(path, "utf8");
  const damaged = [
    "",
    "{not json",
    good.slice(0, good.length / 2),
    "null",
    JSON.stringify({ ...JSON.parse(good), parser: "djship 0.0.0" }),
    // Valid JSON whose entry does not fit the text: numbers out of range.
    good.replace(/"n":\[[^\]]*\]/, '"n":[0,0,0,99999,0,1]'),
    good.replace(/"n":\[[^\]]*\]/, '"n":[7,0,0,1,5,1]'),
  ];
  for (const text of damaged) {
    writeFileSync(path, text);
    const reopened = ParseCache.open("/project", folder);
    const handle = cachingParser(reopened, parser);
    same(parsePython(handle, "settings.py", "DEBUG = True\n"), parsePython(parser, "settings.py", "DEBUG = True\n"));
    reopened.save();
    assert.doesNotThrow(() => JSON.parse(readFileSync(path, "utf8")), "replaced by a whole cache file");
  }
});

test("the number of cache files is bounded: the oldest go", () => {
  const folder = cacheFolder();
  for (let i = 0; i < 205; i++) {
    const cache = ParseCache.open(`/project-${i}`, folder);
    parsePython(cachingParser(cache, parser), "settings.py", `X = ${i}\n`);
    cache.save();
  }
  assert.equal(readdirSync(join(folder, "parse-v2")).length, 200);
});
