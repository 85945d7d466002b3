import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT } from "../../test/helpers/paths.js";
import { assertMatchesSchema } from "../../test/helpers/schemas.js";
import { audit } from "../audit.js";
import { classifyFile } from "../discover/classify.js";
import { roleFromHeader, roleFromPath } from "../discover/roles.js";
import { materialize } from "../rules/tester.js";
import { loadWorkspace } from "./project.js";

const roots: string[] = [];
function project(files: Record<string, string>): string {
  const root = materialize(files);
  roots.push(root);
  return root;
}
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const SETTINGS = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\n';
const MANAGE = (module: string) =>
  `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\nfrom django.core.management import execute_from_command_line\n`;

test("paths give roles: dev containers, dev and local variants, overrides, test rigs, CI images, examples", () => {
  const cases: [string, string | undefined][] = [
    [".devcontainer/Dockerfile", "development"],
    [".devcontainer/docker-compose.yml", "development"],
    ["Dockerfile.dev", "development"],
    ["docker-compose.local.yml", "development"],
    ["compose.dev.yaml", "development"],
    ["docker-compose.override.yml", "development"],
    ["Procfile.windows", "development"],
    [".env.local", "development"],
    ["tests/docker-compose.yml", "test"],
    ["scripts/test-server.sh", "test"],
    ["docker/compose/docker-compose.ci-test.yml", "ci-only"],
    [".gitlab/ci_util_image/Dockerfile", "ci-only"],
    [".env.example", "example"],
    ["nginx.conf.sample", "example"],
    ["Dockerfile", undefined],
    ["docker-compose.yml", undefined],
    ["docker-compose.prod.yml", undefined],
    ["deploy/nginx/recommended/nginx.conf", undefined],
    ["charts/app/templates/deployment.yaml", undefined],
    [".github/workflows/test.yml", undefined],
    ["app/settings/production.py", undefined],
  ];
  for (const [path, role] of cases) assert.equal(roleFromPath(path, classifyFile(path))?.role, role, path);
  assert.equal(roleFromPath("app/settings/local.py", "python")?.role, "development");
  assert.equal(roleFromPath("app/settings/test.py", "python")?.role, "test");
});

test("a header says not for production; Django's own comment about DEBUG in production does not", () => {
  assert.equal(roleFromHeader("# NOT FOR PRODUCTION: a local stack\nservices: {}\n")?.role, "development");
  assert.equal(roleFromHeader("#!/bin/sh\n# For testing only\n")?.role, "test");
  assert.equal(roleFromHeader("# SECURITY WARNING: don't run with debug turned on in production!\nDEBUG = True\n"), undefined);
  assert.equal(roleFromHeader("x = 1\n# not for production\n"), undefined);
});

test("a header comment that names the file a dev or testing compose file, also below `services:` (baserow's heroku compose)", () => {
  const baserow =
    "services:\n  # A dev / testing /example compose file for testing heroku image works without\n  # heroku\n  baserow_heroku:\n    image: baserow_heroku\n";
  assert.equal(roleFromHeader(baserow)?.role, "development");
  assert.match(roleFromHeader(baserow)?.evidence ?? "", /line 2 says "A dev \/ testing \/example compose file"/);
  assert.equal(roleFromHeader('version: "3.8"\n# Testing stack for the end-to-end suite\nservices: {}\n')?.role, "test");
  // Only at the start of a comment, and only before the first service.
  assert.equal(roleFromHeader("# Production stack. For the local dev compose file see compose.dev.yml\nservices: {}\n"), undefined);
  assert.equal(roleFromHeader("services:\n  web:\n    # a dev compose file would mount the checkout here\n    image: app\n"), undefined);
});

test("compose files whose services run runserver over the checkout, or dev settings, are development", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "docker-compose.yml": "services:\n  web:\n    build: .\n    command: gunicorn app.wsgi\n",
    "stack/dev-stack.yml": "services: {}\n",
    "local-stack/docker-compose.yml":
      "services:\n  web:\n    build: ..\n    command: python manage.py runserver 0.0.0.0:8000\n    volumes:\n      - ..:/app\n",
    "qa/docker-compose.yml": "services:\n  web:\n    build: ..\n    environment:\n      DJANGO_SETTINGS_MODULE: app.settings.test\n",
    "box/docker-compose.yml": "services:\n  app:\n    build:\n      context: ..\n      dockerfile: .devcontainer/Dockerfile\n",
    "idle/docker-compose.yml": "services:\n  app:\n    image: app\n    command: sleep infinity\n    volumes:\n      - ..:/app\n",
  });
  const { workspace } = await loadWorkspace(root);
  assert.equal(workspace.roles.of("docker-compose.yml").role, "production");
  assert.equal(workspace.roles.of("local-stack/docker-compose.yml").role, "development");
  assert.match(workspace.roles.of("local-stack/docker-compose.yml").evidence, /runserver with the checkout bind-mounted \(\.\.:\/app\)/);
  assert.equal(workspace.roles.of("qa/docker-compose.yml").role, "test");
  assert.equal(workspace.roles.of("box/docker-compose.yml").role, "development");
  assert.match(workspace.roles.of("box/docker-compose.yml").evidence, /builds \.devcontainer\/Dockerfile/);
  assert.equal(workspace.roles.of("idle/docker-compose.yml").role, "development");
});

