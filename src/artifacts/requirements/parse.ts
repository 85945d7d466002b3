import { posix } from "node:path";

/** One requirement line, PEP 508 as pip reads it. */
export interface Requirement {
  /** Normalised per PEP 503: lower case, runs of -_. as one dash. */
  readonly name: string;
  readonly extras: readonly string[];
  /** Version clauses: [{op: ">=", version: "4.2"}]. */
  readonly specifiers: readonly VersionClause[];
  readonly marker: string | null;
  readonly url: string | null;
  readonly file: string;
  readonly line: number;
}

export interface VersionClause {
  readonly op: string;
  readonly version: string;
}

export interface RequirementsFile {
  readonly path: string;
  readonly requirements: readonly Requirement[];
  /** Files named by -r/-c, resolved relative to this file. */
  readonly includes: readonly { path: string; line: number; constraint: boolean }[];
  readonly problems: readonly { line: number; message: string }[];
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

export function parseSpecifiers(text: string): VersionClause[] {
  const clauses: VersionClause[] = [];
  for (const part of text.split(",")) {
    const match = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s;]+)\s*$/.exec(part);
    if (match) clauses.push({ op: match[1] as string, version: match[2] as string });
  }
  return clauses;
}

const NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*/;

/** Parses one PEP 508 requirement string; undefined when it is not one. */
export function parseRequirement(text: string, file: string, line: number): Requirement | undefined {
  let rest = text.trim();
  let url: string | null = null;

  // A VCS or archive URL with #egg=name.
  const egg = /^(?:-e\s+|--editable\s+)?(\S+:\/\/\S+?)#egg=([A-Za-z0-9._-]+)/.exec(rest);
  if (egg) return { name: normalizeName(egg[2] as string), extras: [], specifiers: [], marker: null, url: egg[1] as string, file, line };
  const match = NAME.exec(rest);
  if (!match) return undefined;
  const name = match[1] as string;
  const extras = (match[2] ?? "")
    .replace(/[[\]]/g, "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  rest = rest.slice(match[0].length);
  let marker: string | null = null;
  const semicolon = rest.indexOf(";");
  if (semicolon >= 0) {
    marker = rest.slice(semicolon + 1).trim() || null;
    rest = rest.slice(0, semicolon);
  }
  if (rest.trim().startsWith("@")) {
    url = rest.trim().slice(1).trim();
    rest = "";
  }
  const specifierText = rest.trim().replace(/^\(|\)$/g, "");
  if (specifierText && !/^(~=|===|==|!=|<=|>=|<|>)/.test(specifierText)) return undefined;
  return { name: normalizeName(name), extras, specifiers: parseSpecifiers(specifierText), marker, url, file, line };
}

/** Parses a pip requirements file: comments, continuations, options, -r/-c includes. */
export function parseRequirementsFile(path: string, text: string): RequirementsFile {
  const requirements: Requirement[] = [];
  const includes: { path: string; line: number; constraint: boolean }[] = [];
  const problems: { line: number; message: string }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i] as string;
    while (line.endsWith("\\") && i + 1 < lines.length) {
      i++;
      line = `${line.slice(0, -1)} ${lines[i]}`;
    }
    line = line.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const include = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      includes.push({
        path: posix.normalize(posix.join(posix.dirname(path), include[2] as string)),
        line: lineNumber,
        constraint: (include[1] as string).startsWith("-c") || include[1] === "--constraint",
      });
      continue;
    }
    if (/^-e\s|^--editable/.test(line)) {
      const requirement = parseRequirement(line, path, lineNumber);
      if (requirement) requirements.push(requirement);
      continue;
    }
    if (line.startsWith("-")) continue; // --index-url, --hash, -f and other pip options
    const withoutOptions = line.replace(/\s--\S+(=\S+)?/g, "");
    const requirement = parseRequirement(withoutOptions, path, lineNumber);
    if (requirement) requirements.push(requirement);
    else problems.push({ line: lineNumber, message: `not a requirement pip understands: ${line.slice(0, 80)}` });
  }
  return { path, requirements, includes, problems };
}

/** PEP 440 release numbers, enough to order X.Y.Z versions; pre-releases sort before their release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview|dev)[-_.]?(\d*))?/i.exec(v.trim());
    const release = (match?.[1] ?? "0").split(".").map(Number);
    const pre = match?.[2] ? -1 : 0;
    return { release, pre };
  };
  const x = parse(a);
  const y = parse(b);
  const n = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < n; i++) {
    const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.pre - y.pre;
}

/** Whether a version satisfies every clause (PEP 440 semantics for the operators pip users write). */
export function satisfies(version: string, clauses: readonly VersionClause[]): boolean {
  return clauses.every(({ op, version: target }) => {
    if (target.endsWith(".*")) {
      const prefix = target.slice(0, -2);
      const matches = version === prefix || version.startsWith(`${prefix}.`);
      return op === "!=" ? !matches : matches;
    }
    const c = compareVersions(version, target);
    switch (op) {
      case "==":
      case "===":
        return c === 0;
      case "!=":
        return c !== 0;
      case "<":
        return c < 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      case ">=":
        return c >= 0;
      case "~=": {
        const parts = target.split(".");
        const upper = parts.slice(0, -1);
        const last = upper.length - 1;
        upper[last] = String(Number(upper[last]) + 1);
        return c >= 0 && compareVersions(version, upper.join(".")) < 0;
      }
      default:
        return true;
    }
  });
}
