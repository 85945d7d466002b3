import { type Document, isMap, isScalar, isSeq, type Node, Scalar } from "yaml";
import { entriesOf, get, items, text } from "../yaml/merge.js";
import { lineOf, parseYaml, type YamlFile } from "../yaml/parse.js";
import { parseCircleCi, parseHerokuCi } from "./circleci.js";
import {
  type CiAction,
  type CiActionKind,
  classifyShell,
  repositoryFolder,
  type ScriptReader,
  withoutLocalClusterDeploys,
} from "./commands.js";
import { parseJenkinsfile } from "./jenkins.js";
import type { CiJob, CiPipeline, CiStep, CiTrigger } from "./pipeline.js";

export type { CiAction, CiActionKind, ScriptReader } from "./commands.js";

export type { CiJob, CiPipeline, CiProvider, CiStep, CiTrigger } from "./pipeline.js";

function strings(document: Document.Parsed, node: unknown): string[] {
  const single = text(document, node);
  if (single !== undefined) return [single];
  return items(document, node)
    .map((item) => text(document, item))
    .filter((s): s is string => s !== undefined);
}

/** The line a scalar's content starts on: a block scalar (`run: |`) starts on the line after its indicator. */
function contentLine(file: YamlFile, node: Node | undefined): number {
  const line = lineOf(file, node);
  if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) return line + 1;
  return line;
}

function describe(document: Document.Parsed, node: unknown): string | null {
  const single = text(document, node);
  if (single !== undefined) return single;
  const resolved = node as Node | undefined;
  return resolved ? String(resolved.toString()).trim().slice(0, 200) : null;
}

/** GitHub Actions steps `uses:` that deploy, build or push: the common ones by name. */
const DEPLOY_ACTIONS = [
  "appleboy/ssh-action",
  "appleboy/scp-action",
  "burnett01/rsync-deployments",
  "easingthemes/ssh-deploy",
  "akhileshns/heroku-deploy",
  "aws-actions/amazon-ecs-deploy-task-definition",
  "google-github-actions/deploy-cloudrun",
  "google-github-actions/deploy-appengine",
  "azure/webapps-deploy",
  "azure/k8s-deploy",
  "azure/container-apps-deploy-action",
  "johnbeynon/render-deploy-action",
  "jorgelnjunior/render-deploy",
  "dokku/github-action",
  "deliverybot/helm",
  "wahyd4/kubectl-helm-action",
];

/**
 * Actions whose name says "deploy" but that deploy no application: GitHub Pages and docs sites,
 * deployment-status bookkeeping (chrnorm/deployment-action, bobheadxi/deployments), schemas.
 */
const NOT_AN_APP_DEPLOY = /deployments?(-status|-action)?$|deployment-status|pages|docs|schema|storybook|preview|status/;

