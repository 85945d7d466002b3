import type { Area, Severity } from "./vocabulary.js";

/** A rule's user documentation, written once and rendered by `djship explain`, docs/rules.md and SARIF. */
export interface RuleDoc {
  /** What the rule finds, in one sentence. */
  readonly what: string;
  /** Why it matters in production. */
  readonly why: string;
  /** How to fix it: an imperative sentence. */
  readonly fix: string;
  /** A small project where the rule fires: file path → content. Run by the tester. */
  readonly bad?: Readonly<Record<string, string>>;
  /** The same project fixed: the rule must stay quiet. */
  readonly good?: Readonly<Record<string, string>>;
  /** The environment the examples are read with (exact); without it, any environment. */
  readonly environment?: Readonly<Record<string, string>>;
  /** The Django series the examples are read with, for a check that exists only in some; default 5.2. */
  readonly djangoVersion?: string;
  readonly references?: readonly string[];
}

/** What reporters and docs know of a rule: data only, so no reporter imports a rule. */
export interface RuleInfo {
  readonly code: string;
  readonly slug: string;
  readonly area: Area;
  readonly severity: Severity;
  readonly djangoCheck: string | null;
  readonly status: "stable" | "preview";
  readonly since: string;
  readonly doc: RuleDoc;
  readonly docUrl: string;
  /** The parts of the project the rule reads (settings, artifacts, files, python); absent for findings no rule makes. */
  readonly reads?: readonly string[];
}

export type Catalog = ReadonlyMap<string, RuleInfo>;
