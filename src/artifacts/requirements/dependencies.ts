import { parse as parseToml } from "smol-toml";
import { normalizeName, parseRequirement, parseRequirementsFile, parseSpecifiers, type VersionClause } from "./parse.js";

/** The files to read dependencies from: a workspace's classified files and a bounded reader. */
export interface DependencySource {
  readonly files: readonly { readonly path: string; readonly kind: string }[];
  read(path: string): string | undefined;
}

/** One declared dependency of the project, wherever it is declared. */
export interface Dependency {
  /** PEP 503 normalised name: lower case, dashes. */
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifiers: readonly VersionClause[];
  /** The exact version when pinned (== or a lock file). */
  readonly version: string | null;
  readonly file: string;
  readonly line: number;
  readonly source: "requirements" | "pyproject" | "poetry" | "poetry-lock" | "uv-lock" | "pipfile" | "pipfile-lock";
  /** A development-only declaration: requirements/dev.txt, [tool.poetry.group.dev], Pipfile [dev-packages]. */
  readonly dev: boolean;
  /**
   * The group or section it is declared in when not the main list: a PEP 621 optional-dependencies
   * or dependency-groups name, a Poetry group, "dev-dependencies", "dev-packages", "develop".
   */
  readonly group: string | null;
  /** The version requirement as written in the file ("^4.2", "==4.2.1", "*"), for messages. */
  readonly written: string;
}

function findLine(text: string, pattern: RegExp): number {
  const index = text.split(/\r\n|\r|\n/).findIndex((line) => pattern.test(line));
  return index < 0 ? 1 : index + 1;
}

/**
 * Poetry's caret and tilde requirements in PEP 440 terms (https://python-poetry.org/docs/dependency-specification/):
 * ^4.2 is >=4.2.0,<5.0.0, ~4.2 is >=4.2.0,<4.3.0, a bare version is ==.
 */
