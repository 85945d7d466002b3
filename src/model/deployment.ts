import { posix } from "node:path";
import type { CaddyConfig, CaddySiteModel } from "../artifacts/caddy/model.js";
import {
  APP_SERVERS,
  classifyCommand,
  option,
  type Program,
  parseCommandLine,
  parseShellScript,
  type SimpleCommand,
} from "../artifacts/command/parse.js";
import {
  type ComposeFile,
  type ComposeService,
  composeVariant,
  isDevelopmentVariant,
  mergeComposeFiles,
} from "../artifacts/compose/parse.js";
import { copiedFiles, type DockerfileModel, type DockerStage, finalStage } from "../artifacts/dockerfile/parse.js";
import type { GunicornConfig } from "../artifacts/gunicorn/parse.js";
import type { HelmValues, K8sContainer, K8sFile, K8sIngress, K8sWorkload } from "../artifacts/k8s/parse.js";
import { allLocations, type NginxConfig, type NginxLocation, type NginxServer } from "../artifacts/nginx/parse.js";
import type { SupervisorProgram } from "../artifacts/supervisor/parse.js";
import type { SystemdUnit } from "../artifacts/systemd/parse.js";
import type { Located } from "../artifacts/yaml/merge.js";

export type Platform = "dockerfile" | "compose" | "kubernetes" | "procfile" | "systemd" | "supervisor" | "helm";
export type Role = "web" | "worker" | "beat" | "release" | "migrate" | "other";

/** One simple command a process runs, with where it is written (a shell script's line when it comes from one). */
export interface Step {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly program: Program;
  readonly file: string;
  readonly line: number;
  /** The operator that joins it to the next step (`&&`, `;`...), null for the last. */
  readonly next: string | null;
}

export interface Replicas {
  /** The count; null when it is not a literal (a variable, an autoscaler without a maximum). */
  readonly value: number | null;
  readonly file: string;
  readonly line: number;
  /** Where it comes from: deploy.replicas, spec.replicas, an autoscaler's maxReplicas, numprocs... */
  readonly source: string;
}

export interface Supervision {
  readonly policy: string;
  /** Whether the process is restarted when it exits or crashes. */
  readonly restarts: boolean;
  readonly file: string;
  readonly line: number;
}

export interface HealthCheck {
  readonly kind: "http" | "exec" | "tcp" | "other";
  /** The Host header an HTTP probe sends, when it sets one. */
  readonly host?: Located<string>;
  readonly path?: string;
  readonly file: string;
  readonly line: number;
}

/** Where the project's files are inside the running process's filesystem. */
export interface Layout {
  /** Absolute folder that holds the project root (the folder with manage.py), when known. */
  readonly codeRoot: string | null;
  /** Mounted volumes: container path → whether it persists beyond the container. */
  readonly mounts: readonly {
    readonly target: string;
    readonly persistent: boolean;
    readonly shared: boolean;
    readonly file: string;
    readonly line: number;
  }[];
  /** Whether the root filesystem is thrown away with the container (containers) or a disk that lasts (systemd, supervisor). */
  readonly ephemeral: boolean;
}

/** A process the project runs in production: a web server, a worker, a scheduler, a release step. */
export interface Process {
  readonly name: string;
  readonly platform: Platform;
  readonly role: Role;
  readonly file: string;
  readonly line: number;
  readonly steps: readonly Step[];
  /** The step that keeps running (app server, worker, scheduler), when there is one. */
  readonly main: Step | undefined;
  readonly replicas: Replicas | undefined;
  readonly supervision: Supervision | undefined;
  readonly limits:
    | { readonly cpu: string | null; readonly memory: string | null; readonly file: string; readonly line: number }
    | undefined;
  /** Whether limits apply on this platform at all (a Procfile's dyno size is not in the repository). */
  readonly limitsApply: boolean;
  readonly healthchecks: readonly HealthCheck[];
  /** Whether health checks are configured on this platform (a Dockerfile HEALTHCHECK counts for compose). */
  readonly healthchecksApply: boolean;
  readonly environment: ReadonlyMap<string, { readonly value: string | null; readonly file: string; readonly line: number }>;
  readonly image: string | null;
  readonly layout: Layout;
  /** Declared in a development-only file (compose.dev.yml, docker-compose.local.yml...). */
  readonly development: boolean;
  /** The Dockerfile stage it runs, when known. */
  readonly dockerfile?: { readonly path: string; readonly stage: DockerStage };
  /** Kubernetes: the workload kind, for rules that care (a Job runs once). */
  readonly workloadKind?: string;
}

export type ServiceKind =
  | "postgres"
  | "pgbouncer"
  | "mysql"
  | "redis"
  | "memcached"
  | "rabbitmq"
  | "nginx"
  | "caddy"
  | "traefik"
  | "haproxy"
  | "certbot"
  | "elasticsearch";

/** A backing service or proxy the deployment runs: recognised by image and command. */
export interface BackingService {
  readonly kind: ServiceKind;
  readonly name: string;
  readonly platform: Platform;
  readonly file: string;
  readonly line: number;
  /** Host names the app can reach it by (compose service name, Kubernetes Service names). */
  readonly hosts: readonly string[];
  /** PgBouncer's pool mode from its environment (POOL_MODE, PGBOUNCER_POOL_MODE) or pgbouncer.ini. */
  readonly poolMode?: Located<string>;
  readonly replicas: Replicas | undefined;
  readonly development: boolean;
}

const SERVICE_IMAGES: [RegExp, ServiceKind][] = [
  [/pgbouncer/, "pgbouncer"],
  [/(^|\/)[\w.-]*-nginx$/, "nginx"],
  [/(^|\/)(postgres|postgis|timescaledb)[^/]*$|\/postgresql/, "postgres"],
  [/(^|\/)(mysql|mariadb)$/, "mysql"],
  [/(^|\/)(redis|valkey|keydb)(-stack)?$|bitnami\/redis/, "redis"],
  [/(^|\/)memcached$/, "memcached"],
  [/(^|\/)rabbitmq$/, "rabbitmq"],
  [/(^|\/)(nginx|nginx-unprivileged|openresty)$|nginxinc\//, "nginx"],
  [/(^|\/)caddy$/, "caddy"],
  [/(^|\/)traefik$/, "traefik"],
  [/(^|\/)haproxy$/, "haproxy"],
  // Certificate agents by name: "acme" alone would also match an organisation called acme (ghcr.io/acme/shop).
  [/certbot|(^|\/)(acme|acme\.sh|acme-sh|acme-companion)$/, "certbot"],
  [/elasticsearch|opensearch/, "elasticsearch"],
];

/** The kind of backing service an image runs, from its name without tag or registry port. */
export function serviceKindOfImage(image: string | null | undefined): ServiceKind | undefined {
  if (!image) return undefined;
  const name = image
    .replace(/\$\{[^}]*\}/g, "")
    .replace(/@.*$/, "")
    .replace(/:[^/:]*$/, "")
    .toLowerCase();
  return SERVICE_IMAGES.find(([pattern]) => pattern.test(name))?.[1];
}

