import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { type CaddyConfig, caddyModel } from "../artifacts/caddy/model.js";
import { parseCaddyfile } from "../artifacts/caddy/parse.js";
import {
  type CiPipeline,
  parseCircleCi,
  parseGithubWorkflow,
  parseGitlabCi,
  parseHerokuCi,
  parseJenkinsfile,
} from "../artifacts/ci/parse.js";
import { type ComposeFile, parseCompose } from "../artifacts/compose/parse.js";
import { type DockerfileModel, parseDockerfile } from "../artifacts/dockerfile/parse.js";
import { type DotenvEntry, parseDotenv } from "../artifacts/dotenv/parse.js";
import { type DockerignoreFile, parseDockerignore } from "../artifacts/gitignore/parse.js";
import { evaluateGunicornConfig, type GunicornConfig } from "../artifacts/gunicorn/parse.js";
import { type HelmValues, type K8sFile, looksLikeKubernetes, parseHelmValues, parseKubernetes } from "../artifacts/k8s/parse.js";
import { type NginxConfig, nginxModel, parseNginx } from "../artifacts/nginx/parse.js";
import { type ProcfileProcess, parseProcfile } from "../artifacts/procfile/parse.js";
import { parseRequirementsFile, type RequirementsFile } from "../artifacts/requirements/parse.js";
import { parseSupervisor, type SupervisorProgram } from "../artifacts/supervisor/parse.js";
import { parseSystemdUnit, type SystemdUnit } from "../artifacts/systemd/parse.js";
import { parseYaml, type YamlFile } from "../artifacts/yaml/parse.js";
import type { FileKind } from "../discover/classify.js";
import { chooseDjangoVersion, type DjangoVersionChoice } from "../discover/django-version.js";
import type { GitView } from "../discover/git.js";
import type { Workspace } from "../discover/workspace.js";
import type { DjangoSeries } from "../django/versions.js";
import type { EnvironmentMode } from "../python/evaluate/env-state.js";
import { type PyFile, parsePython } from "../python/parse.js";
import { collectDependencies, Dependencies } from "./dependencies.js";
import { composeStacksIn, Deployment } from "./deployment.js";
import { ProjectCode } from "./project-code.js";
import { type ProjectSource, projectSource } from "./source.js";

/** A file djship could not parse: rules report these instead of crashing on them. */
export interface ArtifactProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** What the artifacts of one project are read with. */
export interface ArtifactsEvaluation {
  readonly environment: EnvironmentMode;
  readonly series: DjangoSeries;
  /** The project's import path, when the caller built it already (it caches parsed modules). */
  readonly source?: ProjectSource | undefined;
}

/**
 * The project's deployment and dependency files, parsed on first use and cached: rules ask for
 * parsed models here and never open files themselves.
 */
export class Artifacts {
  private readonly cache = new Map<string, unknown>();
  readonly problems: ArtifactProblem[] = [];

  /** The project's Python import path, shared by its settings, its gunicorn config files and its code. */
  readonly source: ProjectSource;

  constructor(
    readonly workspace: Workspace,
    private readonly parser: TreeSitterParser,
    /** The project's folder, relative to the workspace root: files outside it that belong to another project are left out. */
    readonly projectRoot: string,
    /** The audited environment and Django series: what gunicorn config files are evaluated in. */
    private readonly evaluation: ArtifactsEvaluation,
  ) {
    this.source = evaluation.source ?? projectSource(workspace, parser, projectRoot);
  }

  /** Whether a file is this project's, not another project's of the same folder. */
  owns(path: string): boolean {
    return this.workspace.belongsTo(path, this.projectRoot);
  }

  /** Every file of the tree that belongs to this project. */
  get files(): readonly string[] {
    return this.memo("files", () =>
      this.workspace.projectRoots.length <= 1 ? this.workspace.allFiles : this.workspace.allFiles.filter((path) => this.owns(path)),
    );
  }

