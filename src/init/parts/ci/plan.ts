import { posix } from "node:path";
import { collectDependencies, Dependencies } from "../../../model/dependencies.js";
import { VERSION } from "../../../version.js";
import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { CiProvider, EnvironmentVariable, PackageManager } from "../../types.js";
import { dockerfileNames, PYTHON_IMAGES } from "../docker/plan.js";
import type { PartContext, PartResult } from "../types.js";

/** Service images, pinned like compose's (CI109, CI112): the same PostgreSQL and Redis as production. */
const POSTGRES_IMAGE = "postgres:18.1";
const REDIS_IMAGE = "redis:7.4.2-alpine";
const NODE_IMAGE = "node:22.21.1-bookworm-slim";
const DOCKER_IMAGE = "docker:28.5.2";
const DIND_IMAGE = "docker:28.5.2-dind";
const SERVICE_DATABASE_URL = "postgres://postgres:postgres@{host}:5432/app";
const SERVICE_REDIS_URL = "redis://{host}:6379/0";

/** Where each provider reads its pipeline, and the name init falls back to beside the team's own. */
const FILES: Record<CiProvider, { primary: string; beside: (n: number) => string; template: string }> = {
  github: {
    primary: ".github/workflows/ci.yml",
    beside: (n) => `.github/workflows/djship${n > 1 ? `-${n}` : ""}.yml`,
    template: "ci/github-workflow.yml",
  },
  gitlab: {
    primary: ".gitlab-ci.yml",
    beside: (n) => `.gitlab/djship${n > 1 ? `-${n}` : ""}.gitlab-ci.yml`,
    template: "ci/gitlab-ci.yml",
  },
  jenkins: { primary: "Jenkinsfile", beside: (n) => `Jenkinsfile.djship${n > 1 ? `-${n}` : ""}`, template: "ci/Jenkinsfile" },
};

/** How the package manager installs everything (tests included) and runs a command in that environment. */
function toolchain(
  manager: PackageManager,
  dependencyFile: string,
  devRequirements: string | undefined,
): { install: string; run: string; cache: string } {
  switch (manager) {
    case "poetry":
      return { install: "poetry install --no-interaction --no-root", run: "poetry run ", cache: "poetry" };
    case "uv":
      return { install: "uv sync --frozen", run: "uv run --frozen ", cache: "" };
    case "pipenv":
      return { install: "pip install pipenv && pipenv install --deploy --dev", run: "pipenv run ", cache: "pipenv" };
    case "pdm":
      return { install: "pdm install --frozen-lockfile", run: "pdm run ", cache: "" };
    default:
      return {
        install: `pip install -r ${dependencyFile}${devRequirements ? ` -r ${devRequirements}` : ""}`,
        run: "",
        cache: "pip",
      };
  }
}

/** Installs the production dependencies on the server of the systemd target, into {appDir}/.venv. */
function serverInstall(manager: PackageManager, dependencyFile: string): string {
  switch (manager) {
    case "poetry":
      return "POETRY_VIRTUALENVS_IN_PROJECT=true poetry install --only main --no-root --no-interaction";
    case "uv":
      return "UV_PROJECT_ENVIRONMENT=.venv uv sync --frozen --no-dev";
    case "pipenv":
      return "PIPENV_VENV_IN_PROJECT=1 pipenv install --deploy";
    case "pdm":
      return "pdm sync --prod";
    default:
      return `.venv/bin/pip install -r ${dependencyFile}`;
  }
}

/** The tool itself, where a plain Python image has only pip (pipenv's install line brings its own). */
const BOOTSTRAP: Partial<Record<PackageManager, string>> = { poetry: "pip install poetry", uv: "pip install uv", pdm: "pip install pdm" };

/** Requirement files that usually hold the test tools, installed next to the production ones. */
const DEV_REQUIREMENTS = [
  "requirements/dev.txt",
  "requirements/test.txt",
  "requirements/local.txt",
  "requirements-dev.txt",
  "requirements-test.txt",
];

