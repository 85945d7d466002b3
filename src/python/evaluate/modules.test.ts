/**
 * Settings spread over several modules, loaded the ways real projects load them (importlib with a
 * relative name, pkgutil.extend_path and a grown __path__, globals().update(vars(...)) of a module or
 * a class), against CPython: each project is imported by Debian's Python 3.11 (standard library
 * only, isolated) and read by djship; every upper-case name must come out the same.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { after, describe, test } from "node:test";
import { ISOLATION_FLAGS, PYTHON } from "../../../test/helpers/python.js";
import { loadWorkspace } from "../../model/project.js";
import { settingsDocument } from "../../report/settings-json.js";
import { materialize } from "../../rules/tester.js";

interface Project {
  readonly name: string;
  readonly module: string;
  readonly files: Record<string, string>;
}

const PROJECTS: Project[] = [
  {
    name: "importlib.import_module with a name relative to __package__, then the upper-case names copied",
    module: "conf.settings",
    files: {
      "conf/__init__.py": "",
      "conf/settings/__init__.py":
        "import importlib, os\nENV = os.environ.get('ENV', 'prod')\nmod = importlib.import_module('.' + ENV, __package__)\nglobals().update({k: v for k, v in vars(mod).items() if k.isupper()})\nABSOLUTE = importlib.import_module('conf.settings.shared').SHARED\n",
      "conf/settings/prod.py": "DEBUG = False\nALLOWED_HOSTS = ['prod.example.com']\nlower = 'not copied'\n",
      "conf/settings/shared.py": "SHARED = 'yes'\n",
    },
  },
  {
    name: "for name in dir(module): setattr-free copying with globals()[name]",
    module: "conf.settings",
    files: {
      "conf/__init__.py": "",
      "conf/base.py": "DEBUG = True\nTIME_ZONE = 'UTC'\n",
      "conf/settings.py":
        "from conf import base\nfor name in dir(base):\n    if name.isupper():\n        globals()[name] = getattr(base, name)\nDEBUG = False\nCOUNT = len([n for n in globals().keys() if n.isupper()])\n",
    },
  },
  {
    name: "pkgutil.extend_path and a folder appended to __path__: submodules are found there",
    module: "app.settings",
    files: {
      "app/__init__.py": "",
      "app/settings/__init__.py":
        "import os\nfrom pkgutil import extend_path\n__path__ = extend_path(__path__, __name__)\n__path__.append(os.path.join(os.path.dirname(__file__), '..', '..', 'overrides'))\nfrom .site import SITE\nfrom .base import BASE\nPATHS = len(__path__)\n",
      "app/settings/base.py": "BASE = 1\n",
      "overrides/site.py": "SITE = 'override'\n",
    },
  },
  {
    name: "globals().update(vars(SomeClass)): the class's own attributes, not its bases'",
    module: "settings",
    files: {
      "settings.py":
        "class Base:\n    DEBUG = True\n    HOSTS = ['base']\nclass Production(Base):\n    DEBUG = False\n    LABEL = 'x' * 5\nglobals().update(vars(Production))\nHAS_HOSTS = 'HOSTS' in globals()\n",
    },
  },
  {
    name: "class settings exported by a classmethod: inspect.getmembers, properties read, setattr on sys.modules[__name__]",
    module: "conf.docker",
    files: {
      "conf/__init__.py": "",
      "conf/loader.py":
        "import inspect, sys\nclass Settings:\n    @classmethod\n    def load_settings(cls, module_name):\n        self = cls()\n        module = sys.modules[module_name]\n        for member, value in inspect.getmembers(self):\n            if member.isupper() and not member.startswith('_'):\n                if isinstance(value, property):\n                    value = value.fget(self)\n                setattr(module, member, value)\n",
      "conf/base.py":
        "import os\nfrom conf.loader import Settings\nclass CommunityBase(Settings):\n    DEBUG = False\n    SITE_NAME = 'docs'\n    _PRIVATE = 1\n    @property\n    def ALLOWED_HOSTS(self):\n        return ['docs.example.com'] + self.EXTRA_HOSTS\n    EXTRA_HOSTS = []\n    @property\n    def DATABASES(self):\n        return {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': os.environ.get('DB_HOST', 'db')}}\n",
      "conf/docker.py":
        "from conf.base import CommunityBase\nclass DockerSettings(CommunityBase):\n    DEBUG = True\n    EXTRA_HOSTS = ['localhost']\nDockerSettings.load_settings(__name__)\n",
    },
  },
];

const ORACLE = `
import importlib, json, os, sys
root, module = sys.argv[1], sys.argv[2]
os.environ.clear()
sys.path.insert(0, root)
namespace = vars(importlib.import_module(module))
def to_json(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return {"$repr": repr(value)}
print(json.dumps({k: to_json(v) for k, v in namespace.items() if k.isupper()}))
`;

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function manage(module: string): string {
  return `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`;
}

describe("settings over several modules agree with CPython", () => {
  for (const project of PROJECTS) {
    test(project.name, async () => {
      const root = materialize({ "manage.py": manage(project.module), ...project.files });
      roots.push(root);
      const expected = JSON.parse(
        execFileSync(PYTHON, [...ISOLATION_FLAGS, "-c", ORACLE, root, project.module], {
          env: { PATH: "/usr/bin:/bin" },
          timeout: 60_000,
        }).toString("utf8"),
      ) as Record<string, unknown>;
      const model = await loadWorkspace(root, { djangoVersion: "5.2", environment: new Map() });
      const document = settingsDocument(model.projects[0] ?? assert.fail("djship found no project"));
      assert.equal(document.loadError, null, `djship says the settings fail: ${document.loadError?.message}`);
      const mismatches = Object.entries(expected)
        .map(([name, value]) => {
          const entry = document.values[name];
          const got = entry ? (entry.known ? entry.value : "<unknown>") : "<missing>";
          return JSON.stringify(got) === JSON.stringify(value)
            ? undefined
            : `${name}: CPython ${JSON.stringify(value)}, djship ${JSON.stringify(got)}`;
        })
        .filter(Boolean);
      assert.deepEqual(mismatches, []);
      // A name CPython does not define is not a setting djship invents either (beyond Django's defaults).
      for (const name of ["lower", "mod"]) assert.equal(document.values[name], undefined, name);
    });
  }
});
