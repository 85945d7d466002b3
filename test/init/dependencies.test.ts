/**
 * The production packages init adds to the project's own dependency file, one case per format
 * (requirements.txt, Poetry, uv / PEP 621, Pipfile), each written with comments and formatting a
 * naive edit would break: every byte of the team's file stays where it was, the new lines follow its
 * style (quotes, indentation, line endings), and the result still parses, checked with Python's
 * own tomllib and the packaging library pip vendors (PEP 508). The ranges follow the project's
 * Django: below 4.2, WhiteNoise stops before 6.8 and django-csp before 4.0, which drop it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { planInit } from "../../src/init/plan.js";
import { STACK_LIBRARIES } from "../helpers/python.js";
import { cleanup, copyFixture, PYTHON } from "./harness.js";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

type Format = "requirements" | "pep621" | "poetry" | "pipfile";

/** The requirements a file declares as Python's tomllib and packaging read them: name → [specifier, extras]. */
function declared(format: Format, text: string): Record<string, [string, string[]]> {
  const code = `
import json, sys, tomllib
from packaging.requirements import Requirement
data = json.load(sys.stdin)
fmt, text = data["format"], data["text"]
out = {}
def pep508(line):
    r = Requirement(line)
    out[r.name.lower()] = [str(r.specifier), sorted(r.extras)]
if fmt == "requirements":
    for line in text.splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith("#"):
            pep508(line)
elif fmt == "pep621":
    for line in tomllib.loads(text)["project"]["dependencies"]:
        pep508(line)
else:
    doc = tomllib.loads(text)
    table = doc["tool"]["poetry"]["dependencies"] if fmt == "poetry" else doc["packages"]
    for name, value in table.items():
        value = value if isinstance(value, dict) else {"version": value}
        out[name.lower()] = [value.get("version", "*"), sorted(value.get("extras", []))]
print(json.dumps(out))
`;
  const stdout = execFileSync(
    PYTHON,
    ["-I", "-S", "-B", "-c", `import sys; sys.path[:0] = [${JSON.stringify(STACK_LIBRARIES)}]\n${code}`],
    {
      input: JSON.stringify({ format, text }),
      env: { PATH: "/usr/bin:/bin" },
    },
  );
  return JSON.parse(stdout.toString("utf8")) as Record<string, [string, string[]]>;
}

