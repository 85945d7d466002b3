import type { Area, Severity } from "./vocabulary.js";

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message?: string;
}

export interface Suppression {
  readonly kind: "inline" | "config" | "silenced" | "baseline";
  readonly reason: string;
}

/** One finding: the same shape for audit (file and line) and scan (url and evidence). */
export interface Finding {
  readonly rule: string;
  /** The Django system check that reports the same thing in this environment, or null. */
  readonly djangoCheck: string | null;
  readonly severity: Severity;
  readonly area: Area;
  readonly message: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  /** Environment variables the finding depends on. */
  readonly env: readonly string[];
  /** The Django project (its folder, relative to the audited path), for audit findings. */
  readonly project: string | null;
  readonly fix: string;
  readonly docUrl: string;
  readonly related: readonly Location[];
  readonly suppressed: boolean;
  readonly suppression?: Suppression;
  /** Set when a baseline was given: "unchanged" findings were in it and are not reported as new. */
  readonly baseline?: "new" | "unchanged";
  /** Stable across line shifts: what --baseline matches on. */
  readonly fingerprint: string;
  /** Scan findings only. */
  readonly url?: string;
  readonly evidence?: string;
}
