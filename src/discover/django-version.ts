import { posix } from "node:path";
import { collectDependencies } from "../artifacts/requirements/dependencies.js";
import { satisfies, type VersionClause } from "../artifacts/requirements/parse.js";
import { CURRENT_LTS, compareSeries, DJANGO_SERIES, type DjangoSeries, isDjangoSeries } from "../django/versions.js";
import type { Workspace } from "./workspace.js";

export interface DjangoVersionChoice {
  /** The series whose defaults and checks apply. */
  readonly series: DjangoSeries;
  /** The exact version when a lock file or an == pin names one. */
  readonly version: string | null;
  /** How it was decided: "flag", "default", or the file and line of the pin. */
  readonly source: string;
  readonly file: string | null;
  readonly line: number | null;
  /** The specifier as written, for messages. */
  readonly specifier: string | null;
}

interface Pin {
  clauses: VersionClause[];
  exact: string | null;
  file: string;
  line: number;
  text: string;
  /** Lock files record what is installed: they outrank ranges in requirements. */
  weight: number;
}

/** The highest series some version of which satisfies every clause, or undefined. */
export function seriesFor(clauses: readonly VersionClause[]): DjangoSeries | undefined {
  const candidates = [...DJANGO_SERIES].sort((a, b) => compareSeries(b, a));
  for (const series of candidates) {
    // Inside a series the clauses are intervals: a version that satisfies them is at a bound the
    // clauses name, just past one, or at either end of the series.
    const versions = new Set([`${series}.0`, `${series}.999`]);
    for (const clause of clauses) {
      if (!clause.version.startsWith(`${series}.`) && clause.version !== series) continue;
      const patch = Number(clause.version.split(".")[2] ?? 0);
      for (const p of [patch - 1, patch, patch + 1]) if (p >= 0) versions.add(`${series}.${p}`);
    }
    for (const version of versions) if (satisfies(version, clauses)) return series;
  }
  return undefined;
}

/** Requirement files earlier in this list are trusted first: production files before development ones. */
function requirementsRank(path: string): number {
  const name = posix.basename(path).toLowerCase();
  if (/prod/.test(name)) return 0;
  if (name === "requirements.txt") return 1;
  if (/base|common|main/.test(name)) return 2;
  if (/dev|test|local|lint|doc/.test(name)) return 5;
  return 3;
}

/**
 * Every declaration of Django, from the one dependency parser (artifacts/requirements), with how
 * far each is trusted: lock files first (what is installed), then requirements files (production
 * before development ones), pyproject.toml's PEP 621 and Poetry lists, the Pipfile last.
 */
function collectPins(workspace: Workspace, under: string): Pin[] {
  const pins: Pin[] = [];
  for (const dep of collectDependencies(workspace, under)) {
    if (dep.name !== "django") continue;
    const pin = (weight: number, text = dep.written) =>
      pins.push({ clauses: [...dep.specifiers], exact: dep.version, file: dep.file, line: dep.line, text, weight });
    switch (dep.source) {
      case "poetry-lock":
      case "uv-lock":
        if (dep.version) pin(0);
        break;
      case "pipfile-lock":
        if (!dep.dev && dep.written) pin(1);
        break;
      case "requirements":
        pin(10 + requirementsRank(dep.file));
        break;
      case "pyproject":
        if (dep.group === null) pin(15);
        break;
      case "poetry":
        if (dep.group === null && dep.written) pin(16);
        break;
      case "pipfile":
        if (!dep.dev && dep.written) pin(20);
        break;
    }
  }
  return pins.sort((a, b) => a.weight - b.weight);
}

/**
 * The Django series a project runs: --django-version, else the pin in its lock or requirements
 * files (an exact pin gives its series, a range the highest supported series inside it), else the
 * current LTS.
 */
export function chooseDjangoVersion(workspace: Workspace, projectRoot: string, flag?: string): DjangoVersionChoice {
  if (flag) {
    const series = /^(\d+\.\d+)/.exec(flag)?.[1] ?? flag;
    if (isDjangoSeries(series)) {
      return { series, version: /^\d+\.\d+\.\d+/.test(flag) ? flag : null, source: "flag", file: null, line: null, specifier: null };
    }
  }
  for (const pin of collectPins(workspace, projectRoot)) {
    const series = seriesFor(pin.clauses);
    if (series) {
      return { series, version: pin.exact, source: `${pin.file}:${pin.line}`, file: pin.file, line: pin.line, specifier: pin.text || null };
    }
    if (pin.exact) {
      // A pin older than the oldest series djship models (2.2, say): read it with 3.2's defaults.
      const oldest = DJANGO_SERIES[0];
      return { series: oldest, version: pin.exact, source: `${pin.file}:${pin.line}`, file: pin.file, line: pin.line, specifier: pin.text };
    }
  }
  return { series: CURRENT_LTS, version: null, source: "default", file: null, line: null, specifier: null };
}