export function poetryClauses(text: string): VersionClause[] {
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

/** A declaration, with the exact version its clauses pin (a lock file's == included). */
function declared(dependency: Omit<Dependency, "version">): Dependency {
  return { ...dependency, version: exactOf(dependency.specifiers) };
}

/** A PEP 508 requirement's clauses as written: ">=4.2,<5". */
function writtenOf(clauses: readonly VersionClause[]): string {
  return clauses.map((c) => `${c.op}${c.version}`).join(",");
}

/** The requirement of a Poetry or Pipfile entry: a string, or a table's `version` ("" when it has none). */
function tableVersion(spec: unknown): string {
  if (typeof spec === "string") return spec;
  return typeof spec === "object" && spec && "version" in spec ? String((spec as { version: unknown }).version) : "";
}

const DEV_FILE = /(^|[/_.-])(dev|develop|development|test|tests|testing|local|lint|docs?|ci)([/_.-]|$)/i;

function escapeName(name: string): string {
  return name.replace(/[-_.]/g, "[-_.]");
}

/**
 * Every dependency the project declares, from requirements files, pyproject.toml (PEP 621 and
 * Poetry), Pipfile and the lock files, under the project folder (or at the repository root).
 */
export function collectDependencies(workspace: DependencySource, projectRoot: string): Dependency[] {
  const deps: Dependency[] = [];
  const add = (dependency: Omit<Dependency, "version">) => deps.push(declared(dependency));
  const inScope = (path: string) => projectRoot === "." || path.startsWith(`${projectRoot}/`) || !path.includes("/");
  for (const file of workspace.files) {
    if (!inScope(file.path)) continue;
    if (!["requirements", "pyproject", "poetry-lock", "uv-lock", "pipfile", "pipfile-lock"].includes(file.kind)) continue;
    const text = workspace.read(file.path);
    if (text === undefined) continue;
    try {
      switch (file.kind) {
        case "requirements":
          for (const r of parseRequirementsFile(file.path, text).requirements) {
            add({
              name: r.name,
              extras: r.extras,
              specifiers: r.specifiers,
              file: file.path,
              line: r.line,
              source: "requirements",
              dev: DEV_FILE.test(file.path),
              group: null,
              written: writtenOf(r.specifiers),
            });
          }
          break;
        case "pyproject": {
          const data = parseToml(text) as {
            project?: { dependencies?: unknown; "optional-dependencies"?: Record<string, unknown> };
            "dependency-groups"?: Record<string, unknown>;
            tool?: {
              poetry?: {
                dependencies?: Record<string, unknown>;
                group?: Record<string, { dependencies?: Record<string, unknown> }>;
                "dev-dependencies"?: Record<string, unknown>;
              };
            };
          };
          const pep621 = (list: unknown, dev: boolean, group: string | null) => {
            if (!Array.isArray(list)) return;
            for (const entry of list) {
              if (typeof entry !== "string") continue;
              const r = parseRequirement(entry, file.path, 1);
              if (r)
                add({
                  name: r.name,
                  extras: r.extras,
                  specifiers: r.specifiers,
                  file: file.path,
                  line: findLine(text, new RegExp(`["']${escapeName(r.name)}\\b`, "i")),
                  source: "pyproject",
                  dev,
                  group,
                  written: writtenOf(r.specifiers),
                });
            }
          };
          pep621(data.project?.dependencies, false, null);
          for (const [group, list] of Object.entries(data.project?.["optional-dependencies"] ?? {}))
            pep621(list, DEV_FILE.test(group), group);
          for (const [group, list] of Object.entries(data["dependency-groups"] ?? {}))
            pep621(list, DEV_FILE.test(group) || group !== "prod", group);
          const poetry = (table: Record<string, unknown> | undefined, dev: boolean, group: string | null) => {
            for (const [name, spec] of Object.entries(table ?? {})) {
              if (normalizeName(name) === "python") continue;
              const text_ = tableVersion(spec);
              const clauses = poetryClauses(text_);
              const extras =
                typeof spec === "object" && spec && "extras" in spec && Array.isArray((spec as { extras: unknown }).extras)
                  ? (spec as { extras: string[] }).extras
                  : [];
              add({
                name: normalizeName(name),
                extras,
                specifiers: clauses,
                file: file.path,
                line: findLine(text, new RegExp(`^\\s*${escapeName(name)}\\s*=`, "i")),
                source: "poetry",
                dev,
                group,
                written: text_,
              });
            }
          };
          poetry(data.tool?.poetry?.dependencies, false, null);
          poetry(data.tool?.poetry?.["dev-dependencies"], true, "dev-dependencies");
          for (const [group, table] of Object.entries(data.tool?.poetry?.group ?? {})) poetry(table.dependencies, group !== "main", group);
          break;
        }
        case "poetry-lock":
        case "uv-lock": {
          const data = parseToml(text) as { package?: { name?: string; version?: string; category?: string }[] };
          for (const pkg of data.package ?? []) {
            if (!pkg.name) continue;
            add({
              name: normalizeName(pkg.name),
              extras: [],
              specifiers: pkg.version ? [{ op: "==", version: pkg.version }] : [],
              file: file.path,
              line: findLine(text, new RegExp(`^name\\s*=\\s*"${escapeName(pkg.name)}"`, "i")),
              source: file.kind,
              dev: pkg.category === "dev",
              group: null,
              written: pkg.version ? `==${pkg.version}` : "",
            });
          }
          break;
        }
        case "pipfile": {
          const data = parseToml(text) as { packages?: Record<string, unknown>; "dev-packages"?: Record<string, unknown> };
          for (const [section, dev] of [
            ["packages", false],
            ["dev-packages", true],
          ] as const) {
            for (const [name, spec] of Object.entries(data[section] ?? {})) {
              const written = tableVersion(spec);
              // A table without a version (a git or path source) takes any version.
              const text_ = written || "*";
              const clauses = text_ === "*" ? [] : parseSpecifiers(text_);
              add({
                name: normalizeName(name),
                extras: [],
                specifiers: clauses,
                file: file.path,
                line: findLine(text, new RegExp(`^\\s*"?${escapeName(name)}"?\\s*=`, "i")),
                source: "pipfile",
                dev,
                group: dev ? section : null,
                written,
              });
            }
          }
          break;
        }
        case "pipfile-lock": {
          const data = JSON.parse(text) as Record<string, Record<string, { version?: string }>>;
          for (const [section, dev] of [
            ["default", false],
            ["develop", true],
          ] as const) {
            for (const [name, entry] of Object.entries(data[section] ?? {})) {
              const clauses = entry.version ? parseSpecifiers(entry.version) : [];
              add({
                name: normalizeName(name),
                extras: [],
                specifiers: clauses,
                file: file.path,
                line: findLine(text, new RegExp(`"${escapeName(name)}"\\s*:`, "i")),
                source: "pipfile-lock",
                dev,
                group: dev ? section : null,
                written: entry.version ?? "",
              });
            }
          }
          break;
        }
        default:
          break;
      }
    } catch {
      // An unparsable dependency file declares nothing; the artifact rules report the file itself.
    }
  }
  return deps;
}
