#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 otherwise takes djship's `--env-file FILE` for its own and
// exits 9 when FILE is missing (https://github.com/nodejs/node/issues/54232). npm's Windows shims
// read `env -S` shebangs too; BusyBox env has no -S, so on Alpine run `node -- bin/djship.js`.
// Loads the bundled CLI with a V8 code cache (compiled once, reused on every later run), or the
// plain build when the bundle is missing or older than it (during development).
// CommonJS (bin/package.json says so): Node starts a CommonJS entry without its ES module loader,
// and requiring node:fs does not build the ES facade that loads every fs stream class, a few
// milliseconds of every run. https://nodejs.org/api/packages.html#type
"use strict";
const { isAscii } = require("node:buffer");
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { tmpdir } = require("node:os");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
const bundle = join(dist, "djship.cjs");
const stat = (path) => {
  try {
    return statSync(path);
  } catch {
    return { mtimeMs: -1, size: -1 };
  }
};
const bundled = stat(bundle);
const argv = process.argv.slice(2);
const requireFromBundle = Module.createRequire(bundle);

const isDevelopment = bundled.mtimeMs < stat(join(dist, "src", "cli", "main.js")).mtimeMs;
// An audit whose recorded result still holds (src/cli/result-cache.ts) is printed from the record,
// without loading the bundle; any other run of it is recorded.
let results;
const build = `${bundled.size}:${bundled.mtimeMs}`;
if (argv[0] === "audit" && !isDevelopment) {
  try {
    results = requireFromBundle(join(dist, "result-cache.cjs"));
  } catch {
    // Not built: no result cache.
  }
}

/**
 * WebAssembly runs on V8's baseline compiler (Liftoff) only. A run of djship parses a few files and
 * ends, and V8's tier-up recompiled tree-sitter's hottest functions (the Python lexer is one large
 * function) with TurboFan on every run, which cost more than it ever saved: callgrind counts a cold
 * audit of a startproject tree 1,434M instructions with it and 1,047M without, and the 5,000-file
 * project of `npm run bench` is faster without it too. Set before the bundle is compiled, so that
 * its code cache is made and checked under the same flags. Not for `djship lsp`, which lives long
 * enough for optimized code to pay. The flag is in V8 9 (Node 16) to 14 at least; an unknown flag
 * would print an error on every run, so a later V8 is left alone until it is checked.
 */
function baselineWebAssembly() {
  const major = Number(process.versions.v8.split(".")[0]);
  if (argv[0] !== "lsp" && major >= 9 && major <= 14) require("node:v8").setFlagsFromString("--liftoff-only");
}

/**
 * A file of an installed package, looked for in each node_modules folder from the bundle's up, as
 * Node's resolution looks (both packages map their .wasm to itself, if they have an exports map at
 * all). require.resolve finds the same file, but loads Node's package-exports resolver to do it,
 * ~2 ms of a run that nothing else spends; it stays the answer when the walk finds nothing.
 */
function packageFile(name, file) {
  for (let folder = dist; ; folder = dirname(folder)) {
    const candidate = join(folder, "node_modules", name, file);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dirname(folder) === folder) return requireFromBundle.resolve(`${name}/${file}`);
  }
}

/**
 * Starts compiling tree-sitter's two WebAssembly files, for the commands that parse Python, before the
 * bundle is read: V8 compiles them on its background threads while this thread reads and
 * deserializes the bundle and its code cache. Compiled after the bundle had loaded, they cost a
 * cold audit of a startproject tree ~9 ms more (median of 21 interleaved runs). Handed over on
 * globalThis (python/parse.ts, HANDED_PARSER), since none of the bundle's code exists yet; a
 * failure here leaves the bundle to load them itself and say what is wrong.
 */
function startCompilingParser() {
  if (!["audit", "settings", "init"].includes(argv[0])) return;
  try {
    const runtime = packageFile("web-tree-sitter", "web-tree-sitter.wasm");
    const grammar = packageFile("tree-sitter-python", "tree-sitter-python.wasm");
    const compile = (path) => {
      const compiling = WebAssembly.compile(readFileSync(path));
      // Awaited by the parser if it is ever loaded (an audit whose parse cache knows every file never does).
      compiling.catch(() => undefined);
      return compiling;
    };
    globalThis[Symbol.for("djship.parserWasm")] = { runtime, grammar, modules: { runtime: compile(runtime), grammar: compile(grammar) } };
  } catch {
    // Not found or not readable: the bundle loads the files itself.
  }
}

/** The commands cli/main.ts runs, each with a code cache of its own. */
const COMMANDS = new Set(["audit", "scan", "init", "settings", "rules", "explain", "lsp", "help"]);

async function run() {
  if (results?.replay(argv, build)) {
    // Printed from the record, exit code set.
  } else if (isDevelopment) {
    baselineWebAssembly();
    const cli = await import("../dist/src/cli/main.js");
    await cli.main(argv);
  } else {
    baselineWebAssembly();
    startCompilingParser();
    // scripts/bundle.mjs keeps the bundle ASCII, and ASCII decoded as Latin-1 is the same text:
    // decoding it so skips UTF-8's validation of 1.7 MB, ~2 ms of every run. Checked (a fast native
    // scan), in case a bundle ever is not.
    const bytes = readFileSync(bundle);
    const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    // One cache per command: V8 caches the functions a run compiled, so a cache written by
    // `djship --version` would leave an audit compiling nearly everything on every later run.
    // A mistyped command shares one cache rather than leaving a file of its own in dist/.
    const command = COMMANDS.has(argv[0]) ? argv[0] : "other";
    const tag = Buffer.from(bundle).toString("base64url").slice(-40);
    const caches = [`${bundle}.${command}.cache`, join(tmpdir(), `djship-${tag}-${command}.cache`)];
    let cachedData;
    for (const file of caches) {
      try {
        cachedData = readFileSync(file);
        break;
      } catch {
        // no cache yet
      }
    }
    const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
    const module = { exports: {} };
    const recording = results?.record(argv, build);
    script.runInThisContext()(module.exports, requireFromBundle, module, bundle, dirname(bundle));
    await module.exports.main(argv);
    recording?.finish();
    // A help or version run compiles almost nothing: its cache would be worth little to the command.
    const informational = argv.some((a) => a === "--help" || a === "-h" || a === "--version" || a === "-V");
    if (!informational && (cachedData === undefined || script.cachedDataRejected)) {
      const data = script.createCachedData();
      for (const file of caches) {
        // Written beside, then renamed: a djship starting meanwhile reads the old cache or the new, never half of one.
        const temporary = `${file}.${process.pid}.tmp`;
        try {
          writeFileSync(temporary, data);
          renameSync(temporary, file);
          break;
        } catch {
          try {
            unlinkSync(temporary);
          } catch {
            // nothing was written
          }
        }
      }
    }
  }
}

run();
