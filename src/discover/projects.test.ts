import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { audit } from "../audit.js";
import { loadWorkspace } from "../model/project.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "djship-discover-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const manage = (module: string) =>
  `import os\nimport sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\nfrom django.core.management import execute_from_command_line\n`;
const wsgi = (module: string) =>
  `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\napplication = get_wsgi_application()\n`;
const split = {
  "config/__init__.py": "",
  "config/settings/__init__.py": "",
  "config/settings/base.py": "DEBUG = False\n",
  "config/settings/dev.py": "from .base import *\nDEBUG = True\n",
  "config/settings/prod.py": "from .base import *\n",
  "config/settings/staging.py": "from .base import *\n",
};

test("wsgi.py wins over manage.py: it is what the app server loads", async () => {
  const root = tree({ "manage.py": manage("config.settings.dev"), "config/wsgi.py": wsgi("config.settings.prod"), ...split });
  const [project] = (await loadWorkspace(root)).projects;
  assert.equal(project?.project.settings?.module, "config.settings.prod");
  assert.equal(project?.project.settings?.source, "wsgi");
  assert.deepEqual(
    project?.project.candidates.map((c) => c.source),
    ["wsgi", "manage.py"],
  );
});

test("deployment files win over wsgi.py, --settings and the environment over both", async () => {
  const files = {
    "manage.py": manage("config.settings.dev"),
    "config/wsgi.py": wsgi("config.settings.dev"),
    Dockerfile: "FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.prod\nCMD gunicorn config.wsgi\n",
    ...split,
  };
  const root = tree(files);
  const [fromDocker] = (await loadWorkspace(root)).projects;
  assert.equal(fromDocker?.project.settings?.module, "config.settings.prod");
  assert.deepEqual(
    [fromDocker?.project.settings?.source, fromDocker?.project.settings?.file, fromDocker?.project.settings?.line],
    ["dockerfile", "Dockerfile", 2],
  );
  const [fromEnv] = (await loadWorkspace(root, { environment: new Map([["DJANGO_SETTINGS_MODULE", "config.settings.staging"]]) })).projects;
  assert.equal(fromEnv?.project.settings?.source, "environment");
  assert.equal(fromEnv?.project.settings?.module, "config.settings.staging");
  const [fromFlag] = (
    await loadWorkspace(root, {
      settingsModule: "config.settings.base",
      environment: new Map([["DJANGO_SETTINGS_MODULE", "config.settings.staging"]]),
    })
  ).projects;
  assert.equal(fromFlag?.project.settings?.source, "flag");
});

test("compose, Procfile, Kubernetes, systemd and supervisor name settings modules too", async () => {
  const cases: [string, string, string][] = [
    [
      "compose.yaml",
      "services:\n  web:\n    image: app\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.prod\n",
      "compose",
    ],
    [
      "docker-compose.yml",
      "services:\n  web:\n    command: gunicorn config.wsgi\n    environment:\n      - DJANGO_SETTINGS_MODULE=config.settings.prod\n",
      "compose",
    ],
    ["Procfile", "web: gunicorn config.wsgi --log-file -\nrelease: python manage.py migrate --settings=config.settings.prod\n", "procfile"],
    [
      "k8s/deployment.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DJANGO_SETTINGS_MODULE\n              value: config.settings.prod\n",
      "kubernetes",
    ],
    [
      "deploy/app.service",
      "[Service]\nEnvironment=DJANGO_SETTINGS_MODULE=config.settings.prod\nExecStart=/srv/venv/bin/gunicorn config.wsgi\n",
      "systemd",
    ],
    [
      "deploy/supervisor/app.conf",
      '[program:web]\ncommand=gunicorn config.wsgi\nenvironment=DJANGO_SETTINGS_MODULE="config.settings.prod"\n',
      "supervisor",
    ],
  ];
  for (const [path, text, source] of cases) {
    const root = tree({ "manage.py": manage("config.settings.dev"), ...split, [path]: text });
    const [project] = (await loadWorkspace(root)).projects;
    assert.equal(project?.project.settings?.source, source, path);
    assert.equal(project?.project.settings?.module, "config.settings.prod", path);
  }
});