  private memo<T>(key: string, build: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = build();
    this.cache.set(key, value);
    return value;
  }

  /** Files of some kinds, with their text (unreadable ones noted as problems). */
  texts(...kinds: FileKind[]): { path: string; text: string }[] {
    return this.memo(`texts:${kinds.join(",")}`, () => {
      const out: { path: string; text: string }[] = [];
      for (const file of this.workspace.filesOfKind(...kinds)) {
        if (!this.owns(file.path)) continue;
        const text = this.workspace.read(file.path);
        if (text === undefined) {
          this.problems.push({ file: file.path, line: 1, message: this.workspace.unreadable.get(file.path) ?? "cannot be read" });
          continue;
        }
        out.push({ path: file.path, text });
      }
      return out;
    });
  }

  requirements(): RequirementsFile[] {
    return this.memo("requirements", () => this.texts("requirements").map(({ path, text }) => parseRequirementsFile(path, text)));
  }

  dockerfiles(): DockerfileModel[] {
    return this.memo("dockerfiles", () => this.texts("dockerfile").map(({ path, text }) => parseDockerfile(path, text)));
  }

  yaml(...kinds: FileKind[]): YamlFile[] {
    return this.memo(`yaml:${kinds.join(",")}`, () => this.texts(...kinds).map(({ path, text }) => parseYaml(path, text)));
  }

  procfiles(): { path: string; processes: ProcfileProcess[] }[] {
    return this.memo("procfiles", () =>
      this.texts("procfile").map(({ path, text }) => ({ path, processes: parseProcfile(text).processes })),
    );
  }

  dotenvFiles(): { path: string; entries: DotenvEntry[] }[] {
    return this.memo("dotenv", () => this.texts("dotenv").map(({ path, text }) => ({ path, entries: parseDotenv(text) })));
  }

  /** The project's declared dependencies (requirements, pyproject, Pipfile, lock files). */
  dependencies(): Dependencies {
    return this.memo("dependencies", () => new Dependencies(collectDependencies(this.workspace, this.projectRoot)));
  }

  /** A Python file of the project, parsed (for urls.py, models.py, gunicorn.conf.py...). */
  python(path: string): PyFile | undefined {
    return this.memo(`python:${path}`, () => {
      const text = this.workspace.read(path);
      return text === undefined ? undefined : parsePython(this.parser, path, text);
    });
  }

  /** Compose files, each parsed on its own (merging is the deployment model's job). */
  compose(): ComposeFile[] {
    return this.memo("compose", () =>
      this.texts("compose").map(({ path, text }) => {
        const file = parseCompose(path, text);
        for (const problem of file.problems) this.problems.push({ file: path, ...problem });
        return file;
      }),
    );
  }

  /** Kubernetes manifests and kustomizations among the YAML files; Helm templates (`{{ }}`) are skipped. */
  kubernetes(): K8sFile[] {
    return this.memo("kubernetes", () =>
      this.texts("yaml")
        .filter(({ text }) => looksLikeKubernetes(text) && !text.includes("{{"))
        .map(({ path, text }) => {
          const file = parseKubernetes(path, text);
          for (const problem of file.problems) this.problems.push({ file: path, ...problem });
          return file;
        }),
    );
  }

  helmValues(): HelmValues[] {
    return this.memo("helm", () => this.texts("helm-values").map(({ path, text }) => parseHelmValues(path, text)));
  }

  /** nginx configurations, one per entry file (a file no other file includes), includes expanded. */
  nginx(): NginxConfig[] {
    return this.memo("nginx", () => {
      const texts = this.texts("nginx");
      const source = { files: this.workspace.allFiles, read: (path: string) => this.workspace.read(path) };
      const parsed = texts.map(({ path, text }) => ({ path, result: parseNginx(path, text, source) }));
      const included = new Set(parsed.flatMap((p) => p.result.files.filter((f) => f !== p.path)));
      const configs = parsed.filter((p) => !included.has(p.path)).map((p) => nginxModel(p.path, p.result));
      for (const config of configs) for (const problem of config.problems) this.problems.push(problem);
      return configs;
    });
  }

