#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 otherwise takes djship's `--env-file FILE` for its own and
// exits 9 when FILE is missing (https://github.com/nodejs/node/issues/54232). npm's Windows shims
// read `env -S` shebangs too; BusyBox env has no -S, so on Alpine run `node -- bin/djship.js`.
// Loads the bundled CLI with a V8 code cache (compiled once, reused on every later run), or the
// plain build when the bundle is missing or older than it (during development).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const bundle = join(dist, "djship.cjs");
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

if (mtime(bundle) < mtime(join(dist, "src", "cli", "main.js"))) {
  const cli = await import("../dist/src/cli/main.js");
  await cli.main(process.argv.slice(2));
} else {
  const source = readFileSync(bundle, "utf8");
  const caches = [`${bundle}.cache`, join(tmpdir(), `djship-${Buffer.from(bundle).toString("base64url").slice(-40)}.cache`)];
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
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  await module.exports.main(process.argv.slice(2));
  if (cachedData === undefined || script.cachedDataRejected) {
    const data = script.createCachedData();
    for (const file of caches) {
      try {
        writeFileSync(file, data);
        break;
      } catch {
        // a read-only install: try the next place
      }
    }
  }
}
