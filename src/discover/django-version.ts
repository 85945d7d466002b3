import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import {
  normalizeName,
  parseRequirement,
  parseRequirementsFile,
  parseSpecifiers,
  satisfies,
  type VersionClause,
} from "../artifacts/requirements/parse.js";
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

/** Poetry's caret and tilde requirements in PEP 440 terms. */
function poetryClauses(text: string): VersionClause[] {
  const trimmed = text.trim();
  if (trimmed === "*" || trimmed === "") return [];
  const caret = /^\^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(trimmed);
  if (caret) {
    const [major, minor, patch] = [Number(caret[1]), caret[2] === undefined ? undefined : Number(caret[2]), caret[3]];
    const lower = [caret[1], caret[2] ?? "0", patch ?? "0"].join(".");
    const upper = major > 0 ? `${major + 1}.0.0` : minor !== undefined && minor > 0 ? `0.${minor + 1}.0` : "0.1.0";
    return [
      { op: ">=", version: lower },
      { op: "<", version: upper },
    ];
  }
  const tilde = /^~(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(trimmed);
  if (tilde) {
    const lower = [tilde[1], tilde[2] ?? "0", tilde[3] ?? "0"].join(".");
    const upper = tilde[2] === undefined ? `${Number(tilde[1]) + 1}.0.0` : `${tilde[1]}.${Number(tilde[2]) + 1}.0`;
    return [
      { op: ">=", version: lower },
      { op: "<", version: upper },
    ];
  }
  if (/^\d/.test(trimmed)) return [{ op: "==", version: trimmed }];
  return parseSpecifiers(trimmed);
}

function exactOf(clauses: readonly VersionClause[]): string | null {
  const pin = clauses.find((c) => (c.op === "==" || c.op === "===") && !c.version.endsWith(".*"));
  return pin ? pin.version : null;
}

function findLine(text: string, pattern: RegExp): number {
  const lines = text.split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => pattern.test(l));
  return index < 0 ? 1 : index + 1;
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

function collectPins(workspace: Workspace, under: string): Pin[] {
  const pins: Pin[] = [];
  const inProject = (path: string) => under === "." || path.startsWith(`${under}/`) || !path.includes("/");
  for (const file of workspace.files) {
    if (!inProject(file.path)) continue;
    const text =
      file.kind === "requirements" || file.kind === "pyproject" || file.kind.endsWith("lock") || file.kind === "pipfile"
        ? workspace.read(file.path)
        : undefined;
    if (text === undefined) continue;
    try {
      switch (file.kind) {
        case "requirements":
          for (const requirement of parseRequirementsFile(file.path, text).requirements) {
            if (requirement.name !== "django") continue;
            pins.push({
              clauses: [...requirement.specifiers],
              exact: exactOf(requirement.specifiers),
              file: file.path,
              line: requirement.line,
              text: requirement.specifiers.map((c) => `${c.op}${c.version}`).join(","),
              weight: 10 + requirementsRank(file.path),
            });
          }
          break;
        case "poetry-lock":
        case "uv-lock": {
          const data = parseToml(text) as { package?: { name?: string; version?: string }[] };
          for (const pkg of data.package ?? []) {
            if (pkg.name && normalizeName(pkg.name) === "django" && pkg.version) {
              pins.push({
                clauses: [{ op: "==", version: pkg.version }],
                exact: pkg.version,
                file: file.path,
                line: findLine(text, /^name\s*=\s*"django"/i),
                text: `==${pkg.version}`,
                weight: 0,
              });
            }
          }
          break;
        }
        case "pipfile-lock": {
          const data = JSON.parse(text) as { default?: Record<string, { version?: string }> };
          const entry = Object.entries(data.default ?? {}).find(([name]) => normalizeName(name) === "django")?.[1];
          if (entry?.version) {
            const clauses = parseSpecifiers(entry.version);
            pins.push({
              clauses,
              exact: exactOf(clauses),
              file: file.path,
              line: findLine(text, /"django"\s*:/i),
              text: entry.version,
              weight: 1,
            });
          }
          break;
        }
        case "pipfile": {
          const data = parseToml(text) as { packages?: Record<string, unknown> };
          const entry = Object.entries(data.packages ?? {}).find(([name]) => normalizeName(name) === "django")?.[1];
          const spec =
            typeof entry === "string"
              ? entry
              : typeof entry === "object" && entry && "version" in entry
                ? String((entry as { version: unknown }).version)
                : undefined;
          if (spec) {
            const clauses = spec === "*" ? [] : parseSpecifiers(spec);
            pins.push({ clauses, exact: exactOf(clauses), file: file.path, line: findLine(text, /^django\s*=/i), text: spec, weight: 20 });
          }
          break;
        }
        case "pyproject": {
          const data = parseToml(text) as {
            project?: { dependencies?: string[] };
            tool?: { poetry?: { dependencies?: Record<string, unknown> } };
          };
          for (const dependency of data.project?.dependencies ?? []) {
            const requirement = parseRequirement(dependency, file.path, 1);
            if (requirement?.name === "django") {
              pins.push({
                clauses: [...requirement.specifiers],
                exact: exactOf(requirement.specifiers),
                file: file.path,
                line: findLine(text, /["']django\b/i),
                text: requirement.specifiers.map((c) => `${c.op}${c.version}`).join(","),
                weight: 15,
              });
            }
          }
          const poetry = Object.entries(data.tool?.poetry?.dependencies ?? {}).find(([name]) => normalizeName(name) === "django")?.[1];
          const spec =
            typeof poetry === "string"
              ? poetry
              : typeof poetry === "object" && poetry && "version" in poetry
                ? String((poetry as { version: unknown }).version)
                : undefined;
          if (spec) {
            const clauses = poetryClauses(spec);
            pins.push({ clauses, exact: exactOf(clauses), file: file.path, line: findLine(text, /^django\s*=/i), text: spec, weight: 16 });
          }
          break;
        }
        default:
          break;
      }
    } catch {
      // An unparsable dependency file is reported by its own rule; it just names no version here.
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