  /** Caddyfiles, one per entry file (a file no other Caddyfile imports), imports and snippets expanded. */
  caddy(): CaddyConfig[] {
    return this.memo("caddy", () => {
      const source = { files: this.workspace.allFiles, read: (path: string) => this.workspace.read(path) };
      const parsed = this.texts("caddyfile").map(({ path, text }) => parseCaddyfile(path, text, source));
      const imported = new Set(parsed.flatMap((p) => p.files.filter((f) => f !== p.path)));
      const configs = parsed.filter((p) => !imported.has(p.path)).map(caddyModel);
      for (const config of configs) for (const problem of config.problems) this.problems.push(problem);
      return configs;
    });
  }

  systemdUnits(): SystemdUnit[] {
    return this.memo("systemd", () => this.texts("systemd").map(({ path, text }) => parseSystemdUnit(path, text)));
  }

  supervisor(): { path: string; programs: SupervisorProgram[] }[] {
    return this.memo("supervisor", () =>
      this.texts("supervisor").map(({ path, text }) => ({ path, programs: parseSupervisor(path, text).programs })),
    );
  }

  /** A gunicorn config file evaluated in the project's environment. */
  /**
   * A gunicorn config file evaluated as one process runs it: in the audited environment, with the
   * variables the process itself sets (Dockerfile ENV, compose environment) on top when that
   * environment is exact.
   */
  gunicornConfig(path: string, processEnv: ReadonlyMap<string, string> = new Map()): GunicornConfig {
    const audited = this.evaluation.environment;
    const environment =
      audited.kind === "exact" ? { kind: "exact" as const, variables: new Map([...audited.variables, ...processEnv]) } : audited;
    const key = `gunicorn:${path}:${environment.kind === "exact" ? JSON.stringify([...environment.variables].sort()) : environment.kind}`;
    return this.memo(key, () => {
      const config = evaluateGunicornConfig({ source: this.source, path, environment, djangoVersion: this.evaluation.series });
      if (!this.cache.has(`gunicorn-problems:${path}`)) {
        this.cache.set(`gunicorn-problems:${path}`, true);
        for (const problem of config.problems) this.problems.push({ file: path, ...problem });
      }
      return config;
    });
  }

  /** Unclassified files whose base name matches (Makefile, crontab, fabfile.py...), with their text. */
  namedTexts(pattern: RegExp): { path: string; text: string }[] {
    return this.memo(`named:${pattern.source}`, () =>
      this.files
        .filter((path) => pattern.test(path.split("/").pop() ?? ""))
        .flatMap((path) => {
          const text = this.workspace.read(path);
          return text === undefined ? [] : [{ path, text }];
        }),
    );
  }

  /** Markdown and text documentation at the top of the project and under docs/, where `docker compose -f a -f b` lines are written. */
  private docTexts(): { path: string; text: string }[] {
    return this.memo("docs", () =>
      this.files
        .filter((path) => /\.(md|rst|txt)$/i.test(path) && path.split("/").length <= 3 && !/requirements/i.test(path))
        .slice(0, 200)
        .flatMap((path) => {
          const text = this.workspace.read(path);
          return text === undefined ? [] : [{ path, text }];
        }),
    );
  }

