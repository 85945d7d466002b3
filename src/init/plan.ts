import { createHash } from "node:crypto";
import { atLeast } from "../django/versions.js";
import { loadWorkspace, type ProjectModel } from "../model/project.js";
import { projectOf } from "../model/project-view.js";
import { loadPythonParser } from "../python/parse.js";
import { InputError, UsageError } from "../util/errors.js";
import { readText } from "../util/fs.js";
import { VERSION } from "../version.js";
import { detect } from "./detect.js";
import { mergeThreeWay } from "./merge.js";
import { planDependencies } from "./parts/dependencies/plan.js";
import { planEnvExample } from "./parts/env/plan.js";
import { planHealth } from "./parts/health/plan.js";
import { findBlock, withBlock } from "./parts/settings/edit.js";
import { chooseSettingsLayout, planSettings } from "./parts/settings/plan.js";
import type { PartContext, PartResult, Proposal } from "./parts/types.js";
import {
  type Choice,
  type EnvironmentVariable,
  type InitOptions,
  type InitPlan,
  type InitRecord,
  PARTS,
  type PartName,
  type PlannedFile,
  type Target,
} from "./types.js";

export const RECORD_PATH = ".djship/init.json";
/** Where init keeps what its templates produced for each generated file, for the three-way merge. */
export const BASE_DIR = ".djship/base";

