import { parse as parseToml } from "smol-toml";
import {
  normalizeName,
  parseRequirement,
  parseRequirementsFile,
  parseSpecifiers,
  type VersionClause,
} from "../artifacts/requirements/parse.js";
import type { Workspace } from "../discover/workspace.js";

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
}

function findLine(text: string, pattern: RegExp): number {
  const index = text.split(/\r\n|\r|\n/).findIndex((line) => pattern.test(line));
  return index < 0 ? 1 : index + 1;
}

function exactOf(clauses: readonly VersionClause[]): string | null {
  const pin = clauses.find((c) => (c.op === "==" || c.op === "===") && !c.version.endsWith(".*"));
  return pin ? pin.version : null;
}

const DEV_FILE = /(^|[/_.-])(dev|develop|development|test|tests|testing|local|lint|docs?|ci)([/_.-]|$)/i;

function escapeName(name: string): string {
  return name.replace(/[-_.]/g, "[-_.]");
}

/**
 * Every dependency the project declares, from requirements files, pyproject.toml (PEP 621 and
 * Poetry), Pipfile and the lock files, under the project folder (or at the repository root).
 */
export function collectDependencies(workspace: Workspace, projectRoot: string): Dependency[] {
  const deps: Dependency[] = [];
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
            deps.push({
              name: r.name,
              extras: r.extras,
              specifiers: r.specifiers,
              version: exactOf(r.specifiers),
              file: file.path,
              line: r.line,
              source: "requirements",
              dev: DEV_FILE.test(file.path),
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
          const pep621 = (list: unknown, dev: boolean) => {
            if (!Array.isArray(list)) return;
            for (const entry of list) {
              if (typeof entry !== "string") continue;
              const r = parseRequirement(entry, file.path, 1);
              if (r)
                deps.push({
                  name: r.name,
                  extras: r.extras,
                  specifiers: r.specifiers,
                  version: exactOf(r.specifiers),
                  file: file.path,
                  line: findLine(text, new RegExp(`["']${escapeName(r.name)}\\b`, "i")),
                  source: "pyproject",
                  dev,
                });
            }
          };
          pep621(data.project?.dependencies, false);
          for (const [group, list] of Object.entries(data.project?.["optional-dependencies"] ?? {})) pep621(list, DEV_FILE.test(group));
          for (const [group, list] of Object.entries(data["dependency-groups"] ?? {}))
            pep621(list, DEV_FILE.test(group) || group !== "prod");
          const poetry = (table: Record<string, unknown> | undefined, dev: boolean) => {
            for (const [name, spec] of Object.entries(table ?? {})) {
              if (normalizeName(name) === "python") continue;
              const text_ =
                typeof spec === "string"
                  ? spec
                  : typeof spec === "object" && spec && "version" in spec
                    ? String((spec as { version: unknown }).version)
                    : "";
              const clauses = /^[\d]/.test(text_) ? [{ op: "==", version: text_ }] : parseSpecifiers(text_);
              const extras =
                typeof spec === "object" && spec && "extras" in spec && Array.isArray((spec as { extras: unknown }).extras)
                  ? (spec as { extras: string[] }).extras
                  : [];
              deps.push({
                name: normalizeName(name),
                extras,
                specifiers: clauses,
                version: exactOf(clauses),
                file: file.path,
                line: findLine(text, new RegExp(`^\\s*${escapeName(name)}\\s*=`, "i")),
                source: "poetry",
                dev,
              });
            }
          };
          poetry(data.tool?.poetry?.dependencies, false);
          poetry(data.tool?.poetry?.["dev-dependencies"], true);
          for (const [group, table] of Object.entries(data.tool?.poetry?.group ?? {})) poetry(table.dependencies, group !== "main");
          break;
        }
        case "poetry-lock":
        case "uv-lock": {
          const data = parseToml(text) as { package?: { name?: string; version?: string; category?: string }[] };
          for (const pkg of data.package ?? []) {
            if (!pkg.name) continue;
            deps.push({
              name: normalizeName(pkg.name),
              extras: [],
              specifiers: pkg.version ? [{ op: "==", version: pkg.version }] : [],
              version: pkg.version ?? null,
              file: file.path,
              line: findLine(text, new RegExp(`^name\\s*=\\s*"${escapeName(pkg.name)}"`, "i")),
              source: file.kind,
              dev: pkg.category === "dev",
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
              const text_ =
                typeof spec === "string"
                  ? spec
                  : typeof spec === "object" && spec && "version" in spec
                    ? String((spec as { version: unknown }).version)
                    : "*";
              const clauses = text_ === "*" ? [] : parseSpecifiers(text_);
              deps.push({
                name: normalizeName(name),
                extras: [],
                specifiers: clauses,
                version: exactOf(clauses),
                file: file.path,
                line: findLine(text, new RegExp(`^\\s*"?${escapeName(name)}"?\\s*=`, "i")),
                source: "pipfile",
                dev,
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
              deps.push({
                name: normalizeName(name),
                extras: [],
                specifiers: clauses,
                version: exactOf(clauses),
                file: file.path,
                line: findLine(text, new RegExp(`"${escapeName(name)}"\\s*:`, "i")),
                source: "pipfile-lock",
                dev,
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

/** The dependencies a production install has: every non-development declaration, by name. */
export class Dependencies {
  readonly all: readonly Dependency[];
  private readonly byName = new Map<string, Dependency[]>();

  constructor(all: readonly Dependency[]) {
    this.all = all;
    for (const dep of all) {
      const list = this.byName.get(dep.name) ?? [];
      list.push(dep);
      this.byName.set(dep.name, list);
    }
  }

  /** Whether any of these packages is declared for production (names are normalised). */
  has(...names: string[]): boolean {
    return names.some((name) => (this.byName.get(normalizeName(name)) ?? []).some((d) => !d.dev));
  }

  /** The first production declaration of a package, for findings to point at. */
  find(...names: string[]): Dependency | undefined {
    for (const name of names) {
      const found = (this.byName.get(normalizeName(name)) ?? []).find((d) => !d.dev);
      if (found) return found;
    }
    return undefined;
  }

  /** Whether the project declares any dependencies at all (a project without them cannot be judged). */
  get isEmpty(): boolean {
    return this.all.length === 0;
  }
}
