import { posix } from "node:path";
import { parseCompose } from "../artifacts/compose/parse.js";
import type { FileKind } from "./classify.js";
import type { GitView } from "./git.js";
import { type FileRole, type RoleVerdict, roleFromHeader, roleFromPath } from "./roles.js";

export type { FileRole, RoleVerdict };

/** One line of the `files` listing of `djship settings --format json`. */
export interface FileRoleEntry {
  readonly path: string;
  readonly kind: FileKind;
  readonly role: FileRole;
  readonly evidence: string;
}

export interface FileRolesInputs {
  readonly files: readonly { readonly path: string; readonly kind: FileKind }[];
  read(path: string): string | undefined;
  git(): GitView;
  /** `production = [...]` in the configuration: these files are production whatever else says. */
  readonly production: readonly RegExp[];
  /** The --env-file (or env-file) path relative to the workspace root: the production environment itself. */
  readonly envFile?: string | undefined;
}

const PRODUCTION: RoleVerdict = { role: "production", evidence: "nothing marks it otherwise" };

/**
 * A settings module name whose last part names a development or test configuration. `docker_compose`
 * names the settings of the stack `docker compose up` starts on a contributor's machine (Read the
 * Docs' readthedocs.settings.docker_compose): a production compose file that uses it says so itself.
 */
export const DEV_MODULE = /(^|\.)(dev|develop|development|local|debug|docker_?dev|docker_compose)$/i;
export const TEST_MODULE = /(^|\.)(test|tests|testing|test_settings|settings_test|ci)$/i;

/**
 * Compose files whose services run a developer's setup: `manage.py runserver` with the checkout
 * bind-mounted, or DJANGO_SETTINGS_MODULE naming a development or test module.
 */
function roleFromCompose(path: string, text: string): RoleVerdict | undefined {
  const file = parseCompose(path, text);
  for (const service of file.services) {
    const settings = service.environment.find((e) => e.key === "DJANGO_SETTINGS_MODULE")?.value;
    if (settings && TEST_MODULE.test(settings))
      return { role: "test", evidence: `service ${service.name} runs with DJANGO_SETTINGS_MODULE=${settings}` };
    if (settings && DEV_MODULE.test(settings))
      return { role: "development", evidence: `service ${service.name} runs with DJANGO_SETTINGS_MODULE=${settings}` };
    const command = [...(service.entrypoint?.words ?? []), ...(service.command?.words ?? [])].join(" ");
    const checkout = service.volumes.find((v) => v.type === "bind" && v.source !== null && /^\.{1,2}(\/[\w.-]*)?\/?$/.test(v.source));
    if (/\brunserver(_plus)?\b/.test(command) && checkout)
      return {
        role: "development",
        evidence: `service ${service.name} runs runserver with the checkout bind-mounted (${checkout.source}:${checkout.target})`,
      };
    // A container kept idle for someone to exec into, the checkout mounted: a development container.
    if (/^(sleep (infinity|inf)|tail -f \/dev\/null|sleep \d{4,})$/.test(command.trim()) && checkout)
      return { role: "development", evidence: `service ${service.name} idles (${command.trim()}) with the checkout bind-mounted` };
    // Built from a development Dockerfile (.devcontainer/Dockerfile, Dockerfile.dev...): the stack is a developer's.
    if (service.build) {
      const dockerfile = posix.normalize(posix.join(posix.dirname(path), service.build.context, service.build.dockerfile ?? "Dockerfile"));
      const built = roleFromPath(dockerfile, "dockerfile");
      if (built && built.role !== "production" && built.role !== "example")
        return { role: built.role, evidence: `service ${service.name} builds ${dockerfile} (${built.evidence})` };
    }
    // An app server that reloads on code changes over a bind-mounted checkout is a developer's loop.
    if (/(^|\s)--(reload|py-autoreload(=\S+)?|honour-stdin)(\s|$)/.test(command) && checkout)
      return {
        role: "development",
        evidence: `service ${service.name} reloads its server on code changes with the checkout bind-mounted (${checkout.source}:${checkout.target})`,
      };
  }
  return undefined;
}

