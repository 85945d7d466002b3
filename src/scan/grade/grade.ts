import { WEIGHTS } from "./weights.js";

/** Grades from best to worst, as the MDN HTTP Observatory gives them. */
export const GRADES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"] as const;
export type Grade = (typeof GRADES)[number];

// Score (rounded down to a multiple of 5, capped at 100) → grade: the Observatory's GRADE_CHART.
const CHART: ReadonlyMap<number, Grade> = new Map([
  [100, "A+"],
  [95, "A"],
  [90, "A"],
  [85, "A-"],
  [80, "B+"],
  [75, "B"],
  [70, "B"],
  [65, "B-"],
  [60, "C+"],
  [55, "C"],
  [50, "C"],
  [45, "C-"],
  [40, "D+"],
  [35, "D"],
  [30, "D"],
  [25, "D-"],
  [20, "F"],
  [15, "F"],
  [10, "F"],
  [5, "F"],
  [0, "F"],
]);

/** Bonuses count only when the score without them is at least this (the Observatory's extra-credit rule). */
export const MINIMUM_SCORE_FOR_BONUS = 90;

export function gradeForScore(score: number): Grade {
  const key = Math.min(Math.max(score, 0) - (Math.max(score, 0) % 5), 100);
  return CHART.get(key) ?? "F";
}

/** Whether `grade` is below `threshold` (F is below everything but itself). */
export function isBelow(grade: Grade | null, threshold: Grade): boolean {
  if (grade === null) return true;
  return GRADES.indexOf(grade) > GRADES.indexOf(threshold);
}

export function isGrade(text: string): text is Grade {
  return (GRADES as readonly string[]).includes(text);
}

export interface GradedOutcome {
  readonly probe: string;
  readonly outcome: string;
}

export interface Score {
  readonly score: number;
  readonly grade: Grade;
  /** Each probe's contribution, for the explanation in human reports. */
  readonly modifiers: readonly { probe: string; outcome: string; points: number }[];
}

/**
 * Scores one site: 100, plus each probe's points once — the weight of its worst outcome when it
 * has several (two problems with cookies cost what the worse costs, as in the Observatory). Bonuses
 * (positive weights) count only when the score without them reaches MINIMUM_SCORE_FOR_BONUS, so
 * A+ (100 and over) needs both no real problem and extra hardening. Never below 0.
 */
export function scoreOutcomes(outcomes: readonly GradedOutcome[]): Score {
  const byProbe = new Map<string, { outcome: string; points: number }>();
  for (const { probe, outcome } of outcomes) {
    const points = WEIGHTS[probe]?.[outcome];
    if (points === undefined) throw new Error(`no weight for probe ${probe} outcome ${outcome} (scan/grade/weights.ts)`);
    const current = byProbe.get(probe);
    if (!current || points < current.points) byProbe.set(probe, { outcome, points });
  }
  const modifiers = [...byProbe].map(([probe, { outcome, points }]) => ({ probe, outcome, points }));
  const penalties = modifiers.reduce((sum, m) => sum + Math.min(0, m.points), 0);
  const bonuses = modifiers.reduce((sum, m) => sum + Math.max(0, m.points), 0);
  const uncurved = 100 + penalties;
  const score = Math.max(0, uncurved >= MINIMUM_SCORE_FOR_BONUS ? uncurved + bonuses : uncurved);
  return { score, grade: gradeForScore(score), modifiers };
}
