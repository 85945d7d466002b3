import { atLeast, compareSeries, type DjangoSeries } from "../django/versions.js";
import type { DjshipConfig } from "../findings/config.js";
import { placedInRole, type RawFinding as RawFindingOf, silencedChecks, toFinding } from "../findings/finalize.js";
import type { Finding } from "../findings/finding.js";
import type { ProjectModel } from "../model/project.js";
import type { ProjectCode } from "../model/project-code.js";
import { type Project, type ProjectPart, projectOf } from "../model/project-view.js";
import type { ResolvedSetting } from "../model/settings.js";
import type { SettingsView } from "../model/settings-view.js";
import { collectDeps, type Origin } from "../python/value.js";
import type { Severity } from "./areas.js";
import { type AnyRule, formatMessage, type Place, type ReportExtra, type SettingsRule, type Verdict } from "./define.js";
import { type ReadRecorder, watchedCode, watchedProject } from "./reads.js";
import { World } from "./world.js";

/** A finding as a rule produced it, before roles, suppressions, fingerprints and configuration. */
export type RawFinding = RawFindingOf<AnyRule>;

/** Whether Django of this series has the check the rule mirrors. */
export function djangoHasCheck(rule: AnyRule, series: DjangoSeries): boolean {
  if (!rule.djangoCheck) return false;
  const since = rule.djangoSeries?.since;
  const until = rule.djangoSeries?.until;
  return (!since || atLeast(series, since)) && (!until || compareSeries(series, until) <= 0);
}

/** At most this many combinations of alternatives are replayed for one rule. */
const MAX_WORLDS = 64;

interface Classified<M extends Record<string, string>> {
  /** Fires in every world: certain. */
  certain: { verdicts: Verdict<M>[]; world: World }[];
  /** Fires in some worlds only: possible, on some paths through the code. */
  possible: { verdicts: Verdict<M>[]; world: World }[];
  undecided: boolean;
  /** Per setting, the variables whose values choose between its alternatives, when the rule fires on some (see below). */
  chosenBy?: ReadonlyMap<string, readonly string[]>;
  /** Then, the worlds it fires in: reported as paths after all when the unset world cannot be read. */
  possibleByEnvironment?: { verdicts: Verdict<M>[]; world: World }[];
}

function replay<M extends Record<string, string>>(
  rule: SettingsRule<M>,
  settings: ReadonlyMap<string, ResolvedSetting>,
  series: DjangoSeries,
  kind: "actual" | "unset",
  code: ProjectCode | undefined,
  record: ReadRecorder | undefined,
): Classified<M> {
  const run = (choices: Map<string, number>): { result: Verdict<M>[] | false | undefined; world: World } => {
    const world = new World(settings, choices, series, kind, code);
    let result: Verdict<M>[] | false | undefined;
    try {
      const outcome = rule.test(world);
      result =
        outcome === undefined || outcome === false
          ? outcome
          : Array.isArray(outcome)
            ? outcome.length > 0
              ? [...outcome]
              : false
            : [outcome as Verdict<M>];
    } catch {
      // A rule that trips over a value it did not expect cannot tell.
      result = undefined;
    }
    if (record && world.reads.size > 0) record("settings");
    return { result, world };
  };
  const first = run(new Map());
  const varying = [...first.world.reads].filter((name) => settings.get(name)?.value.kind === "alternatives");
  const runs = [first];
  if (varying.length > 0) {
    let combinations: Map<string, number>[] = [new Map()];
    for (const name of varying) {
      const value = settings.get(name)?.value;
      const count = value?.kind === "alternatives" ? value.options.length : 1;
      const next: Map<string, number>[] = [];
      for (const combination of combinations) for (let i = 0; i < count; i++) next.push(new Map([...combination, [name, i]]));
      combinations = next;
      if (combinations.length > MAX_WORLDS) break;
    }
    runs.length = 0;
    if (combinations.length > MAX_WORLDS) return { certain: [], possible: [], undecided: true };
    for (const combination of combinations) runs.push(run(combination));
  }
  const firing = runs.filter((r) => Array.isArray(r.result)).map((r) => ({ verdicts: r.result as Verdict<M>[], world: r.world }));
  const undecided = runs.some((r) => r.result === undefined);
  if (firing.length === runs.length) return { certain: firing.slice(0, 1), possible: [], undecided: false };
  // Alternatives that a condition on the environment chooses between (`if os.getenv("X") in ("1",
  // "true")`) are not paths through the code but a value that depends on a variable: undecided, as
  // an unknown read of the variable is, so the world with the variable unset decides instead.
  const choosesByEnvironment = (name: string) => {
    const value = settings.get(name)?.value;
    return value?.kind === "alternatives" && (value.deps?.env.size ?? 0) > 0;
  };
  if (firing.length > 0 && !rule.everyPath && varying.every(choosesByEnvironment)) {
    const chosenBy = new Map(varying.map((name) => [name, [...(settings.get(name)?.value.deps?.env.keys() ?? [])].sort()]));
    return { certain: [], possible: [], undecided: true, chosenBy, possibleByEnvironment: firing };
  }
  return { certain: [], possible: firing, undecided };
}

