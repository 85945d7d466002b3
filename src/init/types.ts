import type { DjangoSeries } from "../django/versions.js";

/** What init does to one path. `conflict` is a file it will not touch without --force. */
export type FileAction = "create" | "modify" | "move" | "unchanged" | "conflict";

/** The parts init is made of; --only and --skip take these names. */
export const PARTS = [
  "settings",
  "env",
  "dependencies",
  "health",
  "appserver",
  "docker",
  "compose",
  "nginx",
  "caddy",
  "systemd",
  "ci",
] as const;
export type PartName = (typeof PARTS)[number];

export const TARGETS = ["compose", "systemd"] as const;
export type Target = (typeof TARGETS)[number];

/** The reverse proxy in front of Gunicorn: nginx (with certbot) by default, or Caddy (automatic HTTPS). */
export const PROXIES = ["nginx", "caddy"] as const;
export type ProxyServer = (typeof PROXIES)[number];

export interface PlannedFile {
  /** POSIX path relative to the workspace root. */
  readonly path: string;
  readonly action: FileAction;
  /** For a move: where the file is now. */
  readonly from?: string;
  readonly reason: string;
  readonly part: PartName;
  /** The text init would leave at `path`. */
  readonly content: string;
  /** The text there now (at `from` for a move); null when nothing is there. */
  readonly previous: string | null;
  /**
   * `generated`: init wrote the whole file and records its hash; `edit`: a targeted change to a
   * file the team owns (a moved settings module, manage.py, a dependency list).
   */
  readonly ownership: "generated" | "edit";
  /**
   * For a generated file: what the templates produce now, kept under .djship/base/ once written
   * so that the next run can merge three ways (that, the file then, the templates then).
   */
  readonly template?: string;
}

export interface EnvironmentVariable {
  readonly name: string;
  readonly required: boolean;
  readonly secret: boolean;
  /** A value that works as written; empty for secrets. */
  readonly example: string;
  readonly description: string;
}

export interface Choice {
  readonly id: string;
  readonly value: string;
  readonly reason: string;
}

export type SettingsLibrary = "environ" | "decouple" | "os.environ";
export type PackageManager = "requirements" | "poetry" | "uv" | "pipenv" | "pdm";
export const CI_PROVIDERS = ["github", "gitlab", "jenkins"] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** What init found in the project, as the audit's model reads it. */
export interface Detected {
  readonly projectRoot: string;
  readonly djangoVersion: DjangoSeries;
  readonly djangoVersionSource: string;
  readonly pythonVersion: string;
  readonly pythonVersionSource: string;
  readonly interface: "wsgi" | "asgi";
  readonly settingsModule: string;
  readonly settingsLayout: "single" | "split";
  readonly settingsLibrary: SettingsLibrary | null;
  readonly database: string | null;
  readonly cache: string | null;
  readonly tasks: readonly ("celery" | "rq" | "huey" | "django-q")[];
  readonly celeryBeat: boolean;
  readonly channels: boolean;
  readonly drf: boolean;
  /** The project stores files with django-storages: production's media go to object storage. */
  readonly objectStorage: boolean;
  readonly packageManager: PackageManager;
  readonly dependencyFile: string | null;
  readonly ci: CiProvider | null;
}

/** An error-level finding of djship's audit on the project as the plan would leave it. */
export interface PlanAuditError {
  readonly rule: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly message: string;
  /** Not in the project before init: init's own output would carry it. */
  readonly introduced: boolean;
}

/** djship's audit of the plan's result, run in memory before anything is written. */
export interface PlanAudit {
  readonly errors: readonly PlanAuditError[];
  /** An introduced error and no --force: init refuses to write. */
  readonly blocking: boolean;
}

export interface InitPlan {
  readonly djshipVersion: string;
  /** Absolute path of the workspace the paths are relative to. */
  readonly root: string;
  readonly targets: readonly Target[];
  readonly files: readonly PlannedFile[];
  readonly settings: { readonly production: string; readonly development: string };
  readonly environment: readonly EnvironmentVariable[];
  readonly detected: Detected;
  readonly choices: readonly Choice[];
  readonly audit: PlanAudit;
}

export interface InitOptions {
  readonly targets?: readonly Target[] | undefined;
  readonly only?: readonly PartName[] | undefined;
  readonly skip?: readonly PartName[] | undefined;
  readonly domain?: string | undefined;
  /** --proxy: nginx (default) or caddy. */
  readonly proxy?: ProxyServer | undefined;
  /** Replace files that exist and differ (conflicts) instead of leaving them alone. */
  readonly force?: boolean | undefined;
  /** --project: which Django project of the workspace, when it holds several. */
  readonly project?: string | undefined;
  /** --ci: the CI to write a pipeline for (default: the one the repository uses, else GitHub Actions). */
  readonly ci?: CiProvider | undefined;
}

/** The record init keeps of what it wrote, in .djship/init.json. */
export interface InitRecord {
  readonly djshipVersion: string;
  readonly choices: readonly Choice[];
  /** Path → sha256 of the content as init wrote it, for every generated file. */
  readonly files: Readonly<Record<string, string>>;
}