const SERVICE_COMMANDS: Record<string, ServiceKind> = {
  postgres: "postgres",
  pgbouncer: "pgbouncer",
  "redis-server": "redis",
  memcached: "memcached",
  nginx: "nginx",
  caddy: "caddy",
  "rabbitmq-server": "rabbitmq",
  mysqld: "mysql",
};

function roleOfProgram(program: Program): Role | undefined {
  switch (program.kind) {
    case "gunicorn":
    case "uvicorn":
    case "hypercorn":
    case "daphne":
    case "granian":
    case "uwsgi":
    case "waitress":
      return "web";
    case "manage":
      if (program.command === "runserver" || program.command === "runserver_plus") return "web";
      if (program.command === "migrate") return "migrate";
      return undefined;
    case "celery":
      if (program.command === "worker") return "worker";
      if (program.command === "beat") return "beat";
      return undefined;
    case "rq":
      return program.command === "scheduler" ? "beat" : "worker";
    case "huey":
    case "django-q":
    case "dramatiq":
      return "worker";
    default:
      return undefined;
  }
}

/** Whether a step runs for as long as the process does (a server, a worker, a scheduler). */
export function isLongRunning(step: Step): boolean {
  const role = roleOfProgram(step.program);
  return role === "web" || role === "worker" || role === "beat";
}

/** An image reference without tag or digest: ghcr.io/me/app:1.0 → ghcr.io/me/app. */
function imageName(image: string): string {
  return image
    .replace(/@.*$/, "")
    .replace(/:[^/:]*$/, "")
    .replace(/:\$\{[^}]*\}?$/, "");
}

/** Registries where projects push their own images (public images mostly come from Docker Hub). */
const PROJECT_REGISTRY =
  /^(ghcr\.io|registry\.gitlab\.com|[\w.-]+\.amazonaws\.com|gcr\.io|[\w-]+\.gcr\.io|[\w-]+-docker\.pkg\.dev|[\w.-]+\.azurecr\.io|registry\.digitalocean\.com|localhost(:\d+)?|[\w.-]+\.(internal|local)(:\d+)?)\//;

/**
 * The images that run the project's code: those a compose service builds (build + image), and
 * those some service or container runs a Django command with (manage.py, celery, gunicorn...).
 * A service using one of them without a command runs the project's Dockerfile CMD.
 */
function projectImages(inputs: DeploymentInputs): Set<string> {
  const names = new Set<string>();
  const djangoish = (words: readonly string[], form: "exec" | "shell") => {
    const commands = (form === "exec" ? parseCommandLine(words) : parseCommandLine(words.join(" "))).commands;
    return commands.some((c) => {
      const kind = classifyCommand(c.argv).kind;
      return kind !== "other" && kind !== "script" && kind !== "exec-args";
    });
  };
  for (const file of inputs.compose) {
    for (const service of file.services) {
      if (!service.image) continue;
      const command = service.command ?? service.entrypoint;
      if (service.build || (command && djangoish(command.words, command.form))) names.add(imageName(service.image.value));
    }
  }
  for (const file of inputs.kubernetes) {
    for (const workload of file.workloads) {
      for (const container of [...workload.containers, ...workload.initContainers]) {
        const words = [...(container.command ?? []), ...(container.args ?? [])];
        if (container.image && words.length > 0 && djangoish(words, "exec")) names.add(imageName(container.image));
      }
    }
  }
  return names;
}

/** What the repository gives the deployment model: parsed files, and bounded reads for scripts. */
export interface DeploymentInputs {
  readonly dockerfiles: readonly DockerfileModel[];
  readonly compose: readonly ComposeFile[];
  readonly kubernetes: readonly K8sFile[];
  readonly helm: readonly HelmValues[];
  readonly procfiles: readonly { path: string; processes: readonly { name: string; command: string; line: number }[] }[];
  readonly systemd: readonly SystemdUnit[];
  readonly supervisor: readonly { path: string; programs: readonly SupervisorProgram[] }[];
  readonly nginx: readonly NginxConfig[];
  /** Caddyfiles, parsed (artifacts/caddy). */
  readonly caddy?: readonly CaddyConfig[];
  readonly files: readonly string[];
  /** .env files of the tree, for compose env_file. */
  readonly dotenv: readonly { path: string; entries: readonly { key: string; value: string; line: number }[] }[];
  /** pgbouncer.ini files: path → text. */
  readonly pgbouncerIni: readonly { path: string; text: string }[];
  readShell(path: string): string | undefined;
  /** A gunicorn config file evaluated with the variables the process sets on top of the audited environment. */
  gunicornConfig(path: string, processEnv: ReadonlyMap<string, string>): GunicornConfig | undefined;
  /** The role of a file (discover/file-roles.ts): what is declared in a development, test, CI-only or example file is not production. */
  roleOf?(path: string): { readonly role: string };
  /** Compose files that CI, scripts or docs use together (`docker compose -f a -f b`), merged as compose merges them. */
  readonly composeStacks?: readonly ComposeStack[];
}

/** Compose files used together on one command line, and where that line is. */
export interface ComposeStack {
  readonly files: readonly string[];
  readonly file: string;
  readonly line: number;
}

const COMPOSE_COMMAND = /\bdocker[- ]compose\b(.*)$/;

/**
 * The compose files each `docker compose -f a -f b` (or `docker-compose --file ...`) line merges,
 * relative to the repository root, where CI and scripts run them. Lines with one file merge nothing.
 */
