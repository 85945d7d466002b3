/**
 * Docker's parser has no trailing comments, so in a Dockerfile `# djship: ignore[CODE]` goes on a
 * line of its own above the instruction; a comment block may hold other lines too.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { MANAGE_PY, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const DOCKERFILE = [
  "# djship: ignore[CI109] -- the tag is pinned by the build pipeline",
  "FROM python:latest",
  "WORKDIR /app",
  "# djship: ignore[CI107]",
  "COPY . .",
  "RUN pip install \\",
  "    -r requirements.txt",
  "# the development server, for the demo image only",
  "# djship: ignore[SRV101]",
  'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]',
  "",
].join("\n");

interface Json {
  findings: { rule: string; file: string | null; line: number; suppressed: boolean; suppression?: { kind: string; reason: string } }[];
}

test("a marker on its own line above a Dockerfile instruction suppresses that instruction's finding only", async () => {
  const root = materialize({
    "manage.py": MANAGE_PY,
    "mysite/settings.py": 'DEBUG = False\nALLOWED_HOSTS = ["a.example"]\n',
    Dockerfile: DOCKERFILE,
  });
  roots.push(root);
  const result = await runCli(["audit", root, "--format", "json", "--select", "CI106,CI107,CI109,SRV101"]);
  const inDockerfile = (JSON.parse(result.stdout) as Json).findings.filter((f) => f.file === "Dockerfile");
  const state = Object.fromEntries(inDockerfile.map((f) => [f.rule, f.suppressed]));
  assert.deepEqual(state, { CI106: false, CI107: true, CI109: true, SRV101: true }, JSON.stringify(inDockerfile, null, 2));
  const redirect = inDockerfile.find((f) => f.rule === "SRV101");
  assert.deepEqual(redirect?.suppression, { kind: "inline", reason: "# djship: ignore[SRV101]" });
  assert.equal(redirect?.line, 10);
});

test("a marker above another instruction, or cut off by a blank line, does not count", async () => {
  const root = materialize({
    "manage.py": MANAGE_PY,
    "mysite/settings.py": 'DEBUG = False\nALLOWED_HOSTS = ["a.example"]\n',
    Dockerfile:
      'FROM python:latest\n# djship: ignore[CI109]\nWORKDIR /app\n# djship: ignore[SRV101]\n\nCMD ["python", "manage.py", "runserver"]\n',
  });
  roots.push(root);
  const result = await runCli(["audit", root, "--format", "json", "--select", "CI109,SRV101"]);
  const findings = (JSON.parse(result.stdout) as Json).findings.filter((f) => f.file === "Dockerfile");
  assert.deepEqual(Object.fromEntries(findings.map((f) => [f.rule, f.suppressed])), { CI109: false, SRV101: false });
  assert.equal(result.code, 1);
});
