#!/usr/bin/env node
// Bundles the CLI into one CommonJS file, dist/djship.cjs, that bin/djship.js loads with a V8 code
// cache: start-up is part of what users feel and what `npm run bench` measures. The library and the
// tests use tsc's output in dist/src; the bundle only serves the command line.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { sep } from "node:path";
import { build } from "esbuild";

/**
 * Packages loaded on first use instead of when the bundle starts: a project without YAML files or
 * a Dockerfile (what startproject writes) never needs them, and initializing the two (with the
 * vscode-languageserver-types that dockerfile-ast brings) was ~17M of the ~500M instructions
 * callgrind counts in a cold audit of one (3%; 1-3 ms). An import of one from djship's own code gets a
 * stand-in whose exports are getters that load the package, still bundled and so under the code
 * cache, the first time one is read. Their exports are listed from the packages themselves, here.
 */
const LAZY_PACKAGES = ["yaml", "dockerfile-ast"];
const requireHere = createRequire(import.meta.url);

function lazyPackages() {
  // The names hold letters and "-" only: nothing to escape.
  const filter = new RegExp(`^(${LAZY_PACKAGES.join("|")})$`);
  return {
    name: "lazy-packages",
    setup(build) {
      build.onResolve({ filter }, (args) => {
        // Only djship's own imports: the stand-in's own require of the package resolves as usual.
        if (args.namespace !== "file" || !args.importer.includes(`${sep}src${sep}`)) return undefined;
        return { path: args.path, namespace: "lazy-package" };
      });
      build.onLoad({ filter: /.*/, namespace: "lazy-package" }, async (args) => {
        const resolved = await build.resolve(args.path, { kind: "import-statement", resolveDir: process.cwd() });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const names = Object.keys(requireHere(args.path)).filter((name) => name !== "__esModule" && name !== "default");
        if (names.length === 0) throw new Error(`lazy-packages: ${args.path} exports nothing to stand in for`);
        const getters = names.map(
          (name) =>
            `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`,
        );
        return {
          contents: [`let real;`, `const load = () => (real ??= require(${JSON.stringify(resolved.path)}));`, ...getters].join("\n"),
          loader: "js",
          resolveDir: process.cwd(),
        };
      });
    },
  };
}

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/djship.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Prefer the libraries' ES module builds: they bundle smaller.
  mainFields: ["module", "main"],
  // web-tree-sitter is bundled (python/parse.ts tells it where its .wasm is); tree-sitter-python is
  // only a .wasm, resolved at run time.
  // vscode-languageserver is loaded only by `djship lsp`: left out, audit's start-up never reads it.
  // vscode-languageserver-textdocument is bundled: dockerfile-ast requires it on every audit that
  // reads a Dockerfile, and inside the bundle it is under the code cache instead of read and
  // compiled from node_modules.
  external: ["tree-sitter-python", "vscode-languageserver"],
  // The bundle runs as a vm.Script, which has no loader for import(): esbuild turns each import()
  // left over into a require, and web-tree-sitter's own `await import("module")` (whose result it
  // binds to a `var require`, which would shadow the bundle's) is handed node:module directly.
  supported: { "dynamic-import": false },
  plugins: [
    lazyPackages(),
    {
      name: "web-tree-sitter-node-module",
      setup(build) {
        build.onLoad({ filter: /web-tree-sitter[\\/]web-tree-sitter\.js$/ }, async (args) => {
          const source = await readFile(args.path, "utf8");
          const patched = source.replace('await import("module")', "__djshipNodeModule");
          if (patched === source) throw new Error("web-tree-sitter changed: its import of node:module was not found");
          return { contents: patched, loader: "js" };
        });
      },
    },
  ],
  define: { "import.meta.url": "__djshipImportMetaUrl" },
  banner: {
    js: "const __djshipImportMetaUrl = require('node:url').pathToFileURL(__filename).href; const __djshipNodeModule = require('node:module');",
  },
  legalComments: "none",
  // Whitespace and syntax minified: a third less to read and hand V8 on every run (~6 ms of a cold
  // audit of a startproject tree, median of 21 interleaved runs). Names are kept, so a stack trace
  // in a bug report still says which function failed; mangling them too saved ~2% of the
  // instructions callgrind counts and no wall time that 25 interleaved runs could tell apart.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});

// The bundle kept ASCII: esbuild escapes what strings, templates and regular expressions hold
// (charset "ascii", its default) but leaves the comments it keeps as written, and a single non-ASCII
// character (one → in a doc comment was enough) makes Node decode the whole file as UTF-8 into a
// two-byte string of twice the size: reading dist/djship.cjs took ~20 ms instead of ~9 on every run.
// Whatever is left (comments, then) is written as \uXXXX, which means the same character anywhere.
{
  const bundled = await readFile("dist/djship.cjs", "utf8");
  const ascii = bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (ascii !== bundled) await writeFile("dist/djship.cjs", ascii);
}

// The result cache (src/cli/result-cache.ts) on its own: bin/djship.js loads it before the bundle,
// so that a run whose record still holds prints it without reading the two megabytes above.
await build({
  entryPoints: ["src/cli/result-cache.ts"],
  outfile: "dist/result-cache.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
});