export function composeStacksIn(texts: readonly { path: string; text: string }[]): ComposeStack[] {
  const out: ComposeStack[] = [];
  const seen = new Set<string>();
  for (const { path, text } of texts) {
    text.split(/\r\n|\r|\n/).forEach((line, index) => {
      const rest = COMPOSE_COMMAND.exec(line)?.[1];
      if (!rest) return;
      const files: string[] = [];
      const flag = /(?:^|\s)(?:-f|--file)(?:\s+|=)["']?([^\s"';|&)]+)/g;
      for (let match = flag.exec(rest); match; match = flag.exec(rest)) {
        const file = match[1] as string;
        if (/\$|\{|\*/.test(file)) return;
        files.push(posix.normalize(file.replace(/^\.\//, "")));
      }
      if (files.length < 2) return;
      const key = files.join("\0");
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ files, file: path, line: index + 1 });
    });
  }
  return out;
}

/** Scripts followed at most this deep (a script that runs a script...). */
const MAX_SCRIPT_DEPTH = 3;

/**
 * The production deployment as the repository declares it, across Dockerfiles, compose, Kubernetes,
 * Procfiles, systemd and supervisor: processes with their commands, replicas, supervision, limits
 * and health checks; backing services; reverse proxies. Built once per project from parsed artifacts.
 */
export class Deployment {
  readonly processes: Process[] = [];
  readonly services: BackingService[] = [];
  readonly nginx: readonly NginxConfig[];
  readonly ingresses: readonly K8sIngress[];
  readonly kubernetes: readonly K8sFile[];
  readonly helm: readonly HelmValues[];
  readonly compose: readonly ComposeFile[];
  readonly dockerfiles: readonly DockerfileModel[];
  readonly systemd: readonly SystemdUnit[];
  /** Compose files whose services make up the production stack (base plus override or production variant). */
  readonly productionCompose: readonly ComposeFile[];

  /**
   * The host names the deployment's own network resolves (compose services, Kubernetes Services and
   * workloads), with the files that declare them; an empty set when it declares none, since a bare
   * name may then resolve anywhere (Swarm, /etc/hosts, search domains).
   */
  serviceNames(): { names: Set<string>; related: { file: string; line: number; message: string }[]; where: string } {
    const names = new Set<string>();
    for (const file of this.productionCompose) for (const service of file.services) names.add(service.name);
    for (const file of this.kubernetes) {
      for (const service of file.services) names.add(service.name);
      for (const workload of file.workloads) names.add(workload.name);
    }
    const related = [
      ...this.productionCompose.map((f) => ({ file: f.path, line: 1, message: "compose services" })),
      ...this.kubernetes
        .filter((f) => f.services.length > 0 || f.workloads.length > 0)
        .map((f) => ({ file: f.path, line: 1, message: "Kubernetes objects" })),
    ];
    const compose = this.productionCompose.length > 0;
    const kubernetes = this.kubernetes.some((f) => f.services.length > 0 || f.workloads.length > 0);
    const where = compose && kubernetes ? "compose or Kubernetes" : compose ? "compose" : "Kubernetes";
    return { names, related, where };
  }

  /** Image names (without tag) that run the project's own code, see {@link projectImages}. */
  private readonly projectImageNames: ReadonlySet<string>;

  /** Files images copy to paths of their own (`/start-celeryworker`): image path → repository path. */
  private readonly imageCopies: ReadonlyMap<string, string>;

  constructor(private readonly inputs: DeploymentInputs) {
    this.imageCopies = this.copiesOfImages();
    this.projectImageNames = projectImages(inputs);
    this.nginx = inputs.nginx;
    this.kubernetes = inputs.kubernetes;
    this.ingresses = inputs.kubernetes.flatMap((f) => f.ingresses);
    this.helm = inputs.helm;
    this.compose = inputs.compose;
    this.dockerfiles = inputs.dockerfiles;
    this.systemd = inputs.systemd;
    const production: ComposeFile[] = [];
    this.fromCompose(production);
    this.productionCompose = production;
    this.fromDockerfiles();
    this.fromKubernetes();
    this.fromProcfiles();
    this.fromSystemd();
    this.fromSupervisor();
    // A process or service declared in a development, test, CI-only or example file is not production's.
    for (const [index, process] of this.processes.entries())
      if (!process.development && this.notProduction(process.file)) this.processes[index] = { ...process, development: true };
    for (const [index, service] of this.services.entries())
      if (!service.development && this.notProduction(service.file)) this.services[index] = { ...service, development: true };
  }

  // ------------------------------------------------------------------ queries

  /** Processes that run in production (development compose files left out). */
  get production(): Process[] {
    return this.processes.filter((p) => !p.development);
  }

  /** Production processes with this role. */
  withRole(...roles: Role[]): Process[] {
    return this.production.filter((p) => roles.includes(p.role));
  }

  /** Every production step, each once (a CMD inherited by several services is one place). */
  steps(): { step: Step; processes: Process[] }[] {
    const byPlace = new Map<string, { step: Step; processes: Process[] }>();
    for (const process of this.production) {
      for (const step of process.steps) {
        const key = `${step.file}:${step.line}:${step.argv.join(" ")}`;
        const entry = byPlace.get(key) ?? { step, processes: [] };
        entry.processes.push(process);
        byPlace.set(key, entry);
      }
    }
    return [...byPlace.values()];
  }

  /**
   * The names (without tag or digest, lower case) of the images production pulls to run the
   * project: compose services, Kubernetes containers, Helm values. `unknown` is true when one is
   * named by a variable (`${IMAGE}`), so any pushed image may be it.
   */
  productionImages(): { names: Set<string>; unknown: boolean } {
    const names = new Set<string>();
    let unknown = false;
    const add = (image: string | null | undefined) => {
      if (!image || serviceKindOfImage(image)) return;
      if (/\$\{?\w|\{\{/.test(image)) unknown = true;
      else names.add(imageName(image).toLowerCase());
    };
    for (const process of this.production) add(process.image);
    for (const values of this.helm) add(values.image);
    return { names, unknown };
  }

  /** Whether the repository declares any way of running the app in production. */
  get isDeclared(): boolean {
    return this.production.length > 0;
  }

  /** Production backing services of some kinds. */
  servicesOf(...kinds: ServiceKind[]): BackingService[] {
    return this.services.filter((s) => !s.development && kinds.includes(s.kind));
  }

  /** The highest literal replica count of a process; 1 when none is declared, null when unknown. */
  static count(process: Process): number | null {
    if (!process.replicas) return 1;
    return process.replicas.value;
  }

  /** nginx servers that pass requests on to an app server (proxy_pass or uwsgi_pass somewhere in them). */
  get proxyServers(): { config: NginxConfig; server: NginxServer; locations: NginxLocation[] }[] {
    const out: { config: NginxConfig; server: NginxServer; locations: NginxLocation[] }[] = [];
    for (const config of this.nginx) {
      for (const server of config.servers) {
        const locations = allLocations(server).filter((l) => l.proxyPass || l.uwsgiPass);
        if (locations.length > 0) out.push({ config, server, locations });
      }
    }
    return out;
  }

  /**
   * What stands in front of the app server: nginx configurations that proxy to it, a proxy service
   * (nginx, Caddy, Traefik, HAProxy), a Kubernetes Ingress, or a platform router (a Procfile).
   */
  get proxies(): { kind: string; file: string; line: number }[] {
    const out: { kind: string; file: string; line: number }[] = [];
    for (const { server } of this.proxyServers) out.push({ kind: "nginx", file: server.file, line: server.line });
    for (const service of this.servicesOf("nginx", "caddy", "traefik", "haproxy"))
      out.push({ kind: service.kind, file: service.file, line: service.line });
    for (const ingress of this.ingresses) out.push({ kind: "ingress", file: ingress.file, line: ingress.line });
    for (const helm of this.helm)
      if (helm.ingressHosts.length > 0) out.push({ kind: "ingress", file: helm.path, line: helm.ingressHosts[0]?.line ?? 1 });
    for (const process of this.production)
      if (process.platform === "procfile") out.push({ kind: "platform router", file: process.file, line: process.line });
    // A Caddyfile in the repository that proxies (`reverse_proxy app:8000`) fronts the app on a host
    // of its own (systemd, a VM) as much as in compose.
    for (const { site } of this.caddySites) {
      const first = site.reverseProxies[0];
      if (first) out.push({ kind: "caddy", file: first.file, line: first.line });
    }
    return out;
  }

  /** The production Caddyfiles (not a Caddyfile.dev, nor one in a development or test folder). */
  get caddyConfigs(): CaddyConfig[] {
    return (this.inputs.caddy ?? []).filter((config) =>
      this.inputs.roleOf
        ? !this.notProduction(config.path)
        : !/(^|[./-])(dev|local|test)([./-]|$)/i.test(config.path.split("/").pop() ?? ""),
    );
  }

  /** The sites of the production Caddyfiles. */
  get caddySites(): { config: CaddyConfig; site: CaddySiteModel }[] {
    return this.caddyConfigs.flatMap((config) => config.sites.map((site) => ({ config, site })));
  }

  /** The largest literal replica count among processes of a role; null when one is unknown; 0 when there are none. */
  maxReplicas(...roles: Role[]): { count: number | null; process: Process | undefined } {
    let best: { count: number | null; process: Process | undefined } = { count: 0, process: undefined };
    for (const process of this.withRole(...roles)) {
      const count = Deployment.count(process);
      if (count === null) return { count: null, process };
      if (best.count !== null && count > best.count) best = { count, process };
    }
    return best;
  }

  /** The evaluated gunicorn config a gunicorn step reads: --config/-c, else ./gunicorn.conf.py in its working folder. */
  gunicornConfigOf(process: Process, step: Step): GunicornConfig | undefined {
    if (step.program.kind !== "gunicorn") return undefined;
    const explicit = step.program.options.values.get("--config")?.at(-1) ?? step.program.options.values.get("-c")?.at(-1);
    const candidates: string[] = [];
    const repoDir = this.repoFolderOf(process);
    if (explicit?.startsWith("python:")) {
      // `--config python:mysite.gunicorn_conf` imports a module from the working folder or the code root.
      const module = explicit.slice("python:".length).replace(/\./g, "/");
      const roots = [repoDir, ...(process.layout.codeRoot ? [this.toRepoPath(process, process.layout.codeRoot) ?? repoDir] : [])];
      for (const root of roots) candidates.push(posix.join(root, `${module}.py`), posix.join(root, module, "__init__.py"));
    } else if (explicit !== undefined) {
      const relative = this.toRepoPath(process, explicit);
      if (relative) candidates.push(relative);
    } else {
      candidates.push(posix.join(repoDir, "gunicorn.conf.py"));
    }
    for (const candidate of candidates) {
      const normalized = posix.normalize(candidate).replace(/^\.\//, "");
      if (!this.inputs.files.includes(normalized)) continue;
      const env = new Map<string, string>();
      for (const [name, entry] of process.environment) if (entry.value !== null && !entry.value.includes("$")) env.set(name, entry.value);
      return this.inputs.gunicornConfig(normalized, env);
    }
    return undefined;
  }

  /**
   * How a process that starts as root gives it up: a user switch in its command or in a script it
   * runs (gosu, su-exec, s6-setuidgid, setpriv, runuser, chpst -u, su -c), gunicorn's `user` (workers
   * run as that user), uWSGI's `uid` (command line, UWSGI_UID, or its ini file). Undefined when none.
   */
  privilegeDrop(process: Process): { how: string; file: string; line: number } | undefined {
    const switchUser =
      /(^|[\s;&|"'])(gosu|su-exec|s6-setuidgid|setpriv\s+[^\n]*--reuid|runuser\s+-u|chpst\s+-u|su\s+\S+\s+-c|su\s+-c|sudo\s+-u)\b/;
    const scripts = new Set<string>();
    for (const step of process.steps) {
      if (step.file !== process.file) scripts.add(step.file);
      const program = step.program;
      if (program.kind === "gunicorn") {
        if (option(program.options, "-u", "--user") !== undefined) return { how: "gunicorn --user", file: step.file, line: step.line };
        const user = this.gunicornConfigOf(process, step)?.settings.get("user");
        if (user && user.value.kind !== "none")
          return { how: "gunicorn's user setting", file: user.origin?.file ?? step.file, line: user.origin?.line ?? step.line };
      }
      if (program.kind === "uwsgi") {
        if (option(program.options, "--uid") !== undefined) return { how: "uwsgi --uid", file: step.file, line: step.line };
        const env = process.environment.get("UWSGI_UID");
        if (env?.value) return { how: "UWSGI_UID", file: env.file, line: env.line };
        const ini = this.uwsgiIniOf(process, step);
        const line = ini?.lines.findIndex((l) => /^\s*uid\s*=\s*\S/.test(l)) ?? -1;
        if (ini && line >= 0) return { how: "uwsgi uid=", file: ini.path, line: line + 1 };
      }
    }
    for (const script of scripts) {
      const lines = this.inputs.readShell(script)?.split(/\r?\n/) ?? [];
      const index = lines.findIndex((l) => !/^\s*#/.test(l) && switchUser.test(l));
      if (index >= 0)
        return { how: (switchUser.exec(lines[index] as string)?.[2] ?? "").split(/\s/)[0] as string, file: script, line: index + 1 };
    }
    return undefined;
  }

  /** The ini file a uwsgi step loads (`uwsgi --ini x.ini`, `uwsgi /opt/app/docker/uwsgi.ini`), found in the repository. */
  uwsgiIniOf(process: Process, step: Step): { path: string; lines: string[] } | undefined {
    if (step.program.kind !== "uwsgi") return undefined;
    const ini = option(step.program.options, "--ini") ?? step.argv.find((w) => /\.ini$/.test(w));
    if (!ini) return undefined;
    // The build context may be above the Dockerfile (compose `context: ..`): fall back to the file
    // the image path ends with, as for scripts.
    const mapped = this.toRepoPath(process, ini);
    const path = mapped && this.inputs.files.includes(mapped) ? mapped : this.scriptPath(ini, this.repoFolderOf(process));
    const text = path ? this.inputs.readShell(path) : undefined;
    return path && text !== undefined ? { path, lines: text.split(/\r?\n/) } : undefined;
  }

  /** The repository folder a process runs in: the Dockerfile's build context, the compose file's folder... */
  repoFolderOf(process: Process): string {
    if (process.dockerfile) return posix.dirname(process.dockerfile.path);
    return posix.dirname(process.file);
  }

  /** A path as a process sees it, mapped back into the repository when the layout says how. */
  toRepoPath(process: Process, path: string): string | undefined {
    const repoDir = this.repoFolderOf(process);
    if (!path.startsWith("/")) return posix.normalize(posix.join(repoDir, path));
    const root = process.layout.codeRoot;
    if (root && (path === root || path.startsWith(`${root}/`))) return posix.normalize(posix.join(repoDir, path.slice(root.length)));
    return undefined;
  }

  // ------------------------------------------------------------------ building

  private steps_(commands: readonly SimpleCommand[], file: string, line: number, depth = 0, repoDir = "."): Step[] {
    const out: Step[] = [];
    for (const command of commands) {
      const program = classifyCommand(command.argv);
      if (program.kind === "script" && depth < MAX_SCRIPT_DEPTH) {
        const path = this.scriptPath(program.path, repoDir);
        const text = path ? this.inputs.readShell(path) : undefined;
        if (path && text !== undefined) {
          out.push({ argv: command.argv, env: command.env, program, file, line, next: command.next });
          for (const { line: scriptLine, command: inner } of parseShellScript(text)) {
            out.push(...this.steps_([inner], path, scriptLine, depth + 1, repoDir));
          }
          continue;
        }
      }
      out.push({ argv: command.argv, env: command.env, program, file, line, next: command.next });
    }
    return out;
  }

  /**
   * Where the Dockerfiles' COPY sources are in the repository: the source is relative to the build
   * context, which is the Dockerfile's folder or (compose `context: .` with a nested Dockerfile) the root.
   */
  private copiesOfImages(): Map<string, string> {
    const out = new Map<string, string>();
    const add = (target: string, file: string) => {
      if (!out.has(target)) out.set(target, file);
    };
    for (const dockerfile of this.inputs.dockerfiles) {
      const dir = posix.dirname(dockerfile.path);
      for (const copy of copiedFiles(dockerfile)) {
        for (const base of new Set([posix.normalize(posix.join(dir, copy.source)), posix.normalize(copy.source)])) {
          if (this.inputs.files.includes(base)) {
            add(copy.intoFolder ? posix.join(copy.target, posix.basename(base)) : copy.target, base);
            break;
          }
          // A folder: its contents land under the target, as Docker copies them.
          const inside = this.inputs.files.filter((f) => f.startsWith(`${base}/`));
          for (const file of inside) add(posix.join(copy.target, file.slice(base.length + 1)), file);
          if (inside.length > 0) break;
        }
      }
    }
    return out;
  }

  /** A script named in a command, found in the tree: `./entrypoint.sh`, `/app/docker/start.sh`, `sh scripts/run.sh`, a file COPY put at `/start`. */
  private scriptPath(path: string, repoDir: string): string | undefined {
    if (path.startsWith("/")) {
      const copied = this.imageCopies.get(posix.normalize(path));
      if (copied) return copied;
    }
    const clean = path.replace(/^\.\//, "");
    const direct = posix.normalize(posix.join(repoDir, clean));
    if (!path.startsWith("/") && this.inputs.files.includes(direct)) return direct;
    // An absolute path inside the image: match by the longest tail that exists in the tree.
    const parts = clean.replace(/^\//, "").split("/");
    for (let i = 0; i < parts.length; i++) {
      const tail = parts.slice(i).join("/");
      const candidate = posix.normalize(posix.join(repoDir, tail));
      if (this.inputs.files.includes(candidate)) return candidate;
      const anywhere = this.inputs.files.filter((f) => f === tail || f.endsWith(`/${tail}`));
      if (anywhere.length === 1 && i > 0) return anywhere[0];
    }
    return undefined;
  }

  private commandSteps(words: readonly string[], form: "exec" | "shell", file: string, line: number, repoDir: string): Step[] {
    const parsed = form === "exec" ? parseCommandLine(words) : parseCommandLine(words.join(" "));
    return this.steps_(parsed.commands, file, line, 0, repoDir);
  }

  /** ENTRYPOINT then CMD, as Docker runs them: an exec-form entrypoint gets CMD as its arguments. */
  private imageSteps(dockerfile: DockerfileModel, stage: DockerStage, override?: { entrypoint?: Step[]; command?: Step[] }): Step[] {
    const repoDir = posix.dirname(dockerfile.path);
    const last = (keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).pop();
    const entry = last("ENTRYPOINT");
    const cmd = last("CMD");
    const entrySteps =
      override?.entrypoint ??
      (entry?.command ? this.commandSteps(entry.command.words, entry.command.form, dockerfile.path, entry.line, repoDir) : []);
    const cmdSteps =
      override?.command ?? (cmd?.command ? this.commandSteps(cmd.command.words, cmd.command.form, dockerfile.path, cmd.line, repoDir) : []);
    if (entrySteps.length === 0) return cmdSteps;
    // An entrypoint that ends in `exec "$@"` (or any entrypoint in exec form) runs CMD afterwards.
    return [...entrySteps.filter((s) => s.program.kind !== "exec-args"), ...cmdSteps];
  }

  /**
   * Whether an image runs the project's code: one the repository builds or runs Django commands
   * with, one on a private registry or named by a variable, or the image of a service or pod whose
   * role says "the app" (a compose service called web/app/django..., a single-container pod).
   */
  private isProjectImage(image: string, hint = false): boolean {
    if (serviceKindOfImage(image)) return false;
    return hint || this.projectImageNames.has(imageName(image)) || PROJECT_REGISTRY.test(image) || /\$\{?\w/.test(imageName(image));
  }

  private layoutOfStage(dockerfile: DockerfileModel, stage: DockerStage | undefined): Layout {
    if (!stage) return { codeRoot: null, mounts: [], ephemeral: true };
    let workdir = "/";
    let codeRoot: string | null = null;
    const mounts: Layout["mounts"][number][] = [];
    for (const instruction of stage.instructions) {
      if (instruction.keyword === "WORKDIR" && instruction.args?.[0]) workdir = posix.resolve(workdir, instruction.args[0]);
      if ((instruction.keyword === "COPY" || instruction.keyword === "ADD") && instruction.args && instruction.args.length >= 2) {
        const from = instruction.flags?.from;
        const sources = instruction.args.slice(0, -1);
        const dest = posix.resolve(workdir, instruction.args[instruction.args.length - 1] as string);
        if (!from && sources.some((s) => s === "." || s === "./")) codeRoot = dest;
        // COPY --from=build /app /app copies what the build stage laid out.
        if (from && sources.length === 1) {
          const source = dockerfile.stages.find((s) => s.name === from);
          const sourceLayout = source && source !== stage ? this.layoutOfStage(dockerfile, source) : undefined;
          if (sourceLayout?.codeRoot && sources[0] === sourceLayout.codeRoot) codeRoot = dest;
        }
      }
      if (instruction.keyword === "VOLUME")
        for (const target of instruction.args ?? [])
          mounts.push({ target, persistent: false, shared: false, file: dockerfile.path, line: instruction.line });
    }
    return { codeRoot: codeRoot ?? null, mounts, ephemeral: true };
  }

  private dockerHealth(stage: DockerStage | undefined, file: string): HealthCheck[] {
    const health = stage?.instructions.filter((i) => i.keyword === "HEALTHCHECK").pop();
    if (!health || /^\s*NONE\b/i.test(health.text)) return [];
    return [{ kind: "exec", file, line: health.line }];
  }

  private finish(partial: Omit<Process, "role" | "main">, forcedRole?: Role): Process {
    const longRunning = [...partial.steps].reverse().find(isLongRunning);
    let role: Role = forcedRole ?? (longRunning ? (roleOfProgram(longRunning.program) as Role) : "other");
    if (!forcedRole && !longRunning && partial.steps.some((s) => roleOfProgram(s.program) === "migrate")) role = "migrate";
    return { ...partial, role, main: longRunning };
  }

  /** Whether a file's role (when the model gives one) is anything but production. */
  private notProduction(path: string): boolean {
    const role = this.inputs.roleOf?.(path).role;
    return role !== undefined && role !== "production";
  }

  private fromCompose(production: ComposeFile[]): void {
    const byPath = new Map(this.inputs.compose.map((f) => [f.path, f]));
    const stacked = new Set<string>();
    for (const stack of this.inputs.composeStacks ?? []) {
      const files = stack.files.map((path) => byPath.get(path));
      if (files.some((f) => f === undefined)) continue;
      const members = files as ComposeFile[];
      const development = members.some((f) => this.notProduction(f.path));
      if (!development) {
        for (const file of members) stacked.add(file.path);
        production.push(...members.filter((f) => !production.includes(f)));
      }
      for (const service of mergeComposeFiles(members)) this.addComposeService(service, development);
    }
    const byDir = new Map<string, ComposeFile[]>();
    for (const file of this.inputs.compose) {
      // Merged above as the repository runs them together.
      if (stacked.has(file.path)) continue;
      const dir = posix.dirname(file.path);
      byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
    }
    for (const files of byDir.values()) {
      const base = files
        .filter((f) => composeVariant(f.path).base)
        .sort((a, b) => (a.path.includes("docker-") ? 1 : 0) - (b.path.includes("docker-") ? 1 : 0))[0];
      const stacks: { files: ComposeFile[]; development: boolean }[] = [];
      const variants = files.filter((f) => f !== base);
      if (base) {
        const prod = variants.filter((f) => /(^|\.)(prod|production|live)(\.|$)/.test(composeVariant(f.path).variant ?? ""));
        // docker-compose.override.yml is what a bare `docker compose up` merges on a developer's machine, unless the configuration says production.
        const overrides = variants.filter(
          (f) => composeVariant(f.path).override && !isDevelopmentVariant(composeVariant(f.path).variant) && !this.notProduction(f.path),
        );
        // A development base (runserver over the checkout, a "development only" header) is never
        // part of production: the production file beside it stands alone, as
        // `docker compose -f compose.production.yaml` runs it; the base is a developer's stack.
        if (prod.length > 0 && this.notProduction(base.path)) {
          stacks.push({ files: [base], development: true });
          for (const file of prod) stacks.push({ files: [file], development: false });
        } else if (prod.length > 0) stacks.push({ files: [base, ...prod], development: false });
        else stacks.push({ files: [base, ...overrides.filter((f) => !composeVariant(f.path).variant)], development: false });
        for (const variant of variants) {
          const plainOverride = composeVariant(variant.path).override && !composeVariant(variant.path).variant;
          if (prod.includes(variant) || (plainOverride && overrides.includes(variant))) continue;
          stacks.push({ files: [base, variant], development: true });
        }
      } else {
        for (const variant of variants)
          stacks.push({ files: [variant], development: isDevelopmentVariant(composeVariant(variant.path).variant) });
      }
      for (const stack of stacks) {
        if (stack.files.some((f) => this.notProduction(f.path))) stack.development = true;
        if (!stack.development) production.push(...stack.files);
        for (const service of mergeComposeFiles(stack.files)) this.addComposeService(service, stack.development);
      }
    }
  }

  private dockerfileFor(buildContext: string, dockerfile: string | null): DockerfileModel | undefined {
    const path = posix.normalize(posix.join(buildContext, dockerfile ?? "Dockerfile"));
    return this.inputs.dockerfiles.find((d) => d.path === path);
  }

  private addComposeService(service: ComposeService, development: boolean): void {
    const dir = posix.dirname(service.file);
    const dockerfile = service.build ? this.dockerfileFor(posix.join(dir, service.build.context), service.build.dockerfile) : undefined;
    const stage = dockerfile
      ? service.build?.target
        ? dockerfile.stages.find((s) => s.name === service.build?.target)
        : finalStage(dockerfile)
      : undefined;
    const imageKind = serviceKindOfImage(service.image?.value) ?? (stage ? serviceKindOfImage(stage.image) : undefined);
    const commandKind = service.command
      ? SERVICE_COMMANDS[
          (
            parseCommandLine(service.command.form === "exec" ? service.command.words : service.command.words.join(" ")).commands[0]
              ?.argv[0] ?? ""
          )
            .split("/")
            .pop() ?? ""
        ]
      : undefined;
    const replicas: Replicas | undefined = service.replicas
      ? { value: service.replicas.value, file: service.replicas.file, line: service.replicas.line, source: "deploy.replicas" }
      : undefined;
    const kind = imageKind ?? commandKind;
    if (kind) {
      const env = new Map(service.environment.map((e) => [e.key, e]));
      const pool = env.get("POOL_MODE") ?? env.get("PGBOUNCER_POOL_MODE");
      this.services.push({
        kind,
        name: service.name,
        platform: "compose",
        file: service.file,
        line: service.line,
        hosts: [service.name],
        ...(pool?.value
          ? { poolMode: { value: pool.value, file: pool.file, line: pool.line } }
          : kind === "pgbouncer"
            ? this.pgbouncerIniPoolMode(dir)
            : {}),
        replicas,
        development,
      });
      return;
    }
    // An image the project builds elsewhere (ghcr.io/me/app) runs the project's Dockerfile when there is one.
    const appDockerfiles = this.inputs.dockerfiles.filter((d) => !serviceKindOfImage(finalStage(d)?.image));
    const appLike = /^(web|app|django|api|backend|site|server|wsgi|asgi|worker|celery|beat|scheduler|migrate|release)([-_]\w+)?$/i.test(
      service.name,
    );
    const ours = service.image ? this.isProjectImage(service.image.value, appLike) : false;
    const image = dockerfile ?? (ours && appDockerfiles.length === 1 ? appDockerfiles[0] : undefined);
    // A third-party image (mailpit, a metrics exporter...) is neither the app nor a service djship knows.
    if (!dockerfile && !service.command && !service.entrypoint && service.image && !ours) return;
    const imageStage = stage ?? (image ? finalStage(image) : undefined);
    const repoDir = image ? posix.dirname(image.path) : dir;
    const override: { entrypoint?: Step[]; command?: Step[] } = {};
    if (service.entrypoint)
      override.entrypoint = this.commandSteps(
        service.entrypoint.words,
        service.entrypoint.form,
        service.entrypoint.file,
        service.entrypoint.line,
        repoDir,
      );
    if (service.command)
      override.command = this.commandSteps(
        service.command.words,
        service.command.form,
        service.command.file,
        service.command.line,
        repoDir,
      );
    // Setting entrypoint in compose clears the image's CMD unless command is also set.
    if (service.entrypoint && !service.command) override.command = [];
    const steps =
      image && imageStage ? this.imageSteps(image, imageStage, override) : [...(override.entrypoint ?? []), ...(override.command ?? [])];
    const layout = image ? this.layoutOfStage(image, imageStage) : { codeRoot: null, mounts: [], ephemeral: true };
    const mounts = [
      ...layout.mounts,
      ...service.volumes.map((v) => ({
        target: v.target,
        persistent: v.type !== "tmpfs",
        shared: v.type === "bind" || v.type === "volume",
        file: v.file,
        line: v.line,
      })),
    ];
    const codeMount = service.volumes.find((v) => v.type === "bind" && (v.source === "." || v.source === "./"));
    const health = service.healthcheck
      ? service.healthcheck.disabled
        ? []
        : [{ kind: "exec" as const, file: service.healthcheck.file, line: service.healthcheck.line }]
      : this.dockerHealth(imageStage, image?.path ?? service.file);
    const restart = service.restartPolicy ?? service.restart;
    const environment = new Map<string, { value: string | null; file: string; line: number }>();
    for (const instruction of imageStage?.instructions ?? [])
      if (instruction.keyword === "ENV")
        for (const v of instruction.variables ?? []) environment.set(v.name, { value: v.value, file: image?.path ?? "", line: v.line });
    for (const envFile of service.envFiles) {
      const path = posix.normalize(posix.join(posix.dirname(envFile.file), envFile.value));
      for (const entry of this.inputs.dotenv.find((d) => d.path === path)?.entries ?? [])
        environment.set(entry.key, { value: entry.value, file: path, line: entry.line });
    }
    for (const e of service.environment)
      if (e.value !== null || !environment.has(e.key)) environment.set(e.key, { value: e.value, file: e.file, line: e.line });
    this.processes.push(
      this.finish({
        name: service.name,
        platform: "compose",
        file: service.command?.file ?? service.file,
        line: service.command?.line ?? service.line,
        steps,
        replicas,
        supervision: restart
          ? { policy: restart.value, restarts: !/^(no|none|"no")$/i.test(restart.value), file: restart.file, line: restart.line }
          : undefined,
        limits: service.limits
          ? { cpu: service.limits.cpus, memory: service.limits.memory, file: service.limits.file, line: service.limits.line }
          : undefined,
        limitsApply: true,
        healthchecks: health,
        healthchecksApply: true,
        environment,
        image: service.image?.value ?? null,
        layout: { codeRoot: codeMount ? codeMount.target : layout.codeRoot, mounts, ephemeral: true },
        development,
        ...(image && imageStage ? { dockerfile: { path: image.path, stage: imageStage } } : {}),
      }),
    );
  }

  private pgbouncerIniPoolMode(dir: string): { poolMode?: Located<string> } {
    for (const ini of this.inputs.pgbouncerIni) {
      if (!ini.path.startsWith(dir === "." ? "" : dir)) continue;
      const lines = ini.text.split(/\r?\n/);
      const index = lines.findIndex((l) => /^\s*pool_mode\s*=/.test(l));
      if (index >= 0) return { poolMode: { value: (lines[index] as string).split("=")[1]?.trim() ?? "", file: ini.path, line: index + 1 } };
    }
    return {};
  }

  private fromDockerfiles(): void {
    for (const dockerfile of this.inputs.dockerfiles) {
      const stage = finalStage(dockerfile);
      if (!stage) continue;
      const kind = serviceKindOfImage(stage.image);
      if (kind) continue;
      const steps = this.imageSteps(dockerfile, stage);
      if (steps.length === 0) continue;
      const cmd = stage.instructions.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT").pop();
      const environment = new Map<string, { value: string | null; file: string; line: number }>();
      for (const instruction of stage.instructions)
        if (instruction.keyword === "ENV")
          for (const v of instruction.variables ?? []) environment.set(v.name, { value: v.value, file: dockerfile.path, line: v.line });
      this.processes.push(
        this.finish({
          name: dockerfile.path,
          platform: "dockerfile",
          file: dockerfile.path,
          line: cmd?.line ?? stage.line,
          steps,
          replicas: undefined,
          supervision: undefined,
          limits: undefined,
          limitsApply: false,
          healthchecks: this.dockerHealth(stage, dockerfile.path),
          healthchecksApply: false,
          environment,
          image: null,
          layout: this.layoutOfStage(dockerfile, stage),
          development: this.inputs.roleOf
            ? this.notProduction(dockerfile.path)
            : /(^|[./-])(dev|local|test)([./-]|$)/i.test(posix.basename(dockerfile.path)),
          dockerfile: { path: dockerfile.path, stage },
        }),
      );
    }
  }

  private fromKubernetes(): void {
    const autoscalers = this.inputs.kubernetes.flatMap((f) => f.autoscalers);
    const services = this.inputs.kubernetes.flatMap((f) => f.services);
    for (const file of this.inputs.kubernetes) {
      for (const workload of file.workloads) {
        const hosts = services.filter((s) => Object.keys(s.selector).length > 0 && this.selects(s.selector, workload)).map((s) => s.name);
        const hpa = autoscalers.find((a) => a.target.name === workload.name && (!a.target.kind || a.target.kind === workload.kind));
        const replicas: Replicas | undefined = hpa
          ? { value: hpa.maxReplicas, file: hpa.file, line: hpa.line, source: "HorizontalPodAutoscaler maxReplicas" }
          : workload.replicas
            ? { ...workload.replicas, source: "spec.replicas" }
            : undefined;
        for (const container of workload.containers) this.addContainer(file, workload, container, replicas, hosts);
        for (const container of workload.initContainers) this.addContainer(file, workload, container, undefined, [], "release");
      }
    }
  }

  private selects(selector: Readonly<Record<string, string>>, workload: K8sWorkload): boolean {
    return Object.entries(selector).every(([k, v]) => workload.labels[k] === v);
  }

  private addContainer(
    file: K8sFile,
    workload: K8sWorkload,
    container: K8sContainer,
    replicas: Replicas | undefined,
    hosts: string[],
    forcedRole?: Role,
  ): void {
    const kind = serviceKindOfImage(container.image);
    // A Job running a postgres image is a one-off (a backup, a restore), not the database.
    if (kind && workload.kind !== "Job" && workload.kind !== "CronJob") {
      const pool = container.env.find((e) => e.name === "POOL_MODE" || e.name === "PGBOUNCER_POOL_MODE");
      this.services.push({
        kind,
        name: workload.name,
        platform: "kubernetes",
        file: workload.file,
        line: workload.line,
        hosts: [...hosts, workload.name],
        ...(pool?.value ? { poolMode: { value: pool.value, file: file.path, line: pool.line } } : {}),
        replicas,
        development: false,
      });
      return;
    }
    // An image the project builds (`app`, ghcr.io/me/app) runs its Dockerfile; a known service image does not.
    const appDockerfiles = this.inputs.dockerfiles.filter((d) => !serviceKindOfImage(finalStage(d)?.image));
    const ours = !kind && this.isProjectImage(container.image ?? "", workload.containers.length === 1 && forcedRole === undefined);
    const image = ours && appDockerfiles.length === 1 ? appDockerfiles[0] : undefined;
    if (!kind && !container.command && !container.args && !ours) return;
    const stage = image ? finalStage(image) : undefined;
    const repoDir = image ? posix.dirname(image.path) : ".";
    const override: { entrypoint?: Step[]; command?: Step[] } = {};
    // Kubernetes `command` replaces ENTRYPOINT, `args` replaces CMD.
    if (container.command) override.entrypoint = this.commandSteps(container.command, "exec", file.path, container.commandLine, repoDir);
    if (container.args) override.command = this.commandSteps(container.args, "exec", file.path, container.commandLine, repoDir);
    if (container.command && !container.args) override.command = [];
    let steps: Step[];
    if (container.command && container.args) {
      steps = this.commandSteps([...container.command, ...container.args], "exec", file.path, container.commandLine, repoDir);
    } else steps = image && stage ? this.imageSteps(image, stage, override) : [...(override.entrypoint ?? []), ...(override.command ?? [])];
    const layout = image ? this.layoutOfStage(image, stage) : { codeRoot: null, mounts: [], ephemeral: true };
    const volumeTypes = new Map(workload.volumes.map((v) => [v.name, v.type]));
    const environment = new Map<string, { value: string | null; file: string; line: number }>();
    // ConfigMaps in the tree are plain values; Secrets stay unknown (their data is not the real one).
    const configMaps = this.inputs.kubernetes.flatMap((f) => f.configs.filter((c) => c.kind === "ConfigMap"));
    for (const from of container.envFrom) {
      const map = from.kind === "configMap" ? configMaps.find((c) => c.name === from.name) : undefined;
      for (const entry of map?.data ?? [])
        environment.set(entry.key, { value: entry.value, file: map?.file ?? file.path, line: entry.line });
    }
    for (const e of container.env) {
      const map = e.from?.kind === "configMap" ? configMaps.find((c) => c.name === e.from?.name) : undefined;
      const entry = map?.data.find((d) => d.key === e.from?.key);
      environment.set(
        e.name,
        entry && map ? { value: entry.value, file: map.file, line: entry.line } : { value: e.value, file: file.path, line: e.line },
      );
    }
    const health: HealthCheck[] = container.probes.map((p) => {
      const host = p.headers.find((h) => h.name.toLowerCase() === "host");
      return {
        kind: p.type === "httpGet" ? "http" : p.type === "exec" ? "exec" : p.type === "tcpSocket" ? "tcp" : "other",
        ...(host ? { host: { value: host.value, file: file.path, line: host.line } } : {}),
        ...(p.path ? { path: p.path } : {}),
        file: file.path,
        line: p.line,
      };
    });
    const once = workload.kind === "Job" || workload.kind === "CronJob" || forcedRole === "release";
    const limits =
      container.resources && (container.resources.limits.cpu || container.resources.limits.memory)
        ? {
            cpu: container.resources.limits.cpu ?? null,
            memory: container.resources.limits.memory ?? null,
            file: file.path,
            line: container.resources.line,
          }
        : undefined;
    const process = this.finish(
      {
        name: `${workload.kind}/${workload.name}${workload.containers.length > 1 ? `/${container.name}` : ""}`,
        platform: "kubernetes",
        file: file.path,
        line: container.command || container.args ? container.commandLine : container.line,
        steps,
        replicas: once ? undefined : replicas,
        supervision:
          workload.kind === "Pod" && workload.restartPolicy === "Never"
            ? { policy: "Never", restarts: false, file: file.path, line: workload.line }
            : { policy: workload.restartPolicy ?? "Always", restarts: true, file: file.path, line: workload.line },
        limits,
        limitsApply: true,
        healthchecks: health,
        healthchecksApply: !once,
        environment,
        image: container.image,
        layout: {
          codeRoot: container.workingDir && layout.codeRoot === null ? null : layout.codeRoot,
          mounts: [
            ...layout.mounts,
            ...container.volumeMounts.map((m) => {
              const type = volumeTypes.get(m.name) ?? "unknown";
              return {
                target: m.mountPath,
                persistent: type !== "emptyDir",
                shared: type === "persistentVolumeClaim" || type === "nfs" || type === "csi",
                file: file.path,
                line: m.line,
              };
            }),
          ],
          ephemeral: true,
        },
        development: false,
        workloadKind: workload.kind,
        ...(image && stage ? { dockerfile: { path: image.path, stage } } : {}),
      },
      once && !forcedRole ? undefined : forcedRole,
    );
    // A Job or CronJob that migrates is a release step; other one-off jobs keep what their command says.
    this.processes.push(
      once && process.role !== "migrate" && process.role !== "release"
        ? {
            ...process,
            role: process.role === "web" ? "other" : process.role === "beat" || process.role === "worker" ? "other" : process.role,
          }
        : process,
    );
  }

  private fromProcfiles(): void {
    for (const procfile of this.inputs.procfiles) {
      for (const entry of procfile.processes) {
        const steps = this.steps_(parseCommandLine(entry.command).commands, procfile.path, entry.line, 0, posix.dirname(procfile.path));
        this.processes.push(
          this.finish(
            {
              name: entry.name,
              platform: "procfile",
              file: procfile.path,
              line: entry.line,
              steps,
              replicas: undefined,
              // Heroku, Dokku and Foreman restart crashed dynos themselves.
              supervision: { policy: "platform", restarts: true, file: procfile.path, line: entry.line },
              limits: undefined,
              limitsApply: false,
              healthchecks: [],
              healthchecksApply: false,
              environment: new Map(),
              image: null,
              layout: { codeRoot: "/app", mounts: [], ephemeral: true },
              development: this.inputs.roleOf ? this.notProduction(procfile.path) : /\.(dev|local|test)$/i.test(procfile.path),
            },
            entry.name === "release" ? "release" : undefined,
          ),
        );
      }
    }
  }

  private fromSystemd(): void {
    for (const unit of this.inputs.systemd) {
      if (unit.type !== "service") continue;
      const steps: Step[] = [];
      for (const exec of [...unit.execStartPre, ...unit.execStart])
        steps.push(...this.steps_(parseCommandLine(exec.value).commands, unit.path, exec.line, 0, posix.dirname(unit.path)));
      if (steps.length === 0) continue;
      const environment = new Map<string, { value: string | null; file: string; line: number }>();
      for (const e of unit.environment) environment.set(e.key, { value: e.value, file: unit.path, line: e.line });
      const timer = this.inputs.systemd.find((t) => t.type === "timer" && t.timerUnit === unit.name);
      this.processes.push(
        this.finish(
          {
            name: unit.name,
            platform: "systemd",
            file: unit.path,
            line: unit.execStart[0]?.line ?? 1,
            steps,
            replicas: undefined,
            supervision: unit.restart
              ? { policy: unit.restart.value, restarts: unit.restart.value !== "no", file: unit.path, line: unit.restart.line }
              : { policy: "no", restarts: false, file: unit.path, line: unit.execStart[0]?.line ?? 1 },
            limits: undefined,
            limitsApply: false,
            healthchecks: [],
            healthchecksApply: false,
            environment,
            image: null,
            layout: { codeRoot: unit.workingDirectory?.value ?? null, mounts: [], ephemeral: false },
            development: false,
          },
          timer ? "other" : undefined,
        ),
      );
    }
  }

  private fromSupervisor(): void {
    for (const file of this.inputs.supervisor) {
      for (const program of file.programs) {
        if (!program.command) continue;
        const steps = this.steps_(
          parseCommandLine(program.command.value).commands,
          file.path,
          program.command.line,
          0,
          posix.dirname(file.path),
        );
        const environment = new Map<string, { value: string | null; file: string; line: number }>();
        for (const e of program.environment) environment.set(e.key, { value: e.value, file: file.path, line: e.line });
        const autorestart = program.autorestart?.value.toLowerCase();
        this.processes.push(
          this.finish({
            name: program.name,
            platform: "supervisor",
            file: file.path,
            line: program.command.line,
            steps,
            replicas: program.numprocs
              ? { value: program.numprocs.value, file: file.path, line: program.numprocs.line, source: "numprocs" }
              : undefined,
            supervision: {
              policy: autorestart ?? "unexpected",
              restarts: autorestart !== "false",
              file: file.path,
              line: program.autorestart?.line ?? program.line,
            },
            limits: undefined,
            limitsApply: false,
            healthchecks: [],
            healthchecksApply: false,
            environment,
            image: null,
            layout: { codeRoot: program.directory?.value ?? null, mounts: [], ephemeral: false },
            development: false,
          }),
        );
      }
    }
  }
}

export { APP_SERVERS };