/**
 * The role of every deployment file: production, development, test, CI-only or example, with the
 * evidence. Decided once, before any rule reads a file, from the configuration, the path, git, the
 * header and (for compose) what the services run.
 */
export class FileRoles {
  private readonly verdicts = new Map<string, RoleVerdict>();
  private readonly kinds: ReadonlyMap<string, FileKind>;

  constructor(private readonly inputs: FileRolesInputs) {
    this.kinds = new Map(inputs.files.map((f) => [f.path, f.kind]));
  }

  /** The role of a file of the workspace (any path: files djship has no kind for are judged by path). */
  of(path: string): RoleVerdict {
    const cached = this.verdicts.get(path);
    if (cached) return cached;
    const verdict = this.decide(path);
    this.verdicts.set(path, verdict);
    return verdict;
  }

  /** Whether a file is the --env-file: it describes the production environment and is never audited as a file. */
  isEnvironmentFile(path: string): boolean {
    return this.inputs.envFile !== undefined && path === this.inputs.envFile;
  }

  isProduction(path: string): boolean {
    return this.of(path).role === "production";
  }

  private decide(path: string): RoleVerdict {
    const kind = this.kinds.get(path);
    if (this.inputs.production.some((glob) => glob.test(path)))
      return { role: "production", evidence: "listed in `production` in the configuration" };
    if (this.inputs.envFile !== undefined && path === this.inputs.envFile)
      return { role: "production", evidence: "named by --env-file: the production environment" };
    const byPath = roleFromPath(path, kind);
    if (byPath) return byPath;
    if (kind === "dotenv") {
      const git = this.inputs.git();
      if (git.isTracked(path) !== true && git.isIgnored(path).ignored)
        return {
          role: "development",
          evidence: "excluded by .gitignore and not tracked by git: a local environment, not the repository's",
        };
    }
    if (kind === undefined || kind === "github-actions" || kind === "gitlab-ci" || kind === "jenkinsfile" || kind === "ci-other")
      return PRODUCTION;
    const text = this.inputs.read(path);
    if (text === undefined) return PRODUCTION;
    const byHeader = roleFromHeader(text);
    if (byHeader) return byHeader;
    if (kind === "compose") return roleFromCompose(path, text) ?? PRODUCTION;
    return PRODUCTION;
  }

  /** Every deployment file with its role, for `djship settings --format json`; Python files only when named. */
  listing(paths?: readonly string[]): FileRoleEntry[] {
    const wanted = paths ? new Set(paths) : undefined;
    return this.inputs.files
      .filter((f) => f.kind !== "python" || wanted?.has(f.path))
      .map((f) => ({ path: f.path, kind: f.kind, ...this.of(f.path) }));
  }
}

/** Rules whose findings hold on any file of the repository: a secret committed is published whatever the file is for. */
const REPOSITORY_RULES = new Set(["CFG101", "CFG102", "CI108", "CI110"]);

/**
 * What becomes of a finding on a file that is not production. Settings the production settings
 * load from a development module, and secrets committed anywhere, do reach production: they stay,
 * at most as an info. Anything else describes a developer's or CI's setup, not production: dropped.
 */
export function findingOnRole(
  verdict: RoleVerdict,
  rule: { code: string; kind: "settings" | "project" },
): { keep: false } | { keep: true; severity: "info" | undefined; note: string | undefined } {
  if (verdict.role === "production") return { keep: true, severity: undefined, note: undefined };
  if (rule.kind === "settings" || REPOSITORY_RULES.has(rule.code))
    return { keep: true, severity: "info", note: `in a ${verdict.role} file: ${verdict.evidence}` };
  return { keep: false };
}
