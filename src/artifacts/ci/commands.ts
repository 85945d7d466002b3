import { parseShellScript } from "../command/parse.js";

/** What a CI step does, as far as the production checklist cares. */
export type CiActionKind =
  | "test"
  | "check-deploy"
  | "makemigrations-check"
  | "migrate"
  | "collectstatic"
  | "build-image"
  | "push-image"
  | "deploy";

export interface CiAction {
  readonly kind: CiActionKind;
  /** The program or action that does it, for messages: "pytest", "kubectl", "appleboy/ssh-action". */
  readonly tool: string;
  readonly line: number;
}

/** Reads a script of the repository (deploy/deploy.sh) so the commands it runs count too. */
export type ScriptReader = (path: string) => string | undefined;

/** Programs that install or print things: `pip install pytest` runs no test. */
const NOT_RUNNING = new Set([
  "pip",
  "pip3",
  "pipx",
  "apt-get",
  "apt",
  "apk",
  "yum",
  "dnf",
  "brew",
  "npm",
  "yarn",
  "pnpm",
  "echo",
  "printf",
  "cat",
  "grep",
  "which",
  "command",
  "cd",
  "export",
  "mkdir",
  "cp",
  "mv",
  "rm",
  "chmod",
  "ls",
  "tee",
]);

const KUBECTL_READ_ONLY = new Set([
  "get",
  "describe",
  "version",
  "config",
  "logs",
  "kustomize",
  "cluster-info",
  "auth",
  "explain",
  "diff",
  "top",
]);

/** Options of kubectl, oc and helm that take a value: `kubectl -n prod apply` has the subcommand apply. */
const VALUE_OPTIONS = new Set([
  "-n",
  "--namespace",
  "--context",
  "--kubeconfig",
  "-s",
  "--server",
  "--cluster",
  "--user",
  "--token",
  "--kube-context",
]);

/** The first word after the program that is not an option (nor an option's value). */
function subcommand(argv: readonly string[]): string {
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as string;
    if (!word.startsWith("-")) return word;
    if (!word.includes("=") && VALUE_OPTIONS.has(word)) i++;
  }
  return "";
}

function program(word: string | undefined): string {
  return (word ?? "").split("/").pop() ?? "";
}

/** Whether a command only installs or prints: the words after it are not run. */
function isInstallOrPrint(argv: readonly string[]): boolean {
  const first = program(argv[0]);
  if (NOT_RUNNING.has(first)) return true;
  if (/^python[\d.]*$/.test(first) && argv[1] === "-m" && (argv[2] === "pip" || argv[2] === "venv")) return true;
  if (first === "uv" && ["pip", "add", "sync", "lock", "venv", "tool"].includes(argv[1] ?? "")) return true;
  if ((first === "poetry" || first === "pdm" || first === "pipenv") && ["install", "add", "lock", "sync"].includes(argv[1] ?? ""))
    return true;
  return false;
}

/**
 * The checklist actions of one simple command. Commands run through wrappers count as what they
 * wrap: `docker compose run web python manage.py test`, `poetry run pytest`, `coverage run -m pytest`.
 */
