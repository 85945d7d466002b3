import { realpathSync } from "node:fs";
import { posix, resolve } from "node:path";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { IN_MEMORY_ROOT, Workspace } from "./discover/workspace.js";
import { readBaseline } from "./findings/baseline.js";
import type { Catalog } from "./findings/catalog.js";
import {
  checkDjangoVersion,
  checkSelectors,
  DEFAULT_CONFIG,
  type DjshipConfig,
  failsAt,
  isSelected,
  loadConfig,
  loadConfigFromFiles,
} from "./findings/config.js";
import { compareFindings, toFinding } from "./findings/finalize.js";
import type { Finding } from "./findings/finding.js";
import { UNREADABLE } from "./findings/unreadable.js";
import type { Severity } from "./findings/vocabulary.js";
import { environmentFromFile } from "./model/environment.js";
import { loadWorkspace, type ProjectModel, type WorkspaceModel } from "./model/project.js";
import { SettingsView } from "./model/settings-view.js";
import { cachingParser, loadPythonParser, parserWasMissing } from "./python/parse.js";
import { ParseCache } from "./python/parse-cache.js";
import { catalogOf } from "./rules/catalog.js";
import type { AnyRule } from "./rules/define.js";
import { RULES } from "./rules/registry.generated.js";
import { projectFindings } from "./rules/run.js";
import { InputError, UsageError } from "./util/errors.js";
import { TOOL } from "./version.js";

export { compareFindings, failsAt, TOOL };

export interface AuditOptions {
  settingsModule?: string | undefined;
  djangoVersion?: string | undefined;
  /** Exactly these variables (every other one unset); undefined reads for any environment. */
  environment?: ReadonlyMap<string, string> | undefined;
  /** Overrides the project's configuration file. */
  config?: Partial<DjshipConfig> | undefined;
  /** A previous JSON report: findings already in it are left out. */
  baseline?: string | undefined;
  /** The --env-file path, so that the file naming the production environment is not audited as a file of the project. */
  envFile?: string | undefined;
  /**
   * Keep parsed files in the user's cache folder between runs (python/parse-cache.ts); the CLI
   * turns it on unless --no-cache. Default: off, so a library call writes nothing anywhere.
   */
  cache?: boolean | undefined;
  /**
   * Audit these files instead of a folder (relative path → text): nothing is read from disk, so a
   * plan from `init` can be audited before it is written. `path` then only names the result's root;
   * the configuration comes from `config` alone.
   */
  files?: Readonly<Record<string, string>> | undefined;
  /** Only these rules (tests use it); default: the registry filtered by the configuration. */
  rules?: readonly AnyRule[] | undefined;
}

export interface AuditProject {
  root: string;
  settingsModule: string | null;
  settingsModuleSource: string | null;
  djangoVersion: string;
  djangoVersionSource: string;
  /** The settings module's file, relative to the audited path; null when none was found. */
  settingsFile: string | null;
  /** The file that stands for the project (settings module, else manage.py, wsgi.py, asgi.py). */
  projectFile: string | null;
  loadError: { kind: string; variable: string | null; message: string; file: string | null; line: number | null } | null;
}

export interface AuditResult {
  tool: { name: string; version: string };
  schemaVersion: number;
  root: string;
  environment: "exact" | "any";
  projects: AuditProject[];
  findings: Finding[];
  /** Unsuppressed findings per severity. */
  summary: Record<Severity, number> & { suppressed: number; baselined: number };
  config: DjshipConfig;
  catalog: Catalog;
}

export const AUDIT_SCHEMA_VERSION = 1;

function settingsFileOf(model: ProjectModel): string | null {
  return model.settings ? new SettingsView(model.settings).moduleFile : null;
}

/**
 * Files and folders of the project djship could not read: folders the walk could not list, and
 * deployment files that would not open. Python files are left to CFG105, which names the
 * settings they would have set.
 */
function unreadableFindings(model: ProjectModel, config: DjshipConfig): Finding[] {
  const workspace = model.workspace;
  const root = model.project.root;
  const places: { file: string; message: string }[] = [];
  for (const problem of workspace.problems) {
    if (!problem.message.startsWith("cannot be listed") || !workspace.belongsTo(problem.path, root)) continue;
    places.push({ file: problem.path, message: `the folder ${problem.path} ${problem.message}: djship did not check the files in it` });
  }
  for (const file of workspace.files) {
    if (file.kind === "python" || !workspace.belongsTo(file.path, root)) continue;
    if (workspace.read(file.path) !== undefined) continue;
    const reason = workspace.unreadable.get(file.path) ?? "cannot be read";
    places.push({ file: file.path, message: `${file.path} ${reason.replace(/^cannot be read: /, "")}: djship did not check it` });
  }
  // Through the same finding policy as a rule's findings; no line, so no inline suppression applies.
  const policy = { project: root, config, lines: () => undefined, isSilenced: () => false, occurrences: new Map<string, number>() };
  const rule = { ...UNREADABLE, kind: "project" as const };
  return places.map(({ file, message }) =>
    toFinding(
      {
        rule,
        messageId: "unreadable",
        message,
        severity: UNREADABLE.severity,
        file,
        line: null,
        column: null,
        env: [],
        djangoCheck: null,
        related: [],
      },
      policy,
    ),
  );
}

function isSameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

interface AuditPass {
  model: WorkspaceModel;
  findings: Finding[];
  baselined: number;
  environment: ReadonlyMap<string, string> | undefined;
  config: DjshipConfig;
}