/** What init's templates produced for `path` when it last wrote it, if kept. */
export function readBase(root: string, path: string): string | undefined {
  const read = readText(`${root}/${BASE_DIR}/${path}`, 4 * 1024 * 1024);
  return read.ok ? read.text : undefined;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The record of the last run, or an empty one. A record that does not parse is an input error, not a blank. */
export function readRecord(root: string): InitRecord | undefined {
  const read = readText(`${root}/${RECORD_PATH}`, 1024 * 1024);
  if (!read.ok) {
    if (read.problem === "missing") return undefined;
    throw new InputError(`${RECORD_PATH}: ${read.message}`);
  }
  try {
    const record = JSON.parse(read.text) as InitRecord;
    if (typeof record !== "object" || record === null || typeof record.files !== "object") throw new Error("shape");
    return record;
  } catch {
    throw new InputError(`${RECORD_PATH}: not the record djship init writes; move it away to start afresh`);
  }
}

function enabledParts(options: InitOptions, targets: readonly Target[]): Set<PartName> {
  const known = new Set<string>(PARTS);
  for (const name of [...(options.only ?? []), ...(options.skip ?? [])])
    if (!known.has(name)) throw new UsageError(`unknown part "${name}" (${PARTS.join(", ")})`);
  const parts = new Set<PartName>(options.only?.length ? options.only : PARTS);
  for (const name of options.skip ?? []) parts.delete(name);
  if (!targets.includes("compose")) {
    parts.delete("docker");
    parts.delete("compose");
  }
  if (!targets.includes("systemd")) parts.delete("systemd");
  // One proxy: the other's part writes nothing.
  parts.delete(options.proxy === "caddy" ? "nginx" : "caddy");
  return parts;
}

/** Decides each proposal's action against what is on disk and what init wrote last time. */
function resolve(proposal: Proposal, context: PartContext, record: InitRecord | undefined, force: boolean): PlannedFile {
  const base = { path: proposal.path, reason: proposal.reason, part: proposal.part };
  const current = context.read(proposal.path);
  if (proposal.from) {
    const source = context.read(proposal.from);
    if (current !== undefined && !force)
      return {
        ...base,
        action: "conflict",
        content: proposal.content,
        previous: current,
        ownership: "edit",
        reason: `${proposal.path} already exists; ${proposal.from} cannot move there`,
      };
    return { ...base, action: "move", from: proposal.from, content: proposal.content, previous: source ?? null, ownership: "edit" };
  }
  if (proposal.ownership === "block") {
    const text = current ?? "";
    const block = proposal.block ?? proposal.content;
    const content = withBlock(text, block);
    if (content === text) return { ...base, action: "unchanged", content, previous: text, ownership: "edit" };
    const existing = findBlock(text);
    const recorded = record?.files[`${proposal.path}#block`];
    if (existing && recorded !== contentHash(existing.body) && !force)
      return {
        ...base,
        action: "conflict",
        content,
        previous: text,
        ownership: "edit",
        reason: "init's block was edited since init wrote it; left alone",
      };
    return { ...base, action: current === undefined ? "create" : "modify", content, previous: current ?? null, ownership: "edit" };
  }
  if (proposal.ownership === "edit") {
    if (current === undefined) return { ...base, action: "create", content: proposal.content, previous: null, ownership: "edit" };
    if (current === proposal.content) return { ...base, action: "unchanged", content: current, previous: current, ownership: "edit" };
    return { ...base, action: "modify", content: proposal.content, previous: current, ownership: "edit" };
  }
  const generated = { ...base, ownership: "generated" as const, template: proposal.content };
  if (current === undefined) return { ...generated, action: "create", content: proposal.content, previous: null };
  if (current === proposal.content) return { ...generated, action: "unchanged", content: current, previous: current };
  // What init wrote last time, kept: a three-way merge, as copier's update does. The team's edits
  // stay, template changes apply, and where both changed the same lines the file is left alone.
  const lastWritten = record?.files[proposal.path] ? readBase(context.model.workspace.root, proposal.path) : undefined;
  if (lastWritten !== undefined && !force) {
    const merged = mergeThreeWay(current, lastWritten, proposal.content);
    if (merged.conflicts === 0)
      return merged.text === current
        ? { ...generated, action: "unchanged", content: current, previous: current }
        : {
            ...generated,
            action: "modify",
            content: merged.text,
            previous: current,
            reason: `${proposal.reason} (merged: the file's own edits kept, djship's template changes applied)`,
          };
    return {
      ...generated,
      action: "conflict",
      content: merged.text,
      previous: current,
      reason: `edited where djship's templates changed too (${merged.conflicts} place${merged.conflicts === 1 ? "" : "s"}, marked in the diff): left alone (--force takes djship's version)`,
    };
  }
  // A generated file that is there and differs: init may replace it only if it is exactly what
  // init wrote last time (the team has not touched it).
  const recorded = record?.files[proposal.path];
  if ((recorded && recorded === contentHash(current)) || force)
    return { ...generated, action: "modify", content: proposal.content, previous: current };
  return {
    ...generated,
    action: "conflict",
    content: proposal.content,
    previous: current,
    reason: recorded
      ? "edited since djship init wrote it: left alone (--force replaces it)"
      : "exists and differs from what init would write: left alone (--force replaces it)",
  };
}

/** Builds the plan for a project model: no file is written, nothing is run. */
export async function planForModel(model: ProjectModel, options: InitOptions = {}, record?: InitRecord): Promise<InitPlan> {
  if (!model.settings) throw new InputError(`${model.project.root}: no settings module found; djship init needs one to build on`);
  if (model.settings.loadError)
    throw new InputError(
      `${model.settings.settingsModule}: the settings do not load as djship reads them (${model.settings.loadError.message}); fix that first`,
    );
  const parser = await loadPythonParser();
  const generatedByInit = new Set(Object.keys(record?.files ?? {}));
  const project = projectOf(model);
  const detected = detect(project, generatedByInit);
  const targets: Target[] = options.targets?.length ? [...new Set(options.targets)] : ["compose"];
  const parts = enabledParts(options, targets);
  const layout = chooseSettingsLayout({ project, model, detected }, generatedByInit);
  const overrides = new Map<string, string | undefined>();
  const djangoPool = atLeast(detected.djangoVersion, "5.1");
  const context: PartContext = {
    project,
    model,
    parser,
    detected,
    options,
    targets,
    domain: options.domain ?? "example.com",
    proxy: options.proxy ?? "nginx",
    settings: { production: layout.production, development: layout.development },
    projectPackage: layout.package,
    djangoPool,
    serviceAddress: serviceAddress(targets, djangoPool),
    generatedByInit,
    read: (path) => (overrides.has(path) ? overrides.get(path) : model.workspace.has(path) ? model.workspace.read(path) : undefined),
  };
  const results: PartResult[] = [];
  let environment: EnvironmentVariable[] = [];
  // The pipeline runs the production settings, so it needs what they read even under --only ci.
  const settings = parts.has("settings") || parts.has("ci") ? planSettings(context, layout) : undefined;
  if (settings && parts.has("settings")) {
    results.push(settings);
    environment = [...(settings.environment ?? [])];
  }
  if (parts.has("health")) results.push(planHealth(context));
  if (parts.has("dependencies")) results.push(planDependencies(context));
  for (const part of await loadTargetParts(parts)) results.push(part(context));
  for (const result of results)
    for (const variable of result.environment ?? []) if (!environment.some((v) => v.name === variable.name)) environment.push(variable);
  if (parts.has("ci")) results.push((await import("./parts/ci/plan.js")).planCi(context, settings?.environment ?? []));
  if (parts.has("env")) results.push(planEnvExample(context, environment));
  const choices: Choice[] = results.flatMap((r) => r.choices ?? []);
  const files: PlannedFile[] = [];
  const seen = new Set<string>();
  for (const proposal of results.flatMap((r) => r.proposals)) {
    if (seen.has(proposal.path)) throw new Error(`two parts of init write ${proposal.path}`);
    seen.add(proposal.path);
    files.push(resolve(proposal, context, record, options.force === true));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // init's output must pass djship's own audit: checked in memory, before anything is written.
  const { auditPlan } = await import("./audit-plan.js");
  const audited = await auditPlan(model.workspace, model.project.root, files, options.force === true);
  return {
    djshipVersion: VERSION,
    root: model.workspace.root,
    targets,
    files,
    settings: { production: layout.production, development: layout.development },
    environment,
    detected,
    choices,
    audit: audited,
  };
}

/** Where .env.example points the app: the first target's addresses (see PartContext.serviceAddress). */
function serviceAddress(targets: readonly Target[], djangoPool: boolean): PartContext["serviceAddress"] {
  if (targets.includes("compose")) return { database: djangoPool ? "db:5432" : "pgbouncer:5432", redis: "redis:6379" };
  return { database: djangoPool ? "127.0.0.1:5432" : "127.0.0.1:6432", redis: "127.0.0.1:6379" };
}

type TargetPart = (context: PartContext) => PartResult;

/** The target renderers, loaded only when a plan needs them. */
async function loadTargetParts(parts: ReadonlySet<PartName>): Promise<TargetPart[]> {
  const out: TargetPart[] = [];
  if (parts.has("appserver")) out.push((await import("./parts/appserver/plan.js")).planAppServer);
  if (parts.has("docker")) out.push((await import("./parts/docker/plan.js")).planDocker);
  if (parts.has("compose")) out.push((await import("./parts/compose/plan.js")).planCompose);
  if (parts.has("nginx")) out.push((await import("./parts/nginx/plan.js")).planNginx);
  if (parts.has("caddy")) out.push((await import("./parts/caddy/plan.js")).planCaddy);
  if (parts.has("systemd")) out.push((await import("./parts/systemd/plan.js")).planSystemd);
  return out;
}

/**
 * Plans `djship init` for the Django project at `path`: reads it as the audit does and returns every
 * file init would create, change or move, and why. Nothing is written; pass the plan to applyPlan.
 */
export async function planInit(path: string, options: InitOptions = {}): Promise<InitPlan> {
  const workspace = await loadWorkspace(path);
  const projects = workspace.projects;
  if (projects.length === 0) throw new InputError(`${path}: no Django project found (no manage.py, wsgi.py or asgi.py)`);
  const wanted = options.project?.replace(/^\.\//, "").replace(/\/$/, "");
  const model = wanted
    ? projects.find((p) => p.project.root === wanted)
    : projects.length === 1
      ? projects[0]
      : projects.find((p) => p.project.root === ".");
  if (!model) throw new UsageError(`choose a project with --project: ${projects.map((p) => p.project.root).join(", ")}`);
  return planForModel(model, options, readRecord(workspace.workspace.root));
}
