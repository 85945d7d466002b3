/**
 * Settings files as they sit on disk, bytes and all, against CPython 3.11 importing them: coding
 * cookies (cp1252, latin-1), large generated modules, and what djship cannot read (a codec it does
 * not decode, Python 2, a file past its size cap), which must be djship's info (CFG105) with the
 * settings unknown, never a load error (CFG100) of a project CPython loads.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { ISOLATION_FLAGS, PYTHON } from "../../../test/helpers/python.js";
import { audit } from "../../audit.js";
import { loadWorkspace } from "../../model/project.js";
import { MAX_PYTHON_BYTES } from "../../model/source.js";
import { type SettingsDocument, settingsDocument } from "../../report/settings-json.js";
import CFG100 from "../../rules/config/CFG100-settings-load-error.js";
import CFG105 from "../../rules/config/CFG105-settings-unreadable.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "djship-source-"));
  roots.push(root);
  const all = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/__init__.py": "",
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const ORACLE = `
import importlib, json, os, sys
root = sys.argv[1]
os.environ.clear()
sys.path.insert(0, root)
try:
    namespace = vars(importlib.import_module("mysite.settings"))
except SyntaxError as error:
    print(json.dumps({"error": "SyntaxError"}))
    sys.exit(0)
print(json.dumps({"values": {k: v for k, v in namespace.items() if k in json.loads(sys.argv[2])}}))
`;

function cpython(root: string, names: string[]): { error?: string; values?: Record<string, unknown> } {
  const out = execFileSync(PYTHON, [...ISOLATION_FLAGS, "-c", ORACLE, root, JSON.stringify(names)], {
    env: { PATH: "/usr/bin:/bin" },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString("utf8"));
}

async function djship(root: string): Promise<SettingsDocument> {
  const model = await loadWorkspace(root, { djangoVersion: "5.2", environment: new Map() });
  return settingsDocument(model.projects[0] ?? assert.fail("djship found no project"));
}

async function loadFindings(root: string): Promise<{ rule: string; severity: string; message: string }[]> {
  const result = await audit(root, { rules: [CFG100, CFG105], djangoVersion: "5.2" });
  return result.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message }));
}

function known(document: SettingsDocument, name: string): unknown {
  const entry = document.values[name];
  return entry?.known ? entry.value : "<unknown>";
}

const cookie = (name: string, text: Buffer) => Buffer.concat([Buffer.from(`# -*- coding: ${name} -*-\n`), text]);

describe("coding cookies are read as CPython reads them", () => {
  for (const [name, encoded] of [
    ["cp1252", Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94])],
    ["latin-1", Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80])],
    ["iso-8859-15", Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xa4])],
  ] as const) {
    test(name, async () => {
      const root = project({
        "mysite/settings.py": cookie(name, Buffer.concat([Buffer.from("SITE_NAME = '"), encoded, Buffer.from("'\nDEBUG = False\n")])),
      });
      const expected = cpython(root, ["SITE_NAME", "DEBUG"]);
      const document = await djship(root);
      assert.equal(document.loadError, null);
      assert.deepEqual({ SITE_NAME: known(document, "SITE_NAME"), DEBUG: known(document, "DEBUG") }, expected.values);
    });
  }
  test("a codec Python has and djship does not decode: djship's info, the settings unknown", async () => {
    const root = project({ "mysite/settings.py": cookie("cp437", Buffer.from("SITE_NAME = 'caf\x82'\nDEBUG = False\n", "latin1")) });
    assert.equal(cpython(root, ["DEBUG"]).values?.DEBUG, false, "CPython loads it");
    const document = await djship(root);
    assert.equal(document.loadError, null);
    assert.equal(known(document, "DEBUG"), "<unknown>");
    const findings = await loadFindings(root);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [["CFG105", "info"]],
    );
    assert.match(findings[0]?.message ?? "", /cp437 encoding, which djship does not decode/);
  });
  test("an encoding Python does not have is the project's syntax error", async () => {
    const root = project({ "mysite/settings.py": "# coding: latin-9\nDEBUG = False\n" });
    assert.equal(cpython(root, ["DEBUG"]).error, "SyntaxError");
    const document = await djship(root);
    assert.match(document.loadError?.message ?? "", /SyntaxError: .*unknown encoding: latin-9/);
  });
});

describe("Python 2 settings are djship's limit, said with the place", () => {
  test("a Python 2 settings module", async () => {
    const root = project({ "mysite/settings.py": "DEBUG = False\nprint 'loading settings'\nALLOWED_HOSTS = ['example.com']\n" });
    assert.equal(cpython(root, ["DEBUG"]).error, "SyntaxError");
    const document = await djship(root);
    assert.equal(document.loadError, null);
    assert.equal(known(document, "DEBUG"), "<unknown>");
    const findings = await loadFindings(root);
    assert.deepEqual(findings, [
      {
        rule: "CFG105",
        severity: "info",
        message:
          "djship could not read the Python 2 syntax at mysite/settings.py:2 (a print statement); djship reads Python 3; the settings that depend on it are unknown to djship (Django may load them fine)",
      },
    ]);
  });
  test("a Python 2 module star-imported: what is assigned after the import is still read", async () => {
    const root = project({
      "mysite/base.py": "try:\n    import json\nexcept ImportError, e:\n    json = None\nTIME_ZONE = 'UTC'\n",
      "mysite/settings.py": "from .base import *\nDEBUG = False\n",
    });
    const document = await djship(root);
    assert.equal(document.loadError, null);
    assert.equal(known(document, "DEBUG"), false);
    assert.equal(known(document, "TIME_ZONE"), "<unknown>");
    assert.match(document.values.TIME_ZONE?.reason ?? "", /Python 2 syntax at mysite\/base\.py:3 \(`except E, name:`\)/);
  });
});

describe("large settings files", () => {
  const hosts = (count: number) => Array.from({ length: count }, (_, i) => `    'host${i}.example.com',`).join("\n");
  test("a 3 MB generated settings module is read whole", async () => {
    const text = `DEBUG = False\nHOSTS_TABLE = [\n${hosts(110_000)}\n]\nALLOWED_HOSTS = HOSTS_TABLE[-2:]\nSECURE_SSL_REDIRECT = True\n`;
    assert.ok(text.length > 3 * 1024 * 1024 && text.length < MAX_PYTHON_BYTES);
    const root = project({ "mysite/settings.py": text });
    const expected = cpython(root, ["DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"]);
    const document = await djship(root);
    assert.deepEqual(
      {
        DEBUG: known(document, "DEBUG"),
        ALLOWED_HOSTS: known(document, "ALLOWED_HOSTS"),
        SECURE_SSL_REDIRECT: known(document, "SECURE_SSL_REDIRECT"),
      },
      expected.values,
    );
  });
  test("past the cap: djship's info naming the size, the settings unknown", async () => {
    const filler = `# ${"x".repeat(1022)}\n`.repeat(MAX_PYTHON_BYTES / 1024 + 1);
    const root = project({ "mysite/settings.py": `DEBUG = False\n${filler}` });
    const document = await djship(root);
    assert.equal(document.loadError, null);
    assert.equal(known(document, "DEBUG"), "<unknown>");
    const findings = await loadFindings(root);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [["CFG105", "info"]],
    );
    assert.match(findings[0]?.message ?? "", /mysite\/settings\.py: it is larger than the 8 MB djship reads of a Python file/);
  });
});