test("a deployment file naming a module the project does not have is not trusted", async () => {
  const root = tree({
    "manage.py": manage("config.settings.dev"),
    ...split,
    Dockerfile: "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=other.settings\n",
  });
  const [project] = (await loadWorkspace(root)).projects;
  assert.equal(project?.project.settings?.source, "manage.py");
});

test("a monorepo: manage.py in subfolders, each project with its own settings and Django pin", async () => {
  const root = tree({
    "backend/manage.py": manage("api.settings"),
    "backend/api/__init__.py": "",
    "backend/api/settings.py": "DEBUG = False\n",
    "backend/requirements.txt": "Django==4.2.11\n",
    "admin/manage.py": manage("panel.settings"),
    "admin/panel/__init__.py": "",
    "admin/panel/settings.py": "DEBUG = True\n",
    "admin/pyproject.toml": '[project]\nname = "panel"\ndependencies = ["Django>=5.0,<6.0"]\n',
    "frontend/node_modules/x/manage.py": manage("nope.settings"),
    "frontend/package.json": "{}",
  });
  const model = await loadWorkspace(root);
  assert.deepEqual(
    model.projects.map((p) => p.project.root),
    ["admin", "backend"],
  );
  const [admin, backend] = model.projects;
  assert.equal(admin?.djangoVersion.series, "5.2");
  assert.equal(backend?.djangoVersion.series, "4.2");
  assert.equal(backend?.djangoVersion.version, "4.2.11");
  assert.equal(backend?.djangoVersion.source, "backend/requirements.txt:1");
  const debug = admin?.settings?.settings.get("DEBUG");
  assert.equal(debug?.origin?.file, "admin/panel/settings.py");
});

test("a wsgi module without manage.py is a project too", async () => {
  const root = tree({ "src/shop/__init__.py": "", "src/shop/wsgi.py": wsgi("shop.settings"), "src/shop/settings.py": "DEBUG = False\n" });
  const [project] = (await loadWorkspace(root)).projects;
  assert.equal(project?.project.root, "src");
  assert.equal(project?.project.settings?.module, "shop.settings");
  assert.equal(project?.settings?.loadError, null);
});

