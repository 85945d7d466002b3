/**
 * A file or folder djship may not read is reported as unreadable (CFG000), and the audit goes on:
 * not a syntax error, not a configuration error, not silence. Run as an unprivileged user, since
 * root reads everything; skipped where that is impossible.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { CLI, MANAGE_PY, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function canDropPrivileges(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, "-e", "0"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const asNobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, "--", CLI];

test("an unreadable Dockerfile and an unlistable folder are CFG000 findings; the rest is audited", {
  skip: !canDropPrivileges() && "needs root and setpriv to run as nobody",
}, async () => {
  const root = materialize({
    "manage.py": MANAGE_PY,
    "mysite/__init__.py": "",
    "mysite/settings.py": 'DEBUG = True\nALLOWED_HOSTS = ["a.example"]\n',
    Dockerfile: 'FROM python:3.12-slim\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "deploy/nginx.conf": "server { listen 80; }\n",
    "pyproject.toml": '[project]\nname = "x"\n\n[tool.djship]\nfail-on = "error"\n',
  });
  roots.push(root);
  for (const path of [
    root,
    join(root, "mysite"),
    join(root, "mysite", "settings.py"),
    join(root, "manage.py"),
    join(root, "pyproject.toml"),
    join(root, "mysite", "__init__.py"),
  ])
    chmodSync(path, path.endsWith(".py") || path.endsWith(".toml") ? 0o644 : 0o755);
  chmodSync(join(root, "Dockerfile"), 0o000);
  chmodSync(join(root, "deploy"), 0o000);
  try {
    const result = await runCli(["audit", root, "--format", "json"], { command: asNobody });
    assert.equal(result.code, 1, `CFG018 is an error: the audit ran\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as { findings: { rule: string; file: string | null; message: string; severity: string }[] };
    const unreadable = report.findings.filter((f) => f.rule === "CFG000");
    assert.deepEqual(unreadable.map((f) => f.file).sort(), ["Dockerfile", "deploy"]);
    assert.match(unreadable.find((f) => f.file === "Dockerfile")?.message ?? "", /^Dockerfile cannot be read \(EACCES\)/);
    assert.match(unreadable.find((f) => f.file === "deploy")?.message ?? "", /^the folder deploy cannot be listed \(EACCES\)/);
    assert.ok(
      report.findings.some((f) => f.rule === "CFG018"),
      "the readable settings were audited",
    );
    assert.ok(!report.findings.some((f) => /syntax|parse|invalid/i.test(f.message)), "an unreadable file is no syntax error");

    // An unreadable configuration is named as unreadable, not as invalid TOML.
    chmodSync(join(root, "pyproject.toml"), 0o000);
    const config = await runCli(["audit", root], { command: asNobody });
    assert.equal(config.code, 2);
    assert.match(config.stderr, /^djship: pyproject\.toml: cannot be read \(EACCES\)/);
    assert.doesNotMatch(config.stderr, /TOML|unknown key/);
  } finally {
    chmodSync(join(root, "deploy"), 0o755);
    chmodSync(join(root, "Dockerfile"), 0o644);
    chmodSync(join(root, "pyproject.toml"), 0o644);
  }
});
