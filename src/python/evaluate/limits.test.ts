/**
 * Code djship cannot follow to its end, as real settings contain it: the part that depends on it is
 * unknown and said so (CFG105), the rest of the settings is read, and nothing is reported as a
 * failure of a project CPython imports without error.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { after, describe, test } from "node:test";
import { ISOLATION_FLAGS, PYTHON } from "../../../test/helpers/python.js";
import { audit } from "../../audit.js";
import { loadWorkspace } from "../../model/project.js";
import { settingsDocument } from "../../report/settings-json.js";
import CFG100 from "../../rules/config/CFG100-settings-load-error.js";
import CFG105 from "../../rules/config/CFG105-settings-unreadable.js";
import { materialize } from "../../rules/tester.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  readonly code: string;
  /** Settings djship must know (CPython's values), and those it must call unknown. */
  readonly known: readonly string[];
  readonly unknown: readonly string[];
  readonly reason: RegExp;
  /** Whether djship says so in a CFG105 finding (else the settings are only unknown: both paths kept). */
  readonly noted?: false;
  /** A package outside the project, importable by CPython only (djship never reads it). */
  readonly library?: Record<string, string>;
}

const ELIFS = Array.from({ length: 12 }, (_, i) => `    elif value == 'v${i}':\n        return ${i}\n`).join("");

const CASES: Case[] = [
  {
    name: "a name a package's call defined in the module's globals (mitol's import_settings_modules)",
    code: "from defining_lib import import_settings\nimport_settings('extra')\nDEBUG = False\nINSTALLED_APPS = ['a']\nif not EXTRA_FLAG:\n    INSTALLED_APPS += ['b']\n",
    library: {
      "defining_lib.py": "import inspect\ndef import_settings(name):\n    inspect.stack()[1].frame.f_globals['EXTRA_FLAG'] = False\n",
    },
    known: ["DEBUG"],
    unknown: ["INSTALLED_APPS"],
    reason: /EXTRA_FLAG, which no code djship reads defines \(perhaps defining_lib\.import_settings\(\) does/,
    noted: false,
  },
  {
    name: "a while True loop that ends on data read at run time (jumpserver's get_file_md5)",
    code: "def md5(path):\n    import hashlib\n    m = hashlib.md5()\n    with open(path, 'rb') as f:\n        while True:\n            data = f.read(4096)\n            if not data:\n                break\n            m.update(data)\n    return m.hexdigest()\nVERSION = md5(__file__)\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\n",
    known: ["DEBUG", "ALLOWED_HOSTS"],
    unknown: ["VERSION"],
    reason: /a while loop whose end depends on values djship cannot know at settings\.py:5/,
  },
  {
    name: "more nested conditions on an unknown value than djship follows (DjangoGirls' sanitize_bool)",
    code: `import os\ndef level(value):\n    if value is None:\n        return -1\n${ELIFS}    return 99\nFLAG = level(os.environ.get('FLAG'))\nDEBUG = False\n`,
    known: ["DEBUG"],
    unknown: ["FLAG"],
    reason: /nested conditions djship cannot decide/,
  },
];

const ORACLE = `
import importlib, json, os, sys
os.environ.clear()
sys.path[:0] = sys.argv[1:]
module = importlib.import_module("settings")
print(json.dumps({k: v for k, v in vars(module).items() if k.isupper() and isinstance(v, (bool, int, str, list))}))
`;

describe("code djship cannot follow leaves the rest of the settings read", () => {
  for (const item of CASES) {
    test(item.name, async () => {
      const root = materialize({
        "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")\n',
        "settings.py": item.code,
      });
      roots.push(root);
      const library = item.library ? materialize(item.library) : undefined;
      if (library) roots.push(library);
      const expected = JSON.parse(
        execFileSync(PYTHON, [...ISOLATION_FLAGS, "-c", ORACLE, root, ...(library ? [library] : [])], {
          env: { PATH: "/usr/bin:/bin" },
          timeout: 60_000,
        }).toString(),
      ) as Record<string, unknown>;
      // Read for any environment, as `djship audit` does by default.
      const model = await loadWorkspace(root, { djangoVersion: "5.2" });
      const document = settingsDocument(model.projects[0] ?? assert.fail("no project"));
      assert.equal(document.loadError, null);
      for (const name of item.known) assert.deepEqual(document.values[name]?.value, expected[name], name);
      for (const name of item.unknown) {
        assert.ok(name in expected, `CPython defines ${name}`);
        assert.equal(document.values[name]?.known, false, `${name} is unknown to djship`);
      }
      const findings = (await audit(root, { rules: [CFG100, CFG105], djangoVersion: "5.2" })).findings;
      assert.deepEqual(
        findings.map((f) => f.rule),
        item.noted === false ? [] : ["CFG105"],
      );
      if (item.noted !== false) assert.match(findings[0]?.message ?? "", item.reason);
    });
  }
});
