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
  | "deploy"
  /** Starts a throwaway Kubernetes cluster on the runner (kind, minikube, k3d): kubectl and helm after it deploy nothing. */
  | "local-cluster";

export interface CiAction {
  readonly kind: CiActionKind;
  /** The program or action that does it, for messages: "pytest", "kubectl", "appleboy/ssh-action". */
  readonly tool: string;
  readonly line: number;
  /** build-image and push-image: the image references (tags) built or pushed, as written. */
  readonly images?: readonly string[];
  /** build-image: the build context folder relative to the repository root ("" for the root), when known. */
  readonly context?: string;
  /** build-image: the Dockerfile, relative to the repository root, when given (`-f`, `file:`). */
  readonly dockerfile?: string;
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

/** `docker build -t app:1 -f docker/Dockerfile .`: the tags, the Dockerfile and the context folder. */
function dockerBuildArgs(argv: readonly string[]): { images: string[]; context?: string; dockerfile?: string } {
  const images: string[] = [];
  let dockerfile: string | undefined;
  const positional: string[] = [];
  const start = argv[1] === "buildx" ? 3 : 2;
  for (let i = start; i < argv.length; i++) {
    const word = argv[i] as string;
    const [flag, inline] =
      word.startsWith("--") && word.includes("=")
        ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
        : [word, undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "-t" || flag === "--tag") images.push(value());
    else if (flag === "-f" || flag === "--file") dockerfile = value();
    else if (
      /^(--build-arg|--target|--platform|--cache-from|--cache-to|--label|--secret|--ssh|--network|--output|-o|--progress|--builder|--build-context|--iidfile|--metadata-file|--add-host)$/.test(
        flag,
      ) &&
      inline === undefined
    )
      i++;
    else if (!word.startsWith("-")) positional.push(word);
  }
  const context = positional[0];
  return {
    images,
    ...(context !== undefined && !/^(https?:|git@|-$)/.test(context) ? { context: repositoryFolder(context) } : {}),
    ...(dockerfile !== undefined && dockerfile !== "-" ? { dockerfile: repositoryFolder(dockerfile) } : {}),
  };
}

/** A path as a CI step writes it (`./docker`, `.`), relative to the repository root ("" for the root). */
export function repositoryFolder(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\/+$/, "").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
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

/** `make test`, `just check`, `make coveragetest`, `make test_coverage`, `task unit-tests`: a target named for the tests. */
const TEST_TASK =
  /^(make|gmake|just|invoke|inv|task)\s+(?:-\S+\s+)*(check|ci|(?:coverage|unit|integration|api|e2e|functional|django|py)?[-_.]?tests?(?:[-_.][\w.-]*)?)(?:\s|$)/;

/**
 * The checklist actions of one simple command. Commands run through wrappers count as what they
 * wrap: `docker compose run web python manage.py test`, `poetry run pytest`, `coverage run -m pytest`.
 */
export function classifyArgv(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Omit<CiAction, "line">[] {
  if (argv.length === 0 || isInstallOrPrint(argv)) return [];
  const text = argv.join(" ");
  const first = program(argv[0]);
  const found: Omit<CiAction, "line">[] = [];
  const add = (kind: CiActionKind, tool: string, details: Partial<Omit<CiAction, "kind" | "tool" | "line">> = {}) => {
    if (!found.some((f) => f.kind === kind)) found.push({ kind, tool, ...details });
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
  const testScript = /(?:^|\s)(?:\S*\/)?(runtests|run_tests|run-tests)\.py(?:\s|$)/.exec(text);
  if (testScript) add("test", `${testScript[1]}.py`);
  // A task runner's target named for the tests, also inside a wrapper (`docker compose run web make
  // coveragetest`, `poetry run task test`, taskipy's runner): with the Makefile at hand its recipe
  // decides instead (classifyShell). Not `latest` or `attest`: the name must be about tests.
  const task = TEST_TASK.exec(innerCommand(argv).join(" "));
  if (task) add("test", `${task[1]} ${task[2]}`);
  const script = /^(hatch|pdm|poetry|uv|pipenv|rye|npm)\s+run\s+(test|tests)(?:\s|$)/.exec(text);
  if (script) add("test", `${script[1]} run ${script[2]}`);

  // Images.
  if (/^(docker|podman)\s+(?:buildx\s+)?build\b/.test(text)) {
    const build = dockerBuildArgs(argv);
    add("build-image", `${first} build`, build);
    if (/\s--push\b/.test(text)) add("push-image", `${first} build --push`, { images: build.images });
  } else if (/^(docker|podman)[\s-]compose\b.*\sbuild\b/.test(text)) {
    add("build-image", `${first} build`);
    if (/\s--push\b/.test(text)) add("push-image", `${first} build --push`);
  }
  if (/^buildah\s+(bud|build)\b/.test(text) || /^pack\s+build\b/.test(text)) add("build-image", first);
  if (first === "executor" && /\/kaniko\//.test(argv[0] ?? "")) {
    add("build-image", "kaniko");
    if (!/\s--no-push\b/.test(text)) add("push-image", "kaniko");
  }
  if (/^(docker|podman|buildah)\s+push\b/.test(text) || /^crane\s+(push|copy|cp)\b/.test(text) || /^skopeo\s+copy\b/.test(text))
    add("push-image", `${first} push`, {
      images: argv
        .slice(2)
        .filter((a) => !a.startsWith("-"))
        .slice(0, 1),
    });

  // Deployments.
  const sub = subcommand(argv);
  if (
    (first === "kind" && sub === "create") ||
    (first === "minikube" && sub === "start") ||
    (first === "k3d" && sub === "cluster" && argv.includes("create")) ||
    (first === "ctlptl" && sub === "create") ||
    (first === "microk8s" && (sub === "start" || sub === "install"))
  )
    add("local-cluster", first);
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
  // Without an inventory (-i, ANSIBLE_INVENTORY) Ansible knows only the implicit localhost, which on a
  // CI runner is the runner itself: awx's smoke test and release-staging playbooks deploy nothing.
  // https://docs.ansible.com/ansible/latest/inventory/implicit_localhost.html
  if (
    (first === "ansible-playbook" || first === "ansible") &&
    (argv.some((a) => /^(-i|--inventory(-file)?)(=|$)|^-i\S/.test(a)) || /\bANSIBLE_INVENTORY=/.test(text))
  )
    add("deploy", first);
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

/** Scripts and Makefile targets followed at most this deep (a script that runs a script...). */
const MAX_DEPTH = 3;

/**
 * GitHub Actions expressions (`${{ matrix.python }}`) are substituted by the runner before the
 * shell sees the text; one left in the text would make the shell parser give up on the line. A
 * neutral word keeps the rest of the command readable: `${{ env.PY }} -m pytest` still runs pytest.
 */
export function neutralizeExpressions(text: string): string {
  return text.replace(/\$\{\{[\s\S]*?\}\}/g, "GHA_EXPRESSION");
}

/** Wrappers that run a command somewhere else: the command they run is what the step does. */
function innerCommand(argv: readonly string[]): readonly string[] {
  const first = program(argv[0]);
  let rest: readonly string[] | undefined;
  if ((first === "docker" || first === "podman") && argv[1] === "compose") rest = afterService(argv.slice(2));
  else if (first === "docker-compose" || first === "podman-compose") rest = afterService(argv.slice(1));
  else if ((first === "docker" || first === "podman") && (argv[1] === "run" || argv[1] === "exec")) rest = afterImage(argv.slice(2));
  else if (["poetry", "pipenv", "uv", "hatch", "pdm", "rye"].includes(first) && argv[1] === "run")
    rest = argv.slice(2).filter((w, i, all) => !(i === 0 && w.startsWith("-") && all.length > 1));
  return rest && rest.length > 0 ? rest : argv;
}

/** Options of `docker compose run/exec` and `docker run` that take a value. */
const CONTAINER_VALUE_OPTIONS =
  /^(-e|--env|-u|--user|-w|--workdir|-v|--volume|-p|--publish|--name|--entrypoint|-l|--label|--network|--env-file|-f|--file|-p|--project-name|--profile)$/;

/** `run [options] service cmd...` or `exec [options] service cmd...` after `docker compose [global options]`. */
function afterService(words: readonly string[]): readonly string[] | undefined {
  let i = 0;
  while (i < words.length && (words[i] as string).startsWith("-")) i += CONTAINER_VALUE_OPTIONS.test(words[i] as string) ? 2 : 1;
  if (words[i] !== "run" && words[i] !== "exec") return undefined;
  return afterImage(words.slice(i + 1));
}

function afterImage(words: readonly string[]): readonly string[] | undefined {
  let i = 0;
  while (i < words.length && (words[i] as string).startsWith("-"))
    i += CONTAINER_VALUE_OPTIONS.test(words[i] as string) && !(words[i] as string).includes("=") ? 2 : 1;
  return i + 1 < words.length ? words.slice(i + 1) : undefined;
}

/**
 * The actions of a shell snippet (a `run:` block, a GitLab `script` line, a Jenkins `sh` step).
 * `line` is the line of the snippet's first line in its file. A script of the repository that the
 * snippet runs (./deploy.sh, `docker compose run web ./run_tests.sh`) and the Makefile targets of
 * `make test` are read and their actions count, at the line that runs them.
 */
export function classifyShell(text: string, line: number, readScript?: ScriptReader, depth = 0): CiAction[] {
  const actions: CiAction[] = [];
  const addInner = (inner: readonly CiAction[], at: number, where: string) => {
    for (const action of inner)
      if (!actions.some((a) => a.kind === action.kind && a.line === at))
        actions.push({ ...action, tool: `${action.tool.replace(/ in .*$/, "")} in ${where}`, line: at });
  };
  for (const { line: offset, command } of parseShellScript(neutralizeExpressions(text))) {
    const at = line + offset - 1;
    const make = depth < MAX_DEPTH && readScript ? makeRecipes(innerCommand(command.argv), readScript) : undefined;
    const own = classifyArgv(command.argv, command.env);
    // With the Makefile at hand its recipe says what `make test` does, not the target's name.
    for (const action of make ? own.filter((a) => !a.tool.startsWith("make ")) : own) actions.push({ ...action, line: at });
    if (make) addInner(classifyShell(make.recipe, 1, readScript, depth + 1), at, make.file);
    const target = scriptPath(innerCommand(command.argv));
    if (!target) continue;
    const body = depth < MAX_DEPTH && readScript ? readScript(target) : undefined;
    if (body !== undefined) addInner(classifyShell(body, 1, readScript, depth + 1), at, target);
    // A script named for deploying deploys, even when djship cannot read it.
    if (/(^|[/_.-])deploy/i.test(target) && !actions.some((a) => a.kind === "deploy" && a.line === at))
      actions.push({ kind: "deploy", tool: target, line: at });
  }
  return actions;
}

/**
 * The recipes `make [-C dir] [-f file] targets` runs, read from the Makefile with the targets'
 * prerequisites and `$(MAKE) target` calls followed, simple variables expanded. Undefined when the
 * command is not make or the Makefile cannot be read.
 */
function makeRecipes(argv: readonly string[], readScript: ScriptReader): { file: string; recipe: string } | undefined {
  const first = program(argv[0]);
  if (first !== "make" && first !== "gmake") return undefined;
  let dir = "";
  let file: string | undefined;
  const goals: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "-C" || word === "--directory") dir = argv[++i] ?? "";
    else if (word === "-f" || word === "--file" || word === "--makefile") file = argv[++i];
    else if (word.startsWith("-C") && word.length > 2) dir = word.slice(2);
    else if (word.startsWith("-")) continue;
    else if (!/^\w+=/.test(word)) goals.push(word);
  }
  const join = (name: string) => (dir ? `${dir.replace(/\/$/, "")}/${name}` : name).replace(/^\.\//, "");
  const candidates = file ? [join(file)] : ["GNUmakefile", "makefile", "Makefile"].map(join);
  for (const path of candidates) {
    const text = readScript(path);
    if (text === undefined) continue;
    const makefile = parseMakefile(text);
    const wanted = goals.length > 0 ? goals : makefile.first ? [makefile.first] : [];
    const recipe: string[] = [];
    const seen = new Set<string>();
    const visit = (target: string, level: number) => {
      if (seen.has(target) || level > 8) return;
      seen.add(target);
      const rule = makefile.rules.get(target);
      if (!rule) return;
      for (const prerequisite of rule.prerequisites) visit(prerequisite, level + 1);
      for (const command of rule.recipe) {
        const expanded = makefile.expand(command);
        const sub = /^(?:\$\(MAKE\)|\$\{MAKE\}|make)\s+(?:-\S+\s+)*([\w.-]+)\s*$/.exec(command.trim());
        if (sub?.[1] && makefile.rules.has(sub[1])) visit(sub[1], level + 1);
        else recipe.push(expanded);
      }
    };
    for (const goal of wanted) visit(goal, 0);
    return { file: path, recipe: recipe.join("\n") };
  }
  return undefined;
}

interface Makefile {
  readonly rules: ReadonlyMap<string, { prerequisites: string[]; recipe: string[] }>;
  readonly first: string | undefined;
  expand(text: string): string;
}

/** Rules, recipes and simple variables of a Makefile: enough to tell what a target runs. */
export function parseMakefile(text: string): Makefile {
  const rules = new Map<string, { prerequisites: string[]; recipe: string[] }>();
  const variables = new Map<string, string>();
  let first: string | undefined;
  let current: { prerequisites: string[]; recipe: string[] }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    while (line.endsWith("\\") && i + 1 < lines.length) line = `${line.slice(0, -1)} ${(lines[++i] as string).trim()}`;
    if (line.startsWith("\t")) {
      // `@` (silent), `-` (ignore errors) and `+` prefix a recipe line without changing what it runs.
      const command = line.trim().replace(/^[@+-]+/, "");
      if (command) for (const rule of current) rule.recipe.push(command);
      continue;
    }
    const trimmed = line.replace(/#.*$/, "").trim();
    if (!trimmed) continue;
    const assignment = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(?:[:?+!]|::)?=\s*(.*)$/.exec(trimmed);
    if (assignment) {
      const [, name = "", value = ""] = assignment;
      if (!trimmed.includes("?=") || !variables.has(name)) variables.set(name, value.trim());
      current = [];
      continue;
    }
    const rule = /^([^:=]+?)\s*::?\s*([^=]*)$/.exec(trimmed);
    if (!rule) {
      current = [];
      continue;
    }
    const targets = (rule[1] ?? "").split(/\s+/).filter(Boolean);
    const [prerequisitesText = "", inlineRecipe] = (rule[2] ?? "").split(";");
    const prerequisites = prerequisitesText.split(/\s+/).filter((p) => p && p !== "|");
    current = [];
    for (const target of targets) {
      if (target === ".PHONY" || target.startsWith(".") || target.includes("%")) continue;
      const entry = rules.get(target) ?? { prerequisites: [], recipe: [] };
      entry.prerequisites.push(...prerequisites);
      if (inlineRecipe?.trim()) entry.recipe.push(inlineRecipe.trim());
      rules.set(target, entry);
      current.push(entry);
      first ??= target;
    }
  }
  const expand = (value: string, level = 0): string =>
    level > 5
      ? value
      : value.replace(/\$[({]([A-Za-z_][\w.-]*)[)}]/g, (match, name: string) => {
          const defined = variables.get(name);
          return defined === undefined ? match : expand(defined, level + 1);
        });
  return { rules, first, expand };
}

/** The repository script a command runs: `./deploy.sh`, `bash scripts/deploy.sh`, `deploy/deploy.sh prod`. */
function scriptPath(argv: readonly string[]): string | undefined {
  let word = argv[0];
  if ((word === "bash" || word === "sh") && argv[1] && !argv[1].startsWith("-")) word = argv[1];
  if (!word || word.startsWith("$") || word.startsWith("/")) return undefined;
  if (!/\.(sh|bash)$/.test(word) && !word.includes("/")) return undefined;
  return word.replace(/^\.\//, "");
}

/**
 * A job's steps without the kubectl/helm deploys that follow a throwaway cluster the job started
 * on the runner itself (`kind create cluster`, helm/kind-action): a chart tested there reaches no user.
 */
export function withoutLocalClusterDeploys<S extends { readonly actions: readonly CiAction[] }>(steps: readonly S[]): S[] {
  const started = steps.flatMap((s) => s.actions).find((a) => a.kind === "local-cluster");
  if (!started) return [...steps];
  return steps.map((step) => ({
    ...step,
    actions: step.actions.filter((a) => !(a.kind === "deploy" && a.line >= started.line && /^(kubectl|helm|helmfile|oc)\b/.test(a.tool))),
  }));
}
