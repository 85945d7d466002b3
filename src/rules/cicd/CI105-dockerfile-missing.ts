import { posix } from "node:path";
import { defineRule } from "../define.js";

/** Files of platforms that build the app without a Dockerfile (buildpacks, App Engine, Nixpacks...). */
const OTHER_PACKAGING =
  /^(Procfile|app\.ya?ml|nixpacks\.toml|project\.toml|runtime\.txt|\.python-version|heroku\.yml|zappa_settings\.json|serverless\.ya?ml)$/;

export default defineRule({
  code: "CI105",
  slug: "dockerfile-missing",
  area: "cicd",
  severity: "info",
  since: "0.1.0",
  reads: ["files"],
  doc: {
    what: "The project has no Dockerfile (nor a Procfile or other buildpack configuration that defines how it is packaged).",
    why: "Without a build definition in the repository, what runs in production (Python version, system libraries, the app server command) is decided by hand on a server, differs between machines and cannot be rebuilt after a failure.",
    fix: "Add a Dockerfile (a slim Python base pinned to an exact version, requirements installed in a virtualenv, a non-root USER, gunicorn as CMD) or the buildpack files of your platform.",
    bad: { "mysite/settings.py": "DEBUG = False\n" },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12.12-slim-bookworm\nCOPY . /app\nUSER 10001\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    references: ["https://docs.docker.com/build/building/best-practices/"],
  },
  messages: {
    none: "No Dockerfile or buildpack configuration: how production is built is not in the repository",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const workspace = artifacts.workspace;
    if (workspace.filesOfKind("dockerfile").length > 0) return;
    if (workspace.allFiles.some((path) => OTHER_PACKAGING.test(posix.basename(path)))) return;
    report("none", { file: null });
  },
});