/** A YAML (or Groovy) double-quoted string: JSON's escaping is valid in both for these values. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * The values the CI job runs the production settings with: every variable of .env.example that has
 * an example (secrets without one stay unset, as a deployment may leave them), the database and
 * Redis URLs pointed at the job's services, and never a SECRET_KEY: the job draws its own.
 */
export function ciEnvironment(
  environment: readonly EnvironmentVariable[],
  production: string,
  services: { database: string; redis: string },
): [string, string][] {
  const out: [string, string][] = [["DJANGO_SETTINGS_MODULE", production]];
  for (const variable of environment) {
    if (variable.name === "DJANGO_SETTINGS_MODULE" || /^DJANGO_SECRET_KEY/.test(variable.name) || /^POSTGRES_/.test(variable.name))
      continue;
    if (variable.example === "") continue;
    let value = variable.example;
    if (/^postgres(ql)?:\/\//.test(value)) value = services.database;
    else if (/^rediss?:\/\//.test(value)) value = services.redis;
    out.push([variable.name, value]);
  }
  return out;
}

/** The provider init writes for: --ci, else the one the repository uses, else GitHub Actions. */
function providerOf(context: PartContext): { provider: CiProvider; reason: string } {
  if (context.options.ci) return { provider: context.options.ci, reason: "chosen with --ci" };
  if (context.detected.ci) return { provider: context.detected.ci, reason: `the repository already uses ${context.detected.ci}` };
  return { provider: "github", reason: "the repository has no CI yet: GitHub Actions, the default" };
}

/**
 * The pipeline: tests against PostgreSQL (and Redis when production uses it), `check --deploy
 * --fail-level WARNING` with the production settings, `makemigrations --check`, djship's audit, the
 * image build, a deploy to staging and one to production after approval. Never replaces a
 * pipeline file of the team's: beside one, it takes a new name and says so.
 */
export function planCi(context: PartContext, environment: readonly EnvironmentVariable[]): PartResult {
  const { detected, model } = context;
  const root = model.project.root;
  const { provider, reason: providerReason } = providerOf(context);
  const files = FILES[provider];
  const deps = new Dependencies(collectDependencies(model.workspace, root));
  const projectDir = root === "." ? "" : root;
  const relative = (path: string) => (projectDir ? posix.relative(projectDir, path) : path);
  const dependencyFile = detected.dependencyFile ? relative(detected.dependencyFile) : "requirements.txt";
  const devRequirements = DEV_REQUIREMENTS.find((p) => p !== dependencyFile && model.workspace.has(inProject(root, p)));
  const tools = toolchain(detected.packageManager, dependencyFile, devRequirements);
  const manage = (args: string) => `${tools.run}python manage.py ${args}`;
  const redis = environment.some((v) => /^rediss?:\/\//.test(v.example));
  const project = context.projectPackage.replace(/[^a-z0-9_-]/gi, "-").toLowerCase();
  const appDir = `/srv/${project}`;
  const sha = provider === "github" ? "$GITHUB_SHA" : provider === "gitlab" ? "$CI_COMMIT_SHA" : "$GIT_COMMIT";
  const compose = context.targets.includes("compose");
  const restart = [
    `${project}-migrate.service`,
    `${project}-gunicorn.service`,
    ...(detected.tasks.includes("celery") ? [`${project}-celery-worker.service`] : []),
    ...(detected.celeryBeat ? [`${project}-celery-beat.service`] : []),
  ];
  // The server checks out the very commit CI tested, then the target starts it: compose builds
  // the image on the host (compose.production.yaml says `build: .`) and waits for health checks;
  // systemd installs the dependencies and restarts the release unit (collectstatic and migrate,
  // with the production environment) before the app.
  const deployCommand = [
    `cd ${appDir}${projectDir ? `/${projectDir}` : ""}`,
    `git fetch --quiet origin ${sha}`,
    `git checkout --quiet --force ${sha}`,
    ...(compose
      ? ["docker compose -f compose.production.yaml up -d --build --wait"]
      : [serverInstall(detected.packageManager, dependencyFile), `sudo systemctl restart ${restart.join(" ")}`]),
  ].join(" && ");
  const host = provider === "github" ? "localhost" : "postgres";
  const variables = ciEnvironment(environment, context.settings.production, {
    database: SERVICE_DATABASE_URL.replace("{host}", host),
    redis: SERVICE_REDIS_URL.replace("{host}", provider === "github" ? "localhost" : "redis"),
  });
  const python = detected.pythonVersion;
  const pythonImage = PYTHON_IMAGES[python] ?? (PYTHON_IMAGES["3.12"] as string);
  const tests = deps.has("pytest", "pytest-django") ? `${tools.run}pytest` : manage("test");
  const values = {
    project: context.projectPackage,
    branch: "main",
    redis,
    redisNote: redis ? " and Redis" : "",
    postgresImage: POSTGRES_IMAGE,
    redisImage: REDIS_IMAGE,
    nodeImage: NODE_IMAGE,
    dockerImage: DOCKER_IMAGE,
    dindImage: DIND_IMAGE,
    python,
    pythonImage,
    pythonCache: tools.cache,
    poetry: detected.packageManager === "poetry",
    uv: detected.packageManager === "uv",
    pdm: detected.packageManager === "pdm",
    workingDirectory: projectDir,
    // GitHub sets the tool up with its own action; the GitLab and Jenkins images have pip only.
    install:
      provider !== "github" && BOOTSTRAP[detected.packageManager]
        ? `${BOOTSTRAP[detected.packageManager]} && ${tools.install}`
        : tools.install,
    checkDeploy: manage("check --deploy --fail-level WARNING"),
    makemigrationsCheck: manage("makemigrations --check --dry-run"),
    collectstatic: manage("collectstatic --noinput"),
    tests,
    audit: `npx --yes djship@${VERSION} audit --fail-on error${projectDir ? ` ${projectDir}` : ""}`,
    imageName: project,
    buildContext: projectDir || ".",
    // Beside a Dockerfile of the team's, init's image is Dockerfile.production (docker part).
    dockerfile: inProject(root, dockerfileNames(context).dockerfile),
    deployCommand,
    jobEnv:
      provider === "jenkins"
        ? variables.map(([name, value]) => `                                ${quoted(`${name}=${value}`)},`).join("\n")
        : variables.map(([name, value]) => `      ${name}: ${quoted(value)}`).join("\n"),
    jobVariables: variables.map(([name, value]) => `    ${name}: ${quoted(value)}`).join("\n"),
  };
  const content = template(files.template, values);
  const { path, beside } = pathFor(context, files, content);
  const steps = `tests against PostgreSQL${redis ? " and Redis" : ""}, check --deploy --fail-level WARNING, makemigrations --check, djship audit, the image; staging on main, production after approval`;
  const include =
    provider === "gitlab"
      ? `; add it to .gitlab-ci.yml with include: { local: ${path} }`
      : provider === "jenkins"
        ? "; point a Jenkins job's Script Path at it"
        : "";
  return {
    proposals: [
      {
        path,
        content,
        ownership: "generated",
        part: "ci",
        reason: beside ? `${beside} is the team's and stays as it is: written beside it${include}. ${steps}` : steps,
      },
    ],
    choices: [
      { id: "ci", value: provider, reason: providerReason },
      {
        id: "deploy",
        value: compose ? "ssh + docker compose" : "ssh + systemd",
        reason: `the pipeline deploys the tested commit over SSH (${compose ? "compose target" : "systemd target"}); production waits for an approval`,
      },
    ],
  };
}

/**
 * The pipeline's path: the provider's own file unless a file of the team's is there; then the
 * first free name beside it. A path counts as init's when the record lists it or it already holds
 * exactly what init would write, so a re-run finds the same file.
 */
function pathFor(context: PartContext, files: (typeof FILES)[CiProvider], content: string): { path: string; beside: string | undefined } {
  const usable = (path: string) => {
    const now = context.read(path);
    return now === undefined || now === content || context.generatedByInit.has(path);
  };
  if (usable(files.primary)) return { path: files.primary, beside: undefined };
  for (let n = 1; n < 100; n++) {
    const candidate = files.beside(n);
    if (usable(candidate)) return { path: candidate, beside: files.primary };
  }
  return { path: files.beside(100), beside: files.primary };
}