export function classifyArgv(argv: readonly string[], env: Readonly<Record<string, string>> = {}): { kind: CiActionKind; tool: string }[] {
  if (argv.length === 0 || isInstallOrPrint(argv)) return [];
  const text = argv.join(" ");
  const first = program(argv[0]);
  const found: { kind: CiActionKind; tool: string }[] = [];
  const add = (kind: CiActionKind, tool: string) => {
    if (!found.some((f) => f.kind === kind)) found.push({ kind, tool });
  };
  // Django's own commands, however they are started (python manage.py, django-admin, inside docker).
  const django = /(?:^|[\s/])(?:manage\.py|django-admin)\s+(\S+)(.*)$/.exec(text);
  if (django) {
    const [, command, rest = ""] = django;
    if (command === "test") add("test", "manage.py test");
    // `check --deploy` exits non-zero on errors (and on warnings with --fail-level WARNING).
    if (command === "check" && /(^|\s)--deploy\b/.test(rest)) add("check-deploy", "manage.py check --deploy");
    // `makemigrations --check` exits non-zero when a model change has no migration (Django 4.2+ without writing it).
    if (command === "makemigrations" && /(^|\s)--check\b/.test(rest)) add("makemigrations-check", "manage.py makemigrations --check");
    if (command === "migrate") add("migrate", "manage.py migrate");
    if (command === "collectstatic") add("collectstatic", "manage.py collectstatic");
  }
  const runner = /(?:^|\s)(pytest|py\.test|tox|nox)(?:\s|$)/.exec(text) ?? /(?:^|\s)-m\s+(pytest|tox|nox)(?:\s|$)/.exec(text);
  if (runner) add("test", runner[1] === "py.test" ? "pytest" : (runner[1] as string));
  if (/(?:^|\s)(?:\S*\/)?runtests\.py(?:\s|$)/.test(text)) add("test", "runtests.py");
  const task = /^(make|just|invoke|inv|task)\s+(?:-\S+\s+)*(test|tests|check|ci)(?:\s|$)/.exec(text);
  if (task) add("test", `${task[1]} ${task[2]}`);
  const script = /^(hatch|pdm|poetry|uv|pipenv|rye|npm)\s+run\s+(test|tests)(?:\s|$)/.exec(text);
  if (script) add("test", `${script[1]} run ${script[2]}`);

  // Images.
  if (/^(docker|podman)\s+(?:buildx\s+)?build\b/.test(text) || /^(docker|podman)[\s-]compose\b.*\sbuild\b/.test(text)) {
    add("build-image", `${first} build`);
    if (/\s--push\b/.test(text)) add("push-image", `${first} build --push`);
  }
  if (/^buildah\s+(bud|build)\b/.test(text) || /^pack\s+build\b/.test(text)) add("build-image", first);
  if (first === "executor" && /\/kaniko\//.test(argv[0] ?? "")) {
    add("build-image", "kaniko");
    if (!/\s--no-push\b/.test(text)) add("push-image", "kaniko");
  }
  if (/^(docker|podman|buildah)\s+push\b/.test(text) || /^crane\s+(push|copy|cp)\b/.test(text) || /^skopeo\s+copy\b/.test(text))
    add("push-image", `${first} push`);

  // Deployments.
  const sub = subcommand(argv);
  if (first === "ssh" || first === "sshpass" || first === "scp") add("deploy", first);
  if (first === "rsync" && argv.slice(1).some((a) => /^[^-][^/]*:/.test(a))) add("deploy", "rsync");
  if ((first === "kubectl" || first === "oc") && sub && !sub.startsWith("-") && !KUBECTL_READ_ONLY.has(sub)) add("deploy", first);
  if (first === "helm" && ["upgrade", "install", "rollback"].includes(sub)) add("deploy", "helm");
  if (first === "helmfile" && ["apply", "sync", "deploy"].includes(sub)) add("deploy", "helmfile");
  if ((first === "fly" || first === "flyctl") && sub === "deploy") add("deploy", "flyctl");
  if (first === "heroku" && /^(container:release|releases:|builds:create|deploy)/.test(sub)) add("deploy", "heroku");
  if (first === "git" && sub === "push" && argv.slice(2).some((a) => /heroku|dokku|render|production|prod\b|live/.test(a)))
    add("deploy", "git push");
  if (first === "render" && /deploy/.test(text)) add("deploy", "render");
  if (first === "curl" && /render\.com\/deploy|deploy[_-]?hook/i.test(text)) add("deploy", "deploy hook");
  if (first === "terraform" && (sub === "apply" || sub === "destroy")) add("deploy", "terraform apply");
  if (first === "tofu" && sub === "apply") add("deploy", "tofu apply");
  if (first === "pulumi" && sub === "up") add("deploy", "pulumi up");
  if (first === "cdk" && sub === "deploy") add("deploy", "cdk deploy");
  if ((first === "serverless" || first === "sls") && sub === "deploy") add("deploy", first);
  if (first === "zappa" && (sub === "update" || sub === "deploy")) add("deploy", "zappa");
  if (first === "ansible-playbook" || first === "ansible") add("deploy", first);
  if (
    first === "aws" &&
    /\b(ecs\s+update-service|deploy\s+create-deployment|elasticbeanstalk|lambda\s+update-function-code|apprunner\s+start-deployment)\b/.test(
      text,
    )
  )
    add("deploy", "aws");
  if (first === "eb" && sub === "deploy") add("deploy", "eb deploy");
  if (first === "gcloud" && /\b(run\s+deploy|app\s+deploy|run\s+services\s+update)\b/.test(text)) add("deploy", "gcloud");
  if (first === "az" && /\b(webapp|containerapp|functionapp)\b.*\b(up|deploy|update)\b/.test(text)) add("deploy", "az");
  if ((first === "kamal" || first === "cap" || first === "fab" || first === "dokku") && /deploy/.test(text)) add("deploy", first);
  if (first === "docker" && /\bstack\s+deploy\b/.test(text)) add("deploy", "docker stack deploy");
  if (
    (first === "docker" || first === "docker-compose") &&
    /\bup\b/.test(text) &&
    (/^ssh:\/\//.test(env.DOCKER_HOST ?? "") || /\s(-H|--host)\s+ssh:\/\//.test(text))
  )
    add("deploy", "docker compose over ssh");
  return found;
}

/**
 * The actions of a shell snippet (a `run:` block, a GitLab `script` line, a Jenkins `sh` step).
 * `line` is the line of the snippet's first line in its file. A script of the repository that the
 * snippet runs (./deploy.sh) is read once and its actions count, at the line that runs it.
 */
export function classifyShell(text: string, line: number, readScript?: ScriptReader, depth = 0): CiAction[] {
  const actions: CiAction[] = [];
  for (const { line: offset, command } of parseShellScript(text)) {
    const at = line + offset - 1;
    for (const action of classifyArgv(command.argv, command.env)) actions.push({ ...action, line: at });
    const target = scriptPath(command.argv);
    if (!target) continue;
    const body = depth === 0 && readScript ? readScript(target) : undefined;
    const inner = body === undefined ? [] : classifyShell(body, 1, undefined, depth + 1);
    for (const action of inner) {
      if (!actions.some((a) => a.kind === action.kind && a.line === at))
        actions.push({ kind: action.kind, tool: `${action.tool} in ${target}`, line: at });
    }
    // A script named for deploying deploys, even when djship cannot read it.
    if (/(^|[/_.-])deploy/i.test(target) && !actions.some((a) => a.kind === "deploy" && a.line === at))
      actions.push({ kind: "deploy", tool: target, line: at });
  }
  return actions;
}

/** The repository script a command runs: `./deploy.sh`, `bash scripts/deploy.sh`, `deploy/deploy.sh prod`. */
function scriptPath(argv: readonly string[]): string | undefined {
  let word = argv[0];
  if ((word === "bash" || word === "sh") && argv[1] && !argv[1].startsWith("-")) word = argv[1];
  if (!word || word.startsWith("$") || word.startsWith("/")) return undefined;
  if (!/\.(sh|bash)$/.test(word) && !word.includes("/")) return undefined;
  return word.replace(/^\.\//, "");
}