function classifyUses(uses: string, withInputs: Map<string, string>, line: number, readScript?: ScriptReader): CiAction[] {
  const name = (uses.split("@")[0] ?? "").toLowerCase();
  const actions: CiAction[] = [];
  if (name === "docker/build-push-action") {
    const images = listInput(withInputs.get("tags"));
    const context = withInputs.get("context");
    const file = withInputs.get("file");
    actions.push({
      kind: "build-image",
      tool: name,
      line,
      images,
      // Without `context:` the action builds the Git context, i.e. the repository root.
      context: context === undefined || /^\$\{\{|^(https?|git):/.test(context) ? "" : repositoryFolder(context),
      ...(file !== undefined && !file.includes("${{") ? { dockerfile: repositoryFolder(file) } : {}),
    });
    if (/^true$/i.test(withInputs.get("push") ?? "")) actions.push({ kind: "push-image", tool: name, line, images });
  } else if (name === "superfly/flyctl-actions" || name.startsWith("superfly/flyctl-actions/")) {
    if (/\bdeploy\b/.test(withInputs.get("args") ?? "")) actions.push({ kind: "deploy", tool: "flyctl", line });
  } else if (DEPLOY_ACTIONS.includes(name) || (/deploy/.test(name) && !name.startsWith("actions/") && !NOT_AN_APP_DEPLOY.test(name))) {
    actions.push({ kind: "deploy", tool: name, line });
  }
  // Commands an action runs on a server (appleboy/ssh-action `script:`) count as well.
  const script = withInputs.get("script") ?? withInputs.get("run");
  if (script)
    for (const action of classifyShell(script, line, readScript))
      if (!actions.some((a) => a.kind === action.kind)) actions.push({ ...action, line });
  return actions;
}

/** An action input that lists values one a line or comma-separated (`tags:`, `images:`). */
function listInput(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Actions that start a throwaway Kubernetes cluster on the runner (kind, minikube, k3d, k3s). */
const LOCAL_CLUSTER_ACTIONS =
  /^(helm\/kind-action|engineerd\/setup-kind|container-tools\/kind-action|medyagh\/setup-minikube|manusa\/actions-setup-minikube|absaoss\/k3d-action|nolar\/setup-k3d-k3s|debianmaintainers\/k3s-action|jupyterhub\/action-k3s-helm)$/;

/**
 * Replaces `${{ env.X }}` and `${{ matrix.X }}` by the values the workflow gives them, one text per
 * matrix combination (at most a few): `${{ matrix.command }}` over [pytest, "manage.py check
 * --deploy"] runs both. Other expressions are left for the shell reader to neutralize.
 */
function expandExpressions(text: string, scope: ReadonlyMap<string, readonly string[]>): string[] {
  let variants = [text];
  const pattern = /\$\{\{\s*((?:env|matrix|vars)\.[\w-]+)\s*\}\}/g;
  for (const match of new Set([...text.matchAll(pattern)].map((m) => m[1] as string))) {
    const values = scope.get(match);
    if (!values || values.length === 0) continue;
    const re = new RegExp(`\\$\\{\\{\\s*${match.replace(/[.]/g, "\\.")}\\s*\\}\\}`, "g");
    variants = variants.flatMap((v) => values.map((value) => v.replace(re, () => value))).slice(0, 16);
  }
  return variants;
}

/** `env:` of a workflow, job or step, and a job's `strategy.matrix`, as expression scope entries. */
function scopeOf(document: Document.Parsed, job: unknown, step?: unknown): Map<string, string[]> {
  const scope = new Map<string, string[]>();
  for (const owner of [document.contents, job, step]) {
    for (const entry of entriesOf(document, get(document, owner, "env"))) {
      const value = text(document, entry.value);
      if (value !== undefined) scope.set(`env.${entry.key}`, [value]);
    }
  }
  const matrix = get(document, get(document, job, "strategy"), "matrix");
  for (const entry of entriesOf(document, matrix)) {
    if (entry.key === "include" || entry.key === "exclude") continue;
    const values = strings(document, entry.value);
    if (values.length > 0) scope.set(`matrix.${entry.key}`, values);
  }
  for (const include of items(document, get(document, matrix, "include")))
    for (const entry of entriesOf(document, include)) {
      const value = text(document, entry.value);
      if (value === undefined) continue;
      const key = `matrix.${entry.key}`;
      scope.set(key, [...new Set([...(scope.get(key) ?? []), value])]);
    }
  return scope;
}

/** The actions of every expanded variant of a shell snippet, each kind once a line. */
function classifyVariants(texts: readonly string[], line: number, readScript?: ScriptReader): CiAction[] {
  const out: CiAction[] = [];
  for (const variant of texts)
    for (const action of classifyShell(variant, line, readScript))
      if (!out.some((a) => a.kind === action.kind && a.line === action.line)) out.push(action);
  return out;
}

function githubTriggers(file: YamlFile, document: Document.Parsed): CiTrigger[] {
  // A YAML 1.1 reader would turn `on` into true; this one keeps it a string, but accept both.
  const on = get(document, document.contents, "on") ?? get(document, document.contents, "true");
  const triggers: CiTrigger[] = [];
  const line = lineOf(file, on);
  const add = (event: string, config: Node | undefined, at: number) => {
    const branches = config ? strings(document, get(document, config, "branches")) : [];
    const tags = config ? strings(document, get(document, config, "tags")) : [];
    switch (event) {
      case "push":
        if (branches.length || !tags.length) triggers.push({ kind: "push", branches: branches.length ? branches : null, line: at });
        if (tags.length) triggers.push({ kind: "tag", branches: null, line: at });
        break;
      case "pull_request":
      case "pull_request_target":
        triggers.push({ kind: "pull-request", branches: branches.length ? branches : null, line: at });
        break;
      case "release":
        triggers.push({ kind: "tag", branches: null, line: at });
        break;
      case "workflow_dispatch":
      case "repository_dispatch":
        triggers.push({ kind: "manual", branches: null, line: at });
        break;
      case "schedule":
        triggers.push({ kind: "schedule", branches: null, line: at });
        break;
      case "workflow_run":
        triggers.push({
          kind: "workflow-run",
          branches: branches.length ? branches : null,
          workflows: config ? strings(document, get(document, config, "workflows")) : [],
          line: at,
        });
        break;
      case "workflow_call":
        triggers.push({ kind: "workflow-call", branches: null, line: at });
        break;
      default:
        triggers.push({ kind: "other", branches: null, line: at });
    }
  };
  for (const event of strings(document, on)) add(event, undefined, line);
  if (isMap(on)) for (const entry of entriesOf(document, on)) add(entry.key, entry.value, lineOf(file, entry.keyNode));
  return triggers;
}

/** Parses a GitHub Actions workflow: triggers, jobs, `needs`, and what each step does. Never throws. */
export function parseGithubWorkflow(path: string, source: string, readScript?: ScriptReader): CiPipeline {
  const file = parseYaml(path, source);
  const document = file.documents[0];
  if (!document) return { path, provider: "github-actions", name: null, triggers: [], jobs: [], problems: file.errors };
  const jobs: CiJob[] = [];
  for (const entry of entriesOf(document, get(document, document.contents, "jobs"))) {
    const job = entry.value;
    const steps: CiStep[] = [];
    // docker/metadata-action computes the tags build-push-action pushes (`tags: ${{ steps.meta.outputs.tags }}`).
    const metadataImages: string[] = [];
    for (const step of items(document, get(document, job, "steps"))) {
      const line = lineOf(file, step);
      const run = get(document, step, "run");
      const uses = text(document, get(document, step, "uses")) ?? null;
      const scope = scopeOf(document, job, step);
      const actions: CiAction[] = [];
      const runText = text(document, run);
      if (runText !== undefined) actions.push(...classifyVariants(expandExpressions(runText, scope), contentLine(file, run), readScript));
      if (uses) {
        const inputs = new Map<string, string>();
        for (const input of entriesOf(document, get(document, step, "with"))) {
          const value = text(document, input.value);
          if (value !== undefined) inputs.set(input.key, expandExpressions(value, scope)[0] ?? value);
        }
        const usesName = (uses.split("@")[0] ?? "").toLowerCase();
        if (LOCAL_CLUSTER_ACTIONS.test(usesName)) actions.push({ kind: "local-cluster", tool: usesName, line });
        // crazy-max/ghaction-docker-meta is metadata-action's name before it moved to docker/.
        if (usesName === "docker/metadata-action" || usesName === "crazy-max/ghaction-docker-meta")
          metadataImages.push(...listInput(inputs.get("images")).map((i) => i.split(",")[0] ?? i));
        actions.push(...classifyUses(uses, inputs, lineOf(file, get(document, step, "uses")), readScript));
      }
      steps.push({ name: text(document, get(document, step, "name")) ?? null, line, uses, actions });
    }
    const finished = withoutLocalClusterDeploys(steps).map((step) => ({
      ...step,
      actions: step.actions.map((a) =>
        (a.kind === "push-image" || a.kind === "build-image") &&
        metadataImages.length > 0 &&
        (a.images ?? []).every((i) => i.includes("${{"))
          ? { ...a, images: metadataImages }
          : a,
      ),
    }));
    const environmentNode = get(document, job, "environment");
    const callsNode = get(document, job, "uses");
    const calls = text(document, callsNode) ?? null;
    jobs.push({
      id: entry.key,
      name: text(document, get(document, job, "name")) ?? entry.key,
      line: lineOf(file, entry.keyNode),
      needs: strings(document, get(document, job, "needs")),
      stage: null,
      manual: false,
      condition: text(document, get(document, job, "if")) ?? null,
      environment: text(document, environmentNode) ?? text(document, get(document, environmentNode, "name")) ?? null,
      calls,
      ...(calls ? { callsLine: lineOf(file, callsNode) } : {}),
      steps: finished,
    });
  }
  return {
    path,
    provider: "github-actions",
    name: text(document, get(document, document.contents, "name")) ?? null,
    triggers: githubTriggers(file, document),
    jobs,
    problems: file.errors,
  };
}

/** Keys of .gitlab-ci.yml that are not jobs. */
const GITLAB_RESERVED = new Set([
  "image",
  "services",
  "stages",
  "types",
  "before_script",
  "after_script",
  "variables",
  "cache",
  "include",
  "workflow",
  "default",
]);
const GITLAB_DEFAULT_STAGES = [".pre", "build", "test", "deploy", ".post"];

/** Parses .gitlab-ci.yml: jobs with their stage, `needs`, `extends`, manual rules and scripts. Never throws. */
export function parseGitlabCi(path: string, source: string, readScript?: ScriptReader): CiPipeline {
  const file = parseYaml(path, source);
  const document = file.documents[0];
  if (!document) return { path, provider: "gitlab-ci", name: null, triggers: [], jobs: [], problems: file.errors };
  const root = document.contents;
  const definitions = new Map(entriesOf(document, root).map((e) => [e.key, e]));
  const stages = strings(document, get(document, root, "stages"));
  const stageOrder = stages.length ? [".pre", ...stages, ".post"] : GITLAB_DEFAULT_STAGES;
  const defaultNode = get(document, root, "default");
  /** A key of a job, following `extends` (the job's own keys win, as GitLab merges them). */
  const lookup = (name: string, key: string, seen = new Set<string>()): Node | undefined => {
    const definition = definitions.get(name);
    if (!definition || seen.has(name)) return undefined;
    seen.add(name);
    const own = get(document, definition.value, key);
    if (own !== undefined) return own;
    for (const parent of strings(document, get(document, definition.value, "extends")).reverse()) {
      const inherited = lookup(parent, key, seen);
      if (inherited !== undefined) return inherited;
    }
    return undefined;
  };
  const jobs: CiJob[] = [];
  for (const [name, definition] of definitions) {
    if (GITLAB_RESERVED.has(name) || name.startsWith(".") || !isMap(definition.value)) continue;
    const steps: CiStep[] = [];
    for (const key of ["before_script", "script"] as const) {
      let node = lookup(name, key);
      if (node === undefined && key === "before_script") node = get(document, defaultNode, key) ?? get(document, root, key);
      const lines = isSeq(node) ? items(document, node) : node ? [node] : [];
      for (const line of lines) {
        const command = text(document, line);
        if (command === undefined) continue;
        steps.push({
          name: key,
          line: lineOf(file, line),
          uses: null,
          actions: classifyShell(command, contentLine(file, line), readScript),
        });
      }
    }
    const when = text(document, lookup(name, "when"));
    const rules = items(document, lookup(name, "rules"));
    const manual =
      when === "manual" || (rules.length > 0 && rules.every((rule) => text(document, get(document, rule, "when")) === "manual"));
    const only = lookup(name, "only");
    const condition = rules.length
      ? rules
          .map((r) => text(document, get(document, r, "if")) ?? "")
          .filter(Boolean)
          .join(" || ") || null
      : describe(document, only);
    const environmentNode = lookup(name, "environment");
    const needsNode = lookup(name, "needs");
    jobs.push({
      id: name,
      name,
      line: lineOf(file, definition.keyNode),
      needs: items(document, needsNode)
        .map((need) => text(document, need) ?? text(document, get(document, need, "job")))
        .filter((n): n is string => n !== undefined),
      // `needs: []` starts the job at once: it waits for no stage.
      stage: needsNode !== undefined ? null : (text(document, lookup(name, "stage")) ?? "test"),
      manual,
      condition,
      environment: text(document, environmentNode) ?? text(document, get(document, environmentNode, "name")) ?? null,
      calls: null,
      steps: withoutLocalClusterDeploys(steps),
    });
  }
  // Without `needs`, a job waits for every job of the earlier stages.
  const ordered = jobs.map((job) => {
    if (job.stage === null) return job;
    const index = stageOrder.indexOf(job.stage);
    const earlier = jobs.filter((other) => other.stage !== null && stageOrder.indexOf(other.stage) < index && other.stage !== job.stage);
    return { ...job, needs: earlier.map((other) => other.id) };
  });
  const triggers: CiTrigger[] = [{ kind: "push", branches: null, line: 1 }];
  return { path, provider: "gitlab-ci", name: null, triggers, jobs: ordered, problems: file.errors };
}

export { parseCircleCi, parseHerokuCi, parseJenkinsfile };

/**
 * Every job the given job waits for, directly or not. Jobs of reusable workflows are not followed
 * here: a job that calls one carries that workflow's actions (see `jobActions`).
 */
export function upstreamJobs(pipeline: CiPipeline, job: CiJob): CiJob[] {
  const byId = new Map(pipeline.jobs.map((j) => [j.id, j]));
  const seen = new Set<string>();
  const queue = [...job.needs];
  const out: CiJob[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const found = byId.get(id);
    if (!found) continue;
    out.push(found);
    queue.push(...found.needs);
  }
  return out;
}

/** The pipeline a job's `uses: ./.github/workflows/x.yml` calls, when it is in the repository. */
export function calledPipeline(job: CiJob, pipelines: readonly CiPipeline[]): CiPipeline | undefined {
  if (!job.calls?.startsWith("./")) return undefined;
  const target = job.calls.replace(/^\.\//, "").split("@")[0];
  return pipelines.find((p) => p.path === target || p.path.endsWith(`/${target}`));
}

/**
 * Every action of a job, with those of the reusable workflow it calls (resolved by path, followed
 * a few levels): the callee's actions are placed at the caller's `uses:` line, since that is the
 * line of the caller's file that runs them.
 */
export function jobActions(job: CiJob, pipelines: readonly CiPipeline[], depth = 0): CiAction[] {
  const own = job.steps.flatMap((step) => step.actions);
  const called = depth < 3 ? calledPipeline(job, pipelines) : undefined;
  if (!called) return own;
  const line = job.callsLine ?? job.line;
  return [...own, ...called.jobs.flatMap((j) => jobActions(j, pipelines, depth + 1).map((a) => ({ ...a, line })))];
}

/** Whether a pipeline only runs when another workflow calls it (`on: workflow_call`). */
export function isReusableOnly(pipeline: CiPipeline): boolean {
  return pipeline.triggers.length > 0 && pipeline.triggers.every((t) => t.kind === "workflow-call");
}

/** Whether any job of any pipeline does this. */
export function pipelinesDo(pipelines: readonly CiPipeline[], kind: CiActionKind): boolean {
  return pipelines.some((p) => p.jobs.some((j) => j.steps.some((s) => s.actions.some((a) => a.kind === kind))));
}

/** The first job (and its pipeline) that does this, in file order. */
export function firstJobDoing(
  pipelines: readonly CiPipeline[],
  kind: CiActionKind,
): { pipeline: CiPipeline; job: CiJob; action: CiAction } | undefined {
  for (const pipeline of pipelines)
    for (const job of pipeline.jobs)
      for (const step of job.steps) {
        const action = step.actions.find((a) => a.kind === kind);
        if (action) return { pipeline, job, action };
      }
  return undefined;
}

export function isCiKind(kind: string): kind is "github-actions" | "gitlab-ci" | "jenkinsfile" {
  return kind === "github-actions" || kind === "gitlab-ci" || kind === "jenkinsfile";
}