test("the Django version: a range gives the highest supported series, nothing gives the current LTS", async () => {
  const versions: [Record<string, string>, string, string | null][] = [
    [{ "requirements.txt": "django>=4.2,<5.0\n" }, "4.2", null],
    [{ "requirements.txt": "Django~=5.1.0\n" }, "5.1", null],
    [{ "requirements/production.txt": "-r base.txt\n", "requirements/base.txt": "Django==3.2.25 --hash=sha256:abc\n" }, "3.2", "3.2.25"],
    [
      {
        "poetry.lock": '[[package]]\nname = "django"\nversion = "5.0.6"\n',
        "pyproject.toml": '[tool.poetry.dependencies]\ndjango = "^5.0"\n',
      },
      "5.0",
      "5.0.6",
    ],
    [{ "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^4.1"\n' }, "4.2", null],
    [{}, "5.2", null],
  ];
  for (const [files, series, version] of versions) {
    const root = tree({
      "manage.py": manage("mysite.settings"),
      "mysite/__init__.py": "",
      "mysite/settings.py": "DEBUG = False\n",
      ...files,
    });
    const [project] = (await loadWorkspace(root)).projects;
    assert.equal(project?.djangoVersion.series, series, JSON.stringify(files));
    assert.equal(project?.djangoVersion.version, version, JSON.stringify(files));
  }
});

test("symbolic links: followed inside the tree, never out of it or round a loop", async () => {
  const outside = tree({ "evil/settings.py": "DEBUG = True\n", Dockerfile: "FROM x\nENV DJANGO_SETTINGS_MODULE=evil.settings\n" });
  const root = tree({ "manage.py": manage("mysite.settings"), "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n" });
  symlinkSync(outside, join(root, "linked"));
  symlinkSync(root, join(root, "mysite", "loop"));
  const model = await loadWorkspace(root);
  assert.equal(model.projects.length, 1);
  assert.ok(model.workspace.problems.some((p) => p.path === "linked" && /out of the project/.test(p.message)));
  assert.ok(!model.workspace.allFiles.some((f) => f.startsWith("linked/") || f.includes("loop/")));
});

test("split settings: when only the code's defaults name base, the production module built on it is what production runs", async () => {
  const root = tree({
    "manage.py": manage("config.django.base"),
    "config/wsgi.py": wsgi("config.django.base"),
    "config/__init__.py": "",
    "config/django/__init__.py": "",
    "config/django/base.py": "DEBUG = True\n",
    "config/django/production.py": "from .base import *  # noqa\nDEBUG = False\n",
    "config/django/test.py": "from .base import *\n",
  });
  const [project] = (await loadWorkspace(root)).projects;
  assert.equal(project?.project.settings?.module, "config.django.production");
  assert.equal(project?.project.settings?.source, "split");
  // A deployment file naming a module still decides.
  const named = tree({
    "manage.py": manage("config.django.base"),
    Procfile: "web: DJANGO_SETTINGS_MODULE=config.django.base gunicorn config.wsgi\n",
    "config/__init__.py": "",
    "config/django/__init__.py": "",
    "config/django/base.py": "DEBUG = False\n",
    "config/django/production.py": "from .base import *\n",
  });
  assert.equal((await loadWorkspace(named)).projects[0]?.project.settings?.module, "config.django.base");
});

test("split settings: the production module's star import is read from its syntax tree, in a try block too, not from a comment or docstring", async () => {
  const layout = (production: string) =>
    tree({
      "manage.py": manage("config.django.base"),
      "config/__init__.py": "",
      "config/django/__init__.py": "",
      "config/django/base.py": "DEBUG = True\n",
      "config/django/production.py": production,
    });
  const moduleOf = async (production: string) => (await loadWorkspace(layout(production))).projects[0]?.project.settings?.module;
  assert.equal(await moduleOf("try:\n    from .base import *\nexcept ImportError:\n    pass\n"), "config.django.production");
  assert.equal(await moduleOf("from config.django.base import *\n"), "config.django.production");
  assert.equal(await moduleOf("# from .base import *\nDEBUG = False\n"), "config.django.base");
  assert.equal(await moduleOf('"""Build on the base:\n\nfrom .base import *\n"""\nDEBUG = False\n'), "config.django.base");
  // Another module's star import does not make it built on base.
  assert.equal(await moduleOf("from .common import *\n"), "config.django.base");
});

test("settings only the code's defaults name, and named for a development setup, are development's", async () => {
  const compose = {
    "manage.py": manage("site.settings.docker_compose"),
    "site/__init__.py": "",
    "site/wsgi.py": wsgi("site.settings.docker_compose"),
    "site/settings/__init__.py": "",
    "site/settings/base.py": 'SECRET_KEY = "local-placeholder"\n',
    "site/settings/docker_compose.py": "from .base import *\nDEBUG = True\n",
  };
  const [dev] = (await loadWorkspace(tree(compose))).projects;
  assert.equal(dev?.project.settings?.module, "site.settings.docker_compose");
  assert.equal(dev?.project.settingsRole?.role, "development");
  assert.match(dev?.project.settingsRole?.evidence ?? "", /named for a development configuration; the default of site\/wsgi\.py:3/);
  // A production Dockerfile that selects the same module makes it production's.
  const shipped = { ...compose, Dockerfile: "FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=site.settings.docker_compose\n" };
  const [prod] = (await loadWorkspace(tree(shipped))).projects;
  assert.deepEqual(prod?.project.settingsRole, { role: "production", evidence: "set by Dockerfile:2 (dockerfile), a production file" });
  // A plain default is production's: nothing says otherwise.
  const [plain] = (await loadWorkspace(tree({ "manage.py": manage("config.settings.staging"), ...split }))).projects;
  assert.equal(plain?.project.settingsRole?.role, "production");
});

test("a settings module the image holds as a copy of another file is the one production runs, read from that file", async () => {
  const root = tree({
    "manage.py": manage("settings.common"),
    "settings/__init__.py": "",
    "settings/common.py": 'DEBUG = True\nSECRET_KEY = "development-key"\n',
    "docker/config.py": 'import os\nfrom .common import *\nDEBUG = False\nSECRET_KEY = os.environ["APP_SECRET_KEY"]\n',
    "docker/Dockerfile":
      "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . /srv\nRUN cp docker/config.py settings/config.py\nENV DJANGO_SETTINGS_MODULE=settings.config\n",
  });
  const [project] = (await loadWorkspace(root, { environment: new Map([["APP_SECRET_KEY", "x".repeat(60)]]) })).projects;
  assert.equal(project?.project.settings?.module, "settings.config");
  assert.equal(project?.project.settings?.source, "dockerfile");
  assert.deepEqual(project?.project.imageFiles, [
    { path: "settings/config.py", source: "docker/config.py", dockerfile: "docker/Dockerfile", line: 4 },
  ]);
  const debug = project?.settings?.settings.get("DEBUG");
  assert.equal(debug?.value.kind === "bool" ? debug.value.value : undefined, false);
  assert.equal(debug?.origin?.file, "docker/config.py");
});

test("a settings module the entry point's package computes at run time is not guessed: the settings are unread, no settings rule fires", async () => {
  const root = tree({
    "app/__init__.py":
      'import os\ntry:\n    import app.devonly\n    MODE = "development"\nexcept ImportError:\n    MODE = "production"\ndef prepare_env():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings.%s" % MODE)\n',
    "app/wsgi.py":
      'import os\nfrom app import prepare_env\nprepare_env()\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    "app/settings/__init__.py": "",
    "app/settings/production.py": "DEBUG = False\n",
  });
  const [project] = (await loadWorkspace(root)).projects;
  assert.deepEqual(project?.project.settingsNotFollowed, { file: "app/__init__.py", line: 8, expression: '"app.settings.%s" % MODE' });
  assert.match(project?.settings?.limit ?? "", /app\/__init__\.py:8 sets DJANGO_SETTINGS_MODULE to "app\.settings\.%s" % MODE/);
  const findings = (await audit(root)).findings.filter((f) => f.severity !== "info");
  assert.deepEqual(
    findings.filter((f) => /^(CFG0|SEC0|OBS10)/.test(f.rule)).map((f) => `${f.rule} ${f.message}`),
    [],
  );
  // Named by a deployment file or the operator, the module is read as usual.
  const [named] = (await loadWorkspace(root, { settingsModule: "app.settings.production" })).projects;
  assert.equal(named?.project.settingsNotFollowed, null);
  assert.equal(named?.settings?.limit, null);
});

test("a computed settings module is looked for in the modules the entry point imports, not in ones a comment or docstring names", async () => {
  const computing = 'import os\ndef prepare():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings.%s" % os.uname()[0])\n';
  const layout = (imports: string) =>
    tree({
      "bootstrap.py": computing,
      "app/__init__.py": "",
      "app/wsgi.py": `import os\n${imports}os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n`,
      "app/settings.py": "DEBUG = False\n",
    });
  const notFollowed = async (imports: string) => (await loadWorkspace(layout(imports))).projects[0]?.project.settingsNotFollowed;
  assert.equal((await notFollowed("try:\n    import bootstrap\nexcept ImportError:\n    pass\n"))?.file, "bootstrap.py");
  assert.equal((await notFollowed("import sys, bootstrap\n"))?.file, "bootstrap.py");
  assert.equal(await notFollowed("# import bootstrap\n"), null);
  assert.equal(await notFollowed('"""\nimport bootstrap\n"""\n'), null);
});
