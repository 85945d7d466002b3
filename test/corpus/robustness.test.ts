/**
 * djship never crashes on what real repositories contain: every file of Debian's Python 3.11
 * standard library read as a settings module, and broken, binary, empty, huge, non-UTF-8 and Python 2
 * files, symbolic-link loops, unreadable folders and code that would never end. It also proves that
 * static mode runs no project code.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { audit } from "../../src/audit.js";
import { loadWorkspace } from "../../src/model/project.js";
import { settingsDocument } from "../../src/report/settings-json.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { assertMatchesSchema } from "../helpers/schemas.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const temporary: string[] = [];

function project(settings: string | Buffer, extra: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "djship-robust-"));
  temporary.push(root);
  chmodSync(root, 0o755);
  mkdirSync(join(root, "mysite"));
  writeFileSync(join(root, "manage.py"), 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\nimport django\n');
  writeFileSync(join(root, "mysite", "__init__.py"), "");
  writeFileSync(join(root, "mysite", "settings.py"), settings);
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function run(args: string[], options: { uid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = options.uid === undefined ? process.execPath : "setpriv";
  const argv =
    options.uid === undefined
      ? [CLI, ...args]
      : [`--reuid=${options.uid}`, `--regid=${options.uid}`, "--clear-groups", process.execPath, CLI, ...args];
  return new Promise((resolve) => {
    execFile(command, argv, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code =
        error && typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code as number) : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A clean run: exit 0 or 1 (findings), no bug report, no stack trace. */
function assertClean(result: { code: number; stdout: string; stderr: string }, what: string): void {
  assert.ok(result.code === 0 || result.code === 1, `${what}: exit ${result.code}\n${result.stderr.slice(0, 2000)}`);
  assert.ok(!/this is a bug|\n\s+at /.test(result.stderr), `${what}: a crash\n${result.stderr.slice(0, 2000)}`);
}

after(() => {
  for (const root of temporary) {
    try {
      chmodSync(root, 0o755);
      for (const entry of readdirSync(root)) chmodSync(join(root, entry), 0o755);
    } catch {
      // best effort
    }
    rmSync(root, { recursive: true, force: true });
  }
});