/** init-startproject with its requirements.txt replaced by `files`; the dependency file init writes. */
async function dependencyEdit(files: Record<string, string>, path: string): Promise<string> {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  rmSync(join(dir, "requirements.txt"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const plan = await planInit(dir, { only: ["dependencies"] });
  const file = plan.files.find((f) => f.path === path);
  assert.ok(file, `no change to ${path}: ${plan.files.map((f) => f.path).join(", ")}`);
  assert.equal(file.action, "modify");
  return file.content;
}

const ADDED_42 = [
  "gunicorn>=23.0",
  "django-environ>=0.11",
  "psycopg[binary]>=3.1.8",
  "redis>=5.0",
  "whitenoise>=6.6",
  "sentry-sdk>=2.0",
  "django-csp>=4.0",
];

/** The same packages as TOML table entries (Poetry, Pipfile). */
const TABLE_ADDED_42 = [
  'gunicorn = ">=23.0"',
  'django-environ = ">=0.11"',
  'psycopg = { version = ">=3.1.8", extras = ["binary"] }',
  'redis = ">=5.0"',
  'whitenoise = ">=6.6"',
  'sentry-sdk = ">=2.0"',
  'django-csp = ">=4.0"',
];

test("requirements.txt: comments, markers and a missing final newline kept; the packages in a marked block", async () => {
  const original = '# What the shop runs on\nDjango>=4.2,<5.0  # the LTS\npillow>=10 ; python_version >= "3.8"';
  const content = await dependencyEdit({ "requirements.txt": original }, "requirements.txt");
  assert.equal(content, `${original}\n\n# Production, added by djship init\n${ADDED_42.join("\n")}\n`);
  const packages = declared("requirements", content);
  assert.deepEqual(packages.django, ["<5.0,>=4.2", []]);
  assert.deepEqual(packages.psycopg, [">=3.1.8", ["binary"]]);
  assert.deepEqual(packages["django-csp"], [">=4.0", []]);
});

test("requirements.txt written on Windows keeps its CRLF line endings", async () => {
  const original = "# pins\r\nDjango==4.2.16\r\n";
  const content = await dependencyEdit({ "requirements.txt": original }, "requirements.txt");
  assert.equal(content, `${original}\r\n# Production, added by djship init\r\n${ADDED_42.join("\r\n")}\r\n`);
  assert.equal(content.replace(/\r\n/g, "").includes("\n"), false, "no bare LF");
});

test("Poetry: the table's header comment, inline tables and the comment before the next table kept", async () => {
  const original = [
    "[tool.poetry]",
    'name = "shop"',
    'version = "0.1.0"',
    "",
    "[tool.poetry.dependencies]  # what production runs",
    'python = "^3.11"',
    'django = { version = "^4.2", extras = ["argon2"] }  # the LTS',
    "",
    "# Tools, never deployed",
    "[tool.poetry.group.dev.dependencies]",
    'pytest-django = "^4.8"',
    "",
  ].join("\n");
  const content = await dependencyEdit({ "pyproject.toml": original, "poetry.lock": "" }, "pyproject.toml");
  const lines = original.split("\n");
  assert.equal(content, [...lines.slice(0, 7), ...TABLE_ADDED_42, ...lines.slice(7)].join("\n"));
  const packages = declared("poetry", content);
  assert.deepEqual(packages.django, ["^4.2", ["argon2"]]);
  assert.deepEqual(packages.psycopg, [">=3.1.8", ["binary"]]);
});

test("uv (PEP 621): single quotes, a last item without a comma and with a comment, brackets in comments and strings", async () => {
  const original = [
    "[project]",
    'name = "blog"',
    'requires-python = ">=3.11"',
    "dependencies = [",
    "    'django>=4.2,<5.0',  # the framework [LTS]",
    "    'django-environ[docs]>=0.11'  # settings, no comma]",
    "    # 'celery',  later",
    "]",
    "",
    "[dependency-groups]",
    'dev = ["pytest-django>=4.8"]',
    "",
  ].join("\n");
  const content = await dependencyEdit({ "pyproject.toml": original, "uv.lock": "" }, "pyproject.toml");
  const added = ADDED_42.filter((r) => !r.startsWith("django-environ")).map((r) => `    '${r}',`);
  const expected = [
    ...original.split("\n").slice(0, 5),
    "    'django-environ[docs]>=0.11',  # settings, no comma]",
    "    # 'celery',  later",
    ...added,
    ...original.split("\n").slice(7),
  ].join("\n");
  assert.equal(content, expected);
  const packages = declared("pep621", content);
  assert.deepEqual(packages["django-environ"], [">=0.11", ["docs"]]);
  assert.deepEqual(packages.whitenoise, [">=6.6", []]);
});

test("PEP 621 on one line stays on one line; a [project] without dependencies gets the array", async () => {
  const inline = '[project]\nname = "blog"\ndependencies = ["django>=4.2,<5.0"]  # one line\n';
  const content = await dependencyEdit({ "pyproject.toml": inline, "uv.lock": "" }, "pyproject.toml");
  assert.equal(
    content,
    `[project]\nname = "blog"\ndependencies = ["django>=4.2,<5.0", ${ADDED_42.map((r) => `"${r}"`).join(", ")}]  # one line\n`,
  );
  assert.ok(declared("pep621", content).gunicorn);
  const bare = '[project]  # the package\nname = "blog"\n\n[tool.uv]\npackage = false\n';
  const created = await dependencyEdit({ "pyproject.toml": bare, "uv.lock": "" }, "pyproject.toml");
  assert.match(
    created,
    /^\[project\] {2}# the package\ndependencies = \[\n( {4}"[^"\n]+",\n)+\]\nname = "blog"\n\n\[tool\.uv\]\npackage = false\n$/,
  );
  assert.ok(declared("pep621", created).gunicorn);
});

test("Pipfile: sources, comments and the sections after [packages] kept", async () => {
  const original = [
    "[[source]]",
    'url = "https://pypi.org/simple"',
    "verify_ssl = true",
    'name = "pypi"',
    "",
    "[packages]",
    'django = "~=4.2"   # LTS',
    'pillow = {version = ">=10", extras = []}',
    "",
    "# tools",
    "[dev-packages]",
    'pytest = "*"',
    "",
    "[requires]",
    'python_version = "3.11"',
    "",
  ].join("\n");
  const content = await dependencyEdit({ Pipfile: original }, "Pipfile");
  const lines = original.split("\n");
  assert.equal(content, [...lines.slice(0, 8), ...TABLE_ADDED_42, ...lines.slice(8)].join("\n"));
  const packages = declared("pipfile", content);
  assert.deepEqual(packages.django, ["~=4.2", []]);
  assert.deepEqual(packages.psycopg, [">=3.1.8", ["binary"]]);
});

test("ranges fit the Django the project pins: 3.2 gets psycopg2, django-redis, WhiteNoise < 6.8 and django-csp 3", async () => {
  const content = await dependencyEdit({ "requirements.txt": "Django>=3.2,<4.0\n" }, "requirements.txt");
  const packages = declared("requirements", content);
  assert.deepEqual(packages["psycopg2-binary"], [">=2.9", []]);
  assert.deepEqual(packages["django-redis"], [">=5.2", []]);
  assert.deepEqual(packages.whitenoise, ["<6.8,>=6.6", []]);
  assert.deepEqual(packages["django-csp"], ["<4.0,>=3.7", []]);
  assert.equal(packages.redis, undefined, "Django 3.2 has no built-in Redis cache: django-redis brings redis-py");
});

test("a package the team already declares, under any spelling of its name, is not added again", async () => {
  const content = await dependencyEdit(
    { "requirements.txt": "Django>=4.2,<5.0\nGunicorn==23.0.0\ndjango_environ>=0.11\npsycopg2-binary>=2.9\nWhiteNoise[brotli]>=6.6\n" },
    "requirements.txt",
  );
  const added = content.split("# Production, added by djship init\n")[1] ?? "";
  assert.deepEqual(added.trim().split("\n"), ["redis>=5.0", "sentry-sdk>=2.0", "django-csp>=4.0"]);
});

test("ranges fit the project's Python: on 3.8 (Poetry's python = \"^3.8\") an ASGI project gets uvicorn-worker 0.2, as 0.3 needs 3.9", async () => {
  const dir = copyFixture("init-channels");
  dirs.push(dir);
  const plan = await planInit(dir, { only: ["dependencies"] });
  const requirements = plan.files.find((f) => f.path === "requirements.txt")?.content ?? "";
  assert.equal(plan.detected.pythonVersion, "3.12");
  assert.deepEqual(declared("requirements", requirements)["uvicorn-worker"], [">=0.3", []]);
  rmSync(join(dir, "requirements.txt"));
  writeFileSync(
    join(dir, "pyproject.toml"),
    '[tool.poetry.dependencies]\npython = "^3.8"\ndjango = ">=4.2,<5.0"\nchannels = ">=4.0,<5.0"\n',
  );
  const older = await planInit(dir, { only: ["dependencies"] });
  assert.deepEqual([older.detected.pythonVersion, older.detected.pythonVersionSource], ["3.8", "pyproject.toml python"]);
  const pyproject = older.files.find((f) => f.path === "pyproject.toml")?.content ?? "";
  assert.deepEqual(declared("poetry", pyproject)["uvicorn-worker"], [">=0.2", []]);
});

test("a dependency file that does not parse as TOML is refused with its name, not edited", async () => {
  const dir = copyFixture("init-startproject");
  dirs.push(dir);
  rmSync(join(dir, "requirements.txt"));
  writeFileSync(join(dir, "pyproject.toml"), '[project]\nname = "mysite\ndependencies = [\n    "django>=4.2",\n]\n');
  writeFileSync(join(dir, "uv.lock"), "");
  await assert.rejects(planInit(dir, { only: ["dependencies"] }), /pyproject\.toml does not parse as TOML .*nothing was written/);
});
