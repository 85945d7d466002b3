import type { DjangoSeries } from "../django/versions.js";
import type { RuleDoc } from "../findings/catalog.js";
import type { Project, ProjectPart } from "../model/project-view.js";
import type { Area, Severity } from "./areas.js";
import type { World } from "./world.js";

export type { RuleDoc } from "../findings/catalog.js";
export { docUrl, formatMessage } from "../findings/vocabulary.js";

/**
 * The parts of the project a rule reads (model/project-view.ts says which property is which part).
 * The rule tester and the doc-example test check the list: every part a rule reads is declared,
 * and every part declared is read.
 */
export type Readable = ProjectPart;

export interface RuleMeta<M extends Record<string, string>> {
  readonly code: string;
  readonly slug: string;
  readonly area: Area;
  readonly severity: Severity;
  /** The Django system check this rule mirrors, with the same condition in the same versions. */
  readonly djangoCheck?: string;
  /** The Django series that have that check (inclusive); absent means every series djship knows. */
  readonly djangoSeries?: { readonly since?: DjangoSeries; readonly until?: DjangoSeries };
  readonly since: string;
  readonly status?: "stable" | "preview";
  readonly reads: readonly Readable[];
  readonly doc: RuleDoc;
  /** Message templates with {placeholders}, keyed by message id. */
  readonly messages: M;
}

/** What a settings rule finds in one world: which setting is responsible, and the message. */
export interface Verdict<M extends Record<string, string>> {
  /** The setting the finding points at (its assignment, or the settings module when unset). */
  readonly at: string;
  readonly messageId: keyof M & string;
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * A different check ID for this verdict (one rule, several IDs: W010/W011/W012 are not), or null
   * where Django prints no ID for it (it stops with a traceback instead).
   */
  readonly djangoCheck?: string | null;
  /** Where the finding points when that is project code (a model, a URL pattern) rather than the setting `at`. */
  readonly place?: Place;
}

/**
 * A rule over the settings alone, written like Django's own check: it reads a {@link World} and
 * returns verdicts (it fires), false (it does not), or undefined (it cannot tell). The runner replays
 * it over alternatives and in the world where every optional variable is unset, so one condition
 * gives parity with Django, branch-aware findings and insecure defaults.
 */
export interface SettingsRule<M extends Record<string, string>> extends RuleMeta<M> {
  readonly kind: "settings";
  /**
   * The rule reports a mistake in the code on any path, including one the environment chooses
   * (a removed setting assigned `if os.environ.get("S3")`). Without it, alternatives chosen by a
   * condition on a variable are that variable's value: the world with it unset decides (rules/run.ts).
   */
  readonly everyPath?: boolean;
  /**
   * A default that DEBUG's own variables choose, in the world where DEBUG is then on, is the
   * development path and not reported (`if not SECRET_KEY and DEBUG: SECRET_KEY = random()`):
   * production runs with DEBUG off, and DEBUG's default is CFG018's finding (rules/run.ts).
   */
  readonly debugPathIsDevelopment?: boolean;
  test(world: World): Verdict<M> | readonly Verdict<M>[] | false | undefined;
}

export interface Place {
  readonly file: string | null;
  readonly line?: number | null;
  readonly column?: number | null;
}

export interface ReportExtra {
  readonly related?: readonly { file: string; line: number; column?: number; message?: string }[];
  readonly env?: readonly string[];
  readonly djangoCheck?: string | null;
  /** Overrides the rule's severity for this finding (for example info for a likely-harmless case). */
  readonly severity?: Severity;
}

/**
 * What a project rule is handed: the whole read-only {@link Project}, built once per project, and a
 * way to report. Settings, files, deployment, code, dependencies and the Django series are all read
 * from `project`, so a rule's `reads` list is checked against one object (rules/reads.ts). No rule
 * reads the loaded ProjectModel `project` is built from.
 */
export interface RuleContext<M extends Record<string, string>> {
  readonly project: Project;
  report(messageId: keyof M & string, place: Place, data?: Readonly<Record<string, string | number>>, extra?: ReportExtra): void;
}

/** A rule over the whole project model: settings, deployment files, dependencies. */
export interface ProjectRule<M extends Record<string, string>> extends RuleMeta<M> {
  readonly kind: "project";
  check(context: RuleContext<M>): void;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds rules of every message set.
export type AnyRule = SettingsRule<any> | ProjectRule<any>;

export function defineSettingsRule<const M extends Record<string, string>>(rule: Omit<SettingsRule<M>, "kind">): SettingsRule<M> {
  return { ...rule, kind: "settings" };
}

export function defineRule<const M extends Record<string, string>>(rule: Omit<ProjectRule<M>, "kind">): ProjectRule<M> {
  return { ...rule, kind: "project" };
}