test("findings on development files are at most info, and only where the mistake reaches production", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "app/wsgi.py":
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    Dockerfile: "FROM python:3.12.1-slim\nRUN useradd app\nUSER app\nCMD gunicorn app.wsgi\n",
    "Dockerfile.dev":
      "FROM python:3.12.1-slim\nENV SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nCMD python manage.py runserver 0.0.0.0:8000\n",
    ".devcontainer/Dockerfile": "FROM python\nCMD python manage.py runserver\n",
  });
  const result = await audit(root);
  const onDev = result.findings.filter((f) => f.file === "Dockerfile.dev" || f.file?.startsWith(".devcontainer/"));
  for (const finding of onDev) assert.equal(finding.severity, "info", `${finding.rule} ${finding.message}`);
  // runserver in a development Dockerfile does not reach production: no finding at all.
  assert.ok(!onDev.some((f) => f.rule === "SRV101"), JSON.stringify(onDev.map((f) => f.rule)));
  // A secret baked into a development image is still committed: kept, as an info that says why.
  const baked = onDev.find((f) => f.rule === "CI110");
  if (baked) assert.match(baked.message, /in a development file/);
});

test("the configuration overrides roles: production globs, ignore-files", async () => {
  const files = {
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "Dockerfile.local": "FROM python:3.12.1-slim\nCMD python manage.py runserver 0.0.0.0:8000\n",
    "legacy/Dockerfile": "FROM python:3.12.1-slim\nCMD python manage.py runserver 0.0.0.0:8000\n",
  };
  const quiet = await audit(project({ ...files, "pyproject.toml": '[tool.djship]\nignore-files = ["legacy/**"]\n' }));
  assert.ok(!quiet.findings.some((f) => f.file?.startsWith("legacy/") || f.file === "Dockerfile.local"));
  const loud = await audit(project({ ...files, "pyproject.toml": '[tool.djship]\nproduction = ["Dockerfile.local"]\n' }));
  assert.ok(loud.findings.some((f) => f.rule === "SRV101" && f.file === "Dockerfile.local" && f.severity !== "info"));
  await assert.rejects(
    audit(project({ ...files, "pyproject.toml": '[tool.djship]\nproduction = "Dockerfile"\n' })),
    /production must be a list of strings/,
  );
});

test("a .env that .gitignore excludes and git does not track is the local environment, not the repository", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    ".gitignore": ".env\n",
    ".env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nDEBUG=True\n",
  });
  const { workspace } = await loadWorkspace(root);
  assert.equal(workspace.roles.of(".env").role, "development");
  assert.match(workspace.roles.of(".env").evidence, /excluded by \.gitignore and not tracked/);
  const result = await audit(root);
  assert.deepEqual(
    result.findings.filter((f) => f.file === ".env" && f.severity !== "info").map((f) => f.rule),
    [],
  );
});

test("--env-file names the production environment and never becomes a finding itself", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "deploy/production.env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\n",
  });
  const withoutFlag = await audit(root);
  assert.ok(
    withoutFlag.findings.some((f) => f.file === "deploy/production.env"),
    "the committed env file is reported without the flag",
  );
  const envFile = join(root, "deploy/production.env");
  const withFlag = await audit(root, { environment: new Map([["SECRET_KEY", "x".repeat(60)]]), envFile });
  assert.deepEqual(
    withFlag.findings.filter((f) => f.file === "deploy/production.env").map((f) => f.rule),
    [],
  );
});

test("one folder, several projects: each reads its own files only", async () => {
  const root = project({
    "shop/manage.py": MANAGE("shop.settings"),
    "shop/shop/settings.py": SETTINGS,
    "shop/Dockerfile": "FROM python:3.12.1-slim\nCMD python manage.py runserver 0.0.0.0:8000\n",
    "blog/manage.py": MANAGE("blog.settings"),
    "blog/blog/settings.py": SETTINGS,
    "blog/Dockerfile": "FROM python:3.12.1-slim\nRUN useradd app\nUSER app\nCMD gunicorn blog.wsgi\n",
    "docker-compose.yml": "services:\n  blog:\n    build: ./blog\n    command: gunicorn blog.wsgi\n",
  });
  const result = await audit(root);
  assert.deepEqual(
    result.projects.map((p) => p.root),
    ["blog", "shop"],
  );
  for (const finding of result.findings) {
    if (!finding.file) continue;
    if (finding.file.startsWith("shop/")) assert.equal(finding.project, "shop", `${finding.rule} ${finding.file}`);
    if (finding.file.startsWith("blog/") || finding.file === "docker-compose.yml")
      assert.equal(finding.project, "blog", `${finding.rule} ${finding.file}`);
  }
  assert.ok(result.findings.some((f) => f.rule === "SRV101" && f.project === "shop"));
  assert.ok(!result.findings.some((f) => f.rule === "SRV101" && f.project === "blog"));
});