/** One reading of the tree and run of the rules, with the parser given. */
async function auditPass(path: string, options: AuditOptions, parserReady: Promise<TreeSitterParser>): Promise<AuditPass> {
  const inMemory = options.files;
  let root = inMemory ? IN_MEMORY_ROOT : resolve(path);
  // An in-memory project's own djship.toml or [tool.djship] applies as on disk.
  let config: DjshipConfig = {
    ...DEFAULT_CONFIG,
    ...(inMemory ? loadConfigFromFiles(inMemory) : loadConfig(root)),
    ...(options.config ?? {}),
  };
  let environment = options.environment;
  let envFile = options.envFile;
  const load = () => {
    if (!options.environment && config.envFile && !inMemory) {
      envFile = posix.join(root, config.envFile);
      environment = environmentFromFile(envFile);
    }
    return loadWorkspace(root, {
      settingsModule: options.settingsModule ?? config.settings,
      djangoVersion: options.djangoVersion ?? config.djangoVersion,
      environment,
      files: { production: config.production, ignoreFiles: config.ignoreFiles, envFile },
      parser: parserReady,
      workspace: inMemory ? Workspace.fromFiles(inMemory, { production: config.production, ignoreFiles: config.ignoreFiles }) : undefined,
    });
  };
  let model = await load();
  if (!inMemory && !isSameFolder(model.workspace.root, root)) {
    // Run from a subfolder: the project's own configuration applies.
    root = model.workspace.root;
    const found = loadConfig(root);
    if (found !== DEFAULT_CONFIG) {
      config = { ...DEFAULT_CONFIG, ...found, ...(options.config ?? {}) };
      model = await load();
    }
  }
  // A selector that selects nothing is a mistake to report, not a rule to skip in silence.
  const selectorProblem = checkSelectors(config, [...RULES, UNREADABLE, ...(options.rules ?? [])]);
  if (selectorProblem) throw new InputError(`${config.source ?? "configuration"}: ${selectorProblem}`);
  const rules = (options.rules ?? RULES).filter(
    (rule) => options.rules || (isSelected(rule.code, config.select, config.ignore) && (config.preview || rule.status !== "preview")),
  );
  const baseline = options.baseline ? readBaseline(options.baseline) : undefined;
  const findings: Finding[] = [];
  let baselined = 0;
  for (const project of model.projects) {
    for (const finding of projectFindings(project, rules, config)) {
      if (!baseline) findings.push(finding);
      else if (baseline.has(finding.fingerprint)) {
        // Kept, marked: a baseline written from this run must still hold it.
        baselined++;
        findings.push({ ...finding, baseline: "unchanged" });
      } else findings.push({ ...finding, baseline: "new" });
    }
    if (isSelected(UNREADABLE.code, config.select, config.ignore) && !options.rules) {
      for (const finding of unreadableFindings(project, config)) {
        if (!baseline) findings.push(finding);
        else if (baseline.has(finding.fingerprint)) {
          baselined++;
          findings.push({ ...finding, baseline: "unchanged" });
        } else findings.push({ ...finding, baseline: "new" });
      }
    }
  }
  return { model, findings, baselined, environment, config };
}

/**
 * Audits every Django project under `path`: evaluates its production settings, reads its deployment
 * files and runs the rules. Never runs project code.
 */
export async function audit(path: string, options: AuditOptions = {}): Promise<AuditResult> {
  const versionProblem = options.djangoVersion === undefined ? undefined : checkDjangoVersion(options.djangoVersion);
  if (versionProblem) throw new UsageError(`--django-version ${versionProblem}`);
  const parseCache = options.cache && !options.files ? ParseCache.open(resolve(path)) : undefined;
  // A caching handle also without a parse cache: it parses each file once a run.
  const withParser = async () => cachingParser(parseCache, await loadPythonParser());
  // Starting tree-sitter (compiling its WebAssembly) is most of a run whose files are all in the
  // parse cache: such a run goes without it, and is redone with it if a file turns out unknown.
  const firstParser = parseCache && !parseCache.isEmpty ? cachingParser(parseCache, undefined) : undefined;
  let outcome = await auditPass(path, options, firstParser ? Promise.resolve(firstParser) : withParser());
  if (firstParser && parserWasMissing(firstParser)) outcome = await auditPass(path, options, withParser());
  parseCache?.save();
  const { model, findings, baselined, environment, config } = outcome;
  findings.sort(compareFindings);
  const summary = { error: 0, warning: 0, info: 0, suppressed: 0, baselined };
  for (const finding of findings) {
    if (finding.baseline === "unchanged") continue;
    if (finding.suppressed) summary.suppressed++;
    else summary[finding.severity]++;
  }
  return {
    tool: { ...TOOL },
    schemaVersion: AUDIT_SCHEMA_VERSION,
    root: model.workspace.root,
    environment: environment ? "exact" : "any",
    projects: model.projects.map((p) => ({
      root: p.project.root,
      settingsModule: p.project.settings?.module ?? null,
      settingsModuleSource: p.project.settings
        ? `${p.project.settings.source}${p.project.settings.file ? ` ${p.project.settings.file}:${p.project.settings.line}` : ""}`
        : null,
      djangoVersion: p.djangoVersion.series,
      djangoVersionSource: p.djangoVersion.source,
      settingsFile: settingsFileOf(p),
      projectFile: settingsFileOf(p) ?? p.project.managePy ?? p.project.wsgi[0] ?? p.project.asgi[0] ?? null,
      loadError: p.settings?.loadError ?? null,
    })),
    findings,
    summary,
    config,
    catalog: new Map([...catalogOf(options.rules ?? RULES), [UNREADABLE.code, UNREADABLE]]),
  };
}
