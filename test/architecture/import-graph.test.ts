/**
 * The shape of src/: no import circles, imports that go one way through the layers below, and
 * rules that import no other area's rule files. Known exceptions are listed by file in KNOWN_*;
 * they may only shrink: an entry that no longer happens fails too, so the list is kept honest.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../helpers/paths.js";

const SRC = join(REPO_ROOT, "src");

/**
 * Top to bottom: a file may import any area in a lower row, never one in its own row or above.
 * An area is a folder under src/ (python/evaluate counts apart from the rest of python/) or a file
 * at its root. Data flows discover → parse → model → rules → findings → reporters (GUIDE.md);
 * importing goes the other way.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["cli"], // parses arguments, wires the library
  ["lsp", "index"], // the other two front doors: the editor server and the library API
  ["init"], // plans and writes a production setup from the model (and may audit the plan)
  ["report"], // renders audit, scan and settings results
  ["audit", "scan"], // the two pipelines: rules over the model, probes over live responses
  ["rules"], // read the model, report findings
  ["findings"], // the finding vocabulary, configuration, suppressions, baselines
  ["model"], // the read-only Project: settings, deployment, code, dependencies
  ["discover"], // walk the tree, find projects, classify files
  ["artifacts"], // one parser per deployment file kind
  ["python/evaluate"], // the abstract interpreter for settings modules
  ["django"], // per-version defaults, check conditions, releases
  ["python"], // the Python parser adapter and values
  ["util", "version"],
];

/** Pairs the layers would allow but the design forbids: a reporter receives the rule catalog as data, and scan has probes of its own. */
const NEVER: readonly [string, string][] = [
  ["report", "rules"],
  ["scan", "rules"],
];

/** Imports against the layers that exist today, by file: remove an entry with the import. */
const KNOWN_LAYER_VIOLATIONS: readonly string[] = [];

/** Rule files importing another area's rule files today: remove an entry with the import. */
const KNOWN_CROSS_AREA_RULE_IMPORTS: readonly string[] = [];

/** Import circles today, each as its files sorted and joined by spaces. */
const KNOWN_CIRCLES: readonly string[] = [];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

// Biome-formatted sources: every static import or re-export starts a line, and its specifier is the
// first string after it; dynamic imports are `import("…")` anywhere outside comments.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...code.matchAll(STATIC_IMPORT), ...code.matchAll(DYNAMIC_IMPORT)].map((match) => match[1] as string);
}

/** src-relative file → src-relative files it imports (relative specifiers only). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const targets = importsOf(readFileSync(file, "utf8"))
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, ".ts"))));
    graph.set(from, [...new Set(targets)]);
  }
  return graph;
}

function areaOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return file.replace(/\.ts$/, "");
  if (parts[0] === "python" && parts[1] === "evaluate" && parts.length > 2) return "python/evaluate";
  return parts[0] as string;
}

function layerOf(area: string): number {
  const index = LAYERS.findIndex((row) => row.includes(area));
  assert.ok(index >= 0, `src/${area} is in no layer of test/architecture/import-graph.test.ts: add it to LAYERS`);
  return index;
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Fails on entries found but not known (new problems) and on entries known but gone (stale list). */
function assertOnlyKnown(found: readonly string[], known: readonly string[], what: string): void {
  const unknown = found.filter((entry) => !known.includes(entry));
  const gone = known.filter((entry) => !found.includes(entry));
  assert.deepEqual(unknown, [], `${what}:\n  ${unknown.join("\n  ")}`);
  assert.deepEqual(gone, [], `fixed, so remove from the known list in test/architecture/import-graph.test.ts:\n  ${gone.join("\n  ")}`);
}

describe("import graph of src/", () => {
  const graph = importGraph();

  test("the scanner sees the imports (a sanity check: it must be able to fail)", () => {
    assert.ok(graph.size > 100, `only ${graph.size} source files found under ${SRC}`);
    assert.ok(graph.get("audit.ts")?.includes("rules/run.ts"), "audit.ts imports rules/run.ts");
    assert.deepEqual(
      importsOf(
        'import a from "./a.js";\nimport type {\n  B,\n  type C as D,\n} from "../b.js";\nexport * from "./c.js";\n// import x from "./no.js";\nconst e = await import("./e.js");\n',
      ),
      ["./a.js", "../b.js", "./c.js", "./e.js"],
    );
  });

  test("no import circles", () => {
    const found = circles(graph).map((component) => component.join(" "));
    assertOnlyKnown(found, KNOWN_CIRCLES, "import circles (break them: move the shared part down a layer)");
  });

  test("imports go one way: cli → … → rules → findings → model → discover → artifacts → python → util", () => {
    const found: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const [a, b] = [areaOf(from), areaOf(to)];
        if (a === b) continue;
        const upward = layerOf(b) <= layerOf(a);
        const forbidden = NEVER.some(([x, y]) => x === a && y === b);
        if (upward || forbidden) found.push(`${from} -> ${to}`);
      }
    }
    assertOnlyKnown(found, KNOWN_LAYER_VIOLATIONS, "imports against the layers in test/architecture/import-graph.test.ts");
  });

  test("a rule area imports no other area's rule files", () => {
    const found: string[] = [];
    for (const [from, targets] of graph) {
      const [top, area] = from.split("/");
      if (top !== "rules" || from.split("/").length < 3) continue;
      for (const to of targets) {
        const parts = to.split("/");
        if (parts[0] === "rules" && parts.length >= 3 && parts[1] !== area) found.push(`${from} -> ${to}`);
      }
    }
    assertOnlyKnown(
      found,
      KNOWN_CROSS_AREA_RULE_IMPORTS,
      "rules importing another area's rule files (a fact two areas share is a model query)",
    );
  });
});