test("running from a subfolder of a project finds the project", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "app/views/home.py": "x = 1\n",
  });
  const result = await audit(join(root, "app/views"));
  assert.equal(result.projects.length, 1);
  assert.equal(result.projects[0]?.settingsModule, "app.settings");
});

test("compose files that CI uses together are merged as `docker compose -f a -f b` merges them", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "docker/docker-compose.yml": "services:\n  web:\n    build: ..\n    command: gunicorn app.wsgi\n",
    "docker/docker-compose.scale.yml": "services:\n  web:\n    deploy:\n      replicas: 4\n",
    ".github/workflows/deploy.yml":
      "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose -f docker/docker-compose.yml -f docker/docker-compose.scale.yml up -d\n",
  });
  const { projects } = await loadWorkspace(root);
  const model = projects[0];
  assert.ok(model);
  const deployment = model.artifacts.deployment();
  const web = deployment.production.find((p) => p.platform === "compose" && p.role === "web");
  assert.equal(web?.replicas?.value, 4);
});

test("djship settings --format json lists every file with its role and evidence, and matches its schema", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    Dockerfile: "FROM python:3.12.1-slim\nCMD gunicorn app.wsgi\n",
    "Dockerfile.dev": "FROM python:3.12.1-slim\nCMD python manage.py runserver\n",
  });
  mkdirSync(join(root, "empty"), { recursive: true });
  writeFileSync(join(root, "empty", ".keep"), "");
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(REPO_ROOT, "bin", "djship.js"), "settings", root, "--format", "json"], (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  const document = JSON.parse(stdout) as { files: { path: string; role: string; evidence: string }[] };
  assertMatchesSchema("settings", document);
  const byPath = new Map(document.files.map((f) => [f.path, f]));
  assert.equal(byPath.get("Dockerfile")?.role, "production");
  assert.equal(byPath.get("Dockerfile.dev")?.role, "development");
  assert.equal(byPath.get("app/settings.py")?.role, "production");
  assert.match(byPath.get("Dockerfile.dev")?.evidence ?? "", /development variant/);
});

test("djship settings honours `production = [...]` in the listing", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings"),
    "app/settings.py": SETTINGS,
    "Dockerfile.local": "FROM python:3.12.1-slim\nCMD gunicorn app.wsgi\n",
    "pyproject.toml": '[tool.djship]\nproduction = ["Dockerfile.local"]\n',
  });
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(REPO_ROOT, "bin", "djship.js"), "settings", root, "--format", "json"], (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  const document = JSON.parse(stdout) as { files: { path: string; role: string; evidence: string }[] };
  const entry = document.files.find((f) => f.path === "Dockerfile.local");
  assert.equal(entry?.role, "production");
  assert.match(entry?.evidence ?? "", /configuration/);
});

test("development settings only the code's defaults name: their findings are info, and the JSON says why", async () => {
  const root = project({
    "manage.py": MANAGE("app.settings.docker_compose"),
    "app/__init__.py": "",
    "app/settings/__init__.py": "",
    "app/settings/base.py": 'SECRET_KEY = "Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk"\nDEBUG = True\nALLOWED_HOSTS = ["*"]\n',
    "app/settings/docker_compose.py": "from .base import *\n",
  });
  const loud = (await audit(root)).findings.filter((f) => f.file?.startsWith("app/settings/") && f.severity !== "info");
  assert.deepEqual(
    loud.map((f) => `${f.rule} ${f.message}`),
    [],
  );
  const secret = (await audit(root)).findings.find((f) => f.rule === "CFG101");
  assert.match(secret?.message ?? "", /in development settings: app\.settings\.docker_compose is named for a development configuration/);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(REPO_ROOT, "bin", "djship.js"), "settings", root, "--format", "json"], (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  const document = JSON.parse(stdout) as { settingsModuleRole: { role: string; evidence: string } };
  assertMatchesSchema("settings", document);
  assert.equal(document.settingsModuleRole.role, "development");
  // The same settings, selected by a production Dockerfile, are production's: the findings are loud again.
  writeFileSync(join(root, "Dockerfile"), "FROM python:3.12.1-slim\nENV DJANGO_SETTINGS_MODULE=app.settings.docker_compose\n");
  const shipped = (await audit(root)).findings.find((f) => f.rule === "CFG101");
  assert.equal(shipped?.severity, "error");
});