describe("the Python standard library as settings modules", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "site-packages" || name === "dist-packages") continue;
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith(".py")) files.push(path);
    }
  };
  walk("/usr/lib/python3.11");

  test(`${files.length} files: settings and audit never throw, JSON stays valid`, async () => {
    assert.ok(files.length > 500, "Debian's python3.11 standard library is missing");
    const root = project("");
    const settingsPath = join(root, "mysite", "settings.py");
    let loadErrors = 0;
    let limits = 0;
    for (const file of files) {
      writeFileSync(settingsPath, readFileSync(file));
      try {
        const model = await loadWorkspace(root, { djangoVersion: "5.2" });
        const document = settingsDocument(model.projects[0] as NonNullable<(typeof model.projects)[0]>);
        if (document.loadError) loadErrors++;
        if (model.projects[0]?.settings?.limit) limits++;
        assertMatchesSchema("settings", JSON.parse(JSON.stringify(document)));
        await audit(root, { djangoVersion: "5.2" });
      } catch (error) {
        assert.fail(`${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    console.log(`stdlib corpus: ${files.length} files, ${loadErrors} would not load as settings, ${limits} stopped at an evaluation bound`);
  });
});

describe("bad input gets a finding or a clear message, never a stack trace", () => {
  const latin1 = Buffer.from("# -*- coding: latin-1 -*-\nTITLE = 'caf\xe9'\nDEBUG = False\n", "latin1");
  const cases: [string, string | Buffer][] = [
    ["an empty file", ""],
    ["binary content", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0xff, 0xfe])],
    ["a 10 MB file", `X = 1\n${"# padding padding padding padding padding padding\n".repeat(210_000)}`],
    ["Latin-1 without a coding cookie", Buffer.from("TITLE = 'caf\xe9'\n", "latin1")],
    ["Latin-1 with a coding cookie", latin1],
    ["Python 2", 'print "hello"\nDEBUG = True\nexec "x = 1"\n'],
    ["a syntax error", "DEBUG = (\nALLOWED_HOSTS = [\n"],
    ["deep nesting", `X = ${"(".repeat(3000)}1${")".repeat(3000)}\n`],
    ["endless recursion", "def f(n):\n    return f(n + 1)\nX = f(0)\n"],
    ["an endless loop", "while True:\n    pass\n"],
    ["a huge list", "X = [0] * 10**9\nY = 'x' * 10**10\n"],
    ["a module importing itself", "from mysite.settings import *\nDEBUG = False\n"],
    ["null bytes inside a string", "X = 'a\0b'\n"],
    ["unbalanced quotes", "X = 'unterminated\nDEBUG = True\n"],
    ["a BOM and CRLF line ends", Buffer.from("\ufeffDEBUG = False\r\nALLOWED_HOSTS = ['a']\r\n", "utf8")],
  ];
  for (const [name, content] of cases) {
    test(name, async () => {
      const root = project(content);
      assertClean(await run(["settings", root, "--format", "json"]), `settings: ${name}`);
      assertClean(await run(["audit", root, "--format", "json"]), `audit: ${name}`);
    });
  }

  test("a syntax error is a load error with its line", async () => {
    const root = project("DEBUG = False\nALLOWED_HOSTS = [\n");
    const result = await run(["settings", root, "--format", "json"]);
    const document = JSON.parse(result.stdout) as { loadError: { kind: string; line: number } };
    assert.equal(document.loadError.kind, "syntax");
  });

  test("a symbolic-link loop and a link out of the tree", async () => {
    const root = project("DEBUG = False\n");
    symlinkSync(root, join(root, "loop"));
    symlinkSync("/etc", join(root, "outside"));
    symlinkSync(join(root, "missing"), join(root, "dangling"));
    assertClean(await run(["audit", root]), "symlinks");
  });

  test("an unreadable folder and file (as an unprivileged user)", async () => {
    const root = project("DEBUG = False\n", { "secret/requirements.txt": "Django==5.2.8\n", "requirements-dev.txt": "pytest\n" });
    chmodSync(join(root, "secret"), 0o000);
    chmodSync(join(root, "requirements-dev.txt"), 0o000);
    const result = await run(["audit", root], { uid: 65534 });
    assertClean(result, "unreadable");
  });

  test("a path that is not there, or not a folder, exits 2 with one line", async () => {
    for (const path of ["/nonexistent/djship", CLI]) {
      const result = await run(["audit", path]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
      assert.match(result.stderr, /^djship: /);
    }
  });
});

describe("static mode never runs project code", () => {
  test("settings that would create a file leave no file behind", async () => {
    const root = project(
      [
        "import os, subprocess, pathlib",
        "MARKER = pathlib.Path(__file__).resolve().parent / 'EXECUTED'",
        "open(MARKER, 'w').write('ran')",
        "MARKER.write_text('ran')",
        "os.system('touch ' + str(MARKER))",
        "subprocess.run(['touch', str(MARKER)])",
        "exec(\"open('EXECUTED2', 'w').write('x')\")",
        "__import__('os').system('touch EXECUTED3')",
        "DEBUG = False",
      ].join("\n"),
      { "mysite/__init__.py": "open(__file__ + '.EXECUTED', 'w').write('ran')\n" },
    );
    assertClean(await run(["settings", root]), "settings");
    assertClean(await run(["audit", root]), "audit");
    for (const marker of ["mysite/EXECUTED", "EXECUTED2", "EXECUTED3", "mysite/__init__.py.EXECUTED"]) {
      assert.ok(!existsSync(join(root, marker)), `${marker} was created: project code ran`);
    }
  });
});
