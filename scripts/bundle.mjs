#!/usr/bin/env node
// Bundles the CLI into one CommonJS file, dist/djship.cjs, that bin/djship.js loads with a V8 code
// cache: start-up is part of what users feel and what `npm run bench` measures. The library and the
// tests use tsc's output in dist/src; the bundle only serves the command line.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/djship.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Prefer the libraries' ES module builds: they bundle smaller.
  mainFields: ["module", "main"],
  // web-tree-sitter finds its .wasm next to itself; tree-sitter-python's grammar is resolved the same way.
  // vscode-languageserver is loaded only by `djship lsp`: left out, audit's start-up never reads it.
  external: ["web-tree-sitter", "tree-sitter-python", "vscode-languageserver", "vscode-languageserver-textdocument"],
  define: { "import.meta.url": "__djshipImportMetaUrl" },
  banner: { js: "const __djshipImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: "none",
  logLevel: "warning",
});
