/**
 * An audit of files held in memory (what `init` plans before it writes) finds what the audit of the
 * same files on disk finds, and reads nothing from disk.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { audit } from "../../src/audit.js";
import { Workspace } from "../../src/discover/workspace.js";
import { EXAMPLES, FIXTURES } from "../helpers/paths.js";

/** Every file the walk lists, with its text. */
function filesOf(path: string): Record<string, string> {
  const workspace = Workspace.open(path);
  const files: Record<string, string> = {};
  for (const file of workspace.allFiles) {
    const text = workspace.read(file);
    if (text !== undefined) files[file] = text;
  }
  return files;
}

// In memory there is no git repository: what git tracks (CFG102's wording) is the one thing that may differ.
const summary = (findings: readonly { rule: string; file: string | null; line: number | null; message: string }[]) =>
  findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.rule === "CFG102" ? "" : f.message}`).sort();

describe("audit of an in-memory workspace", () => {
  for (const path of [join(EXAMPLES, "naive"), join(EXAMPLES, "split"), join(FIXTURES, "projects", "deployment-layout")]) {
    test(`${path.split("/").slice(-2).join("/")}: the same findings as on disk`, async () => {
      const files = filesOf(path);
      const onDisk = await audit(path, { config: { production: [] } });
      const inMemory = await audit(path, { files, config: { production: [] } });
      assert.ok(onDisk.findings.length > 0);
      assert.deepEqual(summary(inMemory.findings), summary(onDisk.findings));
    });
  }

  test("a plan never written: its files are audited, nothing is read from disk", async () => {
    const result = await audit("/nonexistent-djship-plan", {
      files: {
        "manage.py":
          'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\nfrom django.core.management import execute_from_command_line\n',
        "mysite/__init__.py": "",
        "mysite/settings.py": 'DEBUG = True\nSECRET_KEY = "x"\nALLOWED_HOSTS = []\n',
        Procfile: "web: python manage.py runserver 0.0.0.0:8000\n",
      },
    });
    const rules = new Set(result.findings.map((f) => f.rule));
    assert.ok(rules.has("CFG018"), "DEBUG on");
    assert.ok(rules.has("SRV101"), "runserver in the Procfile");
    assert.equal(result.projects[0]?.settingsModule, "mysite.settings");
  });
});