function envOf(world: World, settings: ReadonlyMap<string, ResolvedSetting>): { env: string[]; unset: string[] } {
  const env = new Set<string>();
  const unset = new Set<string>();
  for (const name of world.reads) {
    const setting = settings.get(name);
    const deps = setting ? collectDeps(setting.value) : undefined;
    for (const variable of deps?.env.keys() ?? []) env.add(variable);
    for (const variable of deps?.unset ?? []) unset.add(variable);
  }
  return { env: [...env].sort(), unset: [...unset].sort() };
}

function locate(world: World, name: string, view: SettingsView): { file: string | null; line: number | null; column: number | null } {
  const origin: Origin | null = world.has(name) ? world.origin(name) : null;
  if (origin) return { file: origin.file, line: origin.line, column: origin.column };
  return { file: view.moduleFile, line: view.moduleFile ? 1 : null, column: view.moduleFile ? 1 : null };
}

function listVariables(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function runSettingsRule<M extends Record<string, string>>(
  rule: SettingsRule<M>,
  project: Project,
  record: ReadRecorder | undefined,
): RawFinding[] {
  const evaluation = project.settings.evaluation;
  const view = project.settings.actual;
  if (!evaluation || !view || evaluation.limit) return [];
  const series = project.django.series;
  const code = record ? watchedCode(project.code, record) : project.code;
  const findings: RawFinding[] = [];
  const make = (
    verdict: Verdict<M>,
    world: World,
    settings: ReadonlyMap<string, ResolvedSetting>,
    locationView: SettingsView,
    how: "certain" | "possible" | "default",
    severity: Severity,
    chosenBy: readonly string[] = [],
  ): RawFinding => {
    const found = envOf(world, settings);
    // A value the unset variables chose by a condition carries none of them itself: name them.
    const { env, unset } = found.env.length === 0 && found.unset.length === 0 ? { env: [...chosenBy], unset: [...chosenBy] } : found;
    let message = formatMessage(rule.messages[verdict.messageId] ?? String(verdict.messageId), verdict.data);
    const place = verdict.place
      ? { file: verdict.place.file, line: verdict.place.line ?? null, column: verdict.place.column ?? null }
      : locate(world, verdict.at, locationView);
    if (how === "certain" && unset.length > 0)
      message += ` (the default the code uses while ${listVariables(unset)} ${unset.length > 1 ? "are" : "is"} unset)`;
    if (how === "possible") message += ` on one path through the settings (${place.file}:${place.line})`;
    if (how === "default") {
      const variables = unset.length > 0 ? unset : env;
      message = `Insecure default: ${message} while ${listVariables(variables)} ${variables.length > 1 ? "are" : "is"} unset`;
    }
    return {
      rule,
      messageId: verdict.messageId,
      message,
      severity,
      ...place,
      env,
      djangoCheck:
        how === "certain" && djangoHasCheck(rule, series)
          ? verdict.djangoCheck !== undefined
            ? verdict.djangoCheck
            : (rule.djangoCheck ?? null)
          : null,
      related: [],
      subject: `${verdict.at}:${verdict.messageId}:${how}`,
    };
  };
  const actual = replay(rule, evaluation.settings, series, "actual", code, record);
  for (const { verdicts, world } of actual.certain)
    for (const verdict of verdicts) findings.push(make(verdict, world, evaluation.settings, view, "certain", rule.severity));
  const seen = new Set<string>();
  const unsetEvaluation = project.settings.evaluationIfUnset;
  const unsetView = project.settings.ifUnset;
  const defaults =
    unsetEvaluation && unsetView && !unsetEvaluation.loadError && !unsetEvaluation.limit
      ? replay(rule, unsetEvaluation.settings, series, "unset", code, record)
      : undefined;
  // Without an unset world that says which alternative the defaults choose (it cannot be read, or
  // the choice there is the environment's too), the choices the environment makes are reported as
  // paths, as any other undecidable condition.
  const undecidedByDefaults = defaults === undefined || defaults.possibleByEnvironment !== undefined;
  const possible =
    undecidedByDefaults && actual.possibleByEnvironment ? [...actual.possible, ...actual.possibleByEnvironment] : actual.possible;
  for (const { verdicts, world } of possible) {
    for (const verdict of verdicts) {
      const finding = make(verdict, world, evaluation.settings, view, "possible", rule.severity);
      const key = `${finding.file}:${finding.line}:${finding.message}`;
      if (!seen.has(key)) findings.push(finding);
      seen.add(key);
    }
  }
  if (findings.length > 0) return findings;
  // Nothing certain in the environment asked for: what does the code do when its variables are unset?
  if (!unsetEvaluation || !unsetView || !defaults) return findings;
  // When the audited environment overrides the default, the default is worth knowing, not a warning.
  const severity: Severity = actual.undecided || project.settings.environment.kind === "any" ? rule.severity : "info";
  for (const { verdicts, world } of [...defaults.certain, ...defaults.possible]) {
    for (const verdict of verdicts) {
      const { env, unset } = envOf(world, unsetEvaluation.settings);
      // Only a default counts: a value that does not depend on the environment fired above already,
      // unless the audited environment's value was chosen by a condition on variables now unset.
      if (env.length === 0 && unset.length === 0 && !actual.chosenBy) continue;
      const chosenBy = actual.chosenBy
        ? (actual.chosenBy.get(verdict.at) ?? [...new Set([...actual.chosenBy.values()].flat())].sort())
        : [];
      if (rule.debugPathIsDevelopment && onDebugPath(chosenBy, evaluation.settings, unsetEvaluation.settings)) continue;
      const finding = make(verdict, world, unsetEvaluation.settings, unsetView, "default", severity, chosenBy);
      const key = `${finding.file}:${finding.line}:${finding.message}`;
      if (!seen.has(key)) findings.push(finding);
      seen.add(key);
    }
  }
  return findings;
}

/**
 * Whether a default is chosen by DEBUG's own variables while DEBUG is on: DEBUG reads variables
 * (in the audited world), every one of them chooses the value, and with them unset DEBUG is True.
 */
function onDebugPath(
  chosenBy: readonly string[],
  actual: ReadonlyMap<string, ResolvedSetting>,
  unset: ReadonlyMap<string, ResolvedSetting>,
): boolean {
  const debug = unset.get("DEBUG")?.value;
  if (debug?.kind !== "bool" || !debug.value) return false;
  const actualDebug = actual.get("DEBUG");
  const variables = actualDebug ? [...(collectDeps(actualDebug.value)?.env.keys() ?? [])] : [];
  return variables.length > 0 && variables.every((name) => chosenBy.includes(name));
}

function runProjectRule(rule: Extract<AnyRule, { kind: "project" }>, project: Project, record: ReadRecorder | undefined): RawFinding[] {
  const findings: RawFinding[] = [];
  const series = project.django.series;
  // Watched while a check asserts the rule's `reads`: the older fields are read through it too.
  const seen = record ? watchedProject(project, record) : project;
  rule.check({
    project: seen,
    report(messageId: string, place: Place, data?: Readonly<Record<string, string | number>>, extra?: ReportExtra) {
      findings.push({
        rule,
        messageId,
        message: formatMessage((rule.messages as Record<string, string>)[messageId] ?? messageId, data),
        severity: extra?.severity ?? rule.severity,
        file: place.file,
        line: place.file ? (place.line ?? 1) : null,
        column: place.file ? (place.column ?? 1) : null,
        env: [...(extra?.env ?? [])],
        djangoCheck:
          extra?.djangoCheck !== undefined ? extra.djangoCheck : djangoHasCheck(rule, series) ? (rule.djangoCheck ?? null) : null,
        related: (extra?.related ?? []).map((r) => ({
          file: r.file,
          line: r.line,
          column: r.column ?? 1,
          ...(r.message ? { message: r.message } : {}),
        })),
      });
    },
  });
  return findings;
}

/** What a run of the rules may be asked to do besides running them. */
export interface RunOptions {
  /** Told, per rule, of each part of the project it reads (tests check it against the rule's `reads`). */
  readonly onRead?: ((rule: AnyRule, part: ProjectPart) => void) | undefined;
}

/** Runs every rule on one project and returns what they found. */
export function runRules(model: ProjectModel, rules: readonly AnyRule[], options: RunOptions = {}): RawFinding[] {
  const project = projectOf(model);
  const findings: RawFinding[] = [];
  for (const rule of rules) {
    const onRead = options.onRead;
    const record: ReadRecorder | undefined = onRead ? (part) => onRead(rule, part) : undefined;
    findings.push(...(rule.kind === "settings" ? runSettingsRule(rule, project, record) : runProjectRule(rule, project, record)));
  }
  return findings;
}

/**
 * The findings of one project as reported, in the order the rules produced them: each placed in the
 * role of its file, then suppressions, fingerprints and the configuration applied (findings/finalize.ts).
 */
export function projectFindings(model: ProjectModel, rules: readonly AnyRule[], config: DjshipConfig, options: RunOptions = {}): Finding[] {
  const workspace = model.workspace;
  const policy = {
    project: model.project.root,
    config,
    lines: (file: string | null) => (file ? workspace.read(file)?.split(/\r\n|\r|\n/) : undefined),
    isSilenced: silencedChecks(model.settings?.settings.get("SILENCED_SYSTEM_CHECKS")?.value),
    occurrences: new Map<string, number>(),
  };
  const placement = { role: model.project.settingsRole, files: model.settings?.files };
  const findings: Finding[] = [];
  for (const produced of runRules(model, rules, options)) {
    const raw = placedInRole(produced, workspace, placement);
    if (raw) findings.push(toFinding(raw, policy));
  }
  return findings;
}