  /**
   * The deployment the repository declares: processes, backing services and proxies across every
   * file kind. Rules get it as `deployment` in their context; the argument is ignored and kept only
   * so that older callers compile.
   */
  deployment(_model?: unknown): Deployment {
    return this.memo("deployment", () => {
      const files = this.files;
      return new Deployment({
        dockerfiles: this.dockerfiles(),
        compose: this.compose(),
        kubernetes: this.kubernetes(),
        helm: this.helmValues(),
        procfiles: this.procfiles(),
        systemd: this.systemdUnits(),
        supervisor: this.supervisor(),
        nginx: this.nginx(),
        caddy: this.caddy(),
        dotenv: this.dotenvFiles(),
        files,
        pgbouncerIni: files
          .filter((f) => /(^|\/)pgbouncer\.ini$/.test(f))
          .flatMap((path) => {
            const text = this.workspace.read(path);
            return text === undefined ? [] : [{ path, text }];
          }),
        readShell: (path) => this.workspace.read(path),
        gunicornConfig: (path, env) => this.gunicornConfig(path, env),
        roleOf: (path) => this.workspace.roles.of(path),
        composeStacks: composeStacksIn([
          ...this.texts("github-actions", "gitlab-ci", "jenkinsfile", "ci-other", "shell"),
          ...this.namedTexts(/^(Makefile|makefile|justfile|README(\.\w+)?|readme\.md|INSTALL(\.\w+)?)$/),
          ...this.docTexts(),
        ]),
      });
    });
  }

  /**
   * CI pipelines (GitHub Actions, .gitlab-ci.yml, Jenkinsfiles, CircleCI, Heroku CI's app.json
   * test environment) with what each job runs; repository scripts and Makefiles they call are read too.
   */
  ci(): CiPipeline[] {
    return this.memo("ci", () => {
      const readScript = (path: string) => (this.workspace.has(path) ? this.workspace.read(path) : undefined);
      const pipelines = this.texts("github-actions", "gitlab-ci", "jenkinsfile", "ci-other").flatMap(({ path, text }) => {
        const kind = this.workspace.files.find((f) => f.path === path)?.kind;
        if (kind === "gitlab-ci") return [parseGitlabCi(path, text, readScript)];
        if (kind === "jenkinsfile") return [parseJenkinsfile(path, text, readScript)];
        if (kind === "ci-other") return /(^|\/)\.circleci\/config\.ya?ml$/.test(path) ? [parseCircleCi(path, text, readScript)] : [];
        return [parseGithubWorkflow(path, text, readScript)];
      });
      const appJson = this.projectRoot === "." ? "app.json" : `${this.projectRoot}/app.json`;
      const appJsonText = this.workspace.has(appJson) ? this.workspace.read(appJson) : undefined;
      const heroku = appJsonText === undefined ? undefined : parseHerokuCi(appJson, appJsonText, readScript);
      return heroku ? [...pipelines, heroku] : pipelines;
    });
  }

  /** What git tracks and ignores in the audited folder (the index and every .gitignore; see discover/git.ts). */
  git(): GitView {
    return this.workspace.git();
  }

  /** The .dockerignore files, and BuildKit's per-Dockerfile ones (Dockerfile.dockerignore, app.Dockerfile.dockerignore). */
  dockerignores(): DockerignoreFile[] {
    return this.memo("dockerignores", () => {
      const own = this.files.filter((path) => /\.dockerignore$/i.test(path) && !/(^|\/)\.dockerignore$/.test(path));
      const extra = own.flatMap((path) => {
        const text = this.workspace.read(path);
        return text === undefined ? [] : [{ path, text }];
      });
      return [...this.texts("dockerignore"), ...extra].map(({ path, text }) => parseDockerignore(path, text));
    });
  }

  /** The project's own Python code (apps, models, URLconfs, folders), read for the checks Django decides by importing it. */
  code(): ProjectCode {
    return this.memo("code", () => new ProjectCode(this.workspace, this.parser, this.projectRoot, this.source));
  }

  /**
   * The Django version the project itself pins (its lock or requirements files), whatever
   * --django-version says: the flag picks the defaults to read the settings with, the pin is what
   * gets installed. Its source is "default" when nothing is pinned.
   */
  djangoPin(): DjangoVersionChoice {
    return this.memo("django-pin", () => chooseDjangoVersion(this.workspace, this.projectRoot));
  }
}
