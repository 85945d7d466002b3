import type { Parser as TreeSitterParser } from "web-tree-sitter";
import type { ProjectModel } from "../../model/project.js";
import type { Project } from "../../model/project-view.js";
import type { Choice, Detected, EnvironmentVariable, InitOptions, PartName, ProxyServer, Target } from "../types.js";

/** A file a part wants: the planner decides, against the disk and the record, what action it is. */
export interface Proposal {
  readonly path: string;
  readonly content: string;
  readonly reason: string;
  readonly part: PartName;
  /** `generated`: init owns the whole file; `edit`: a targeted change to the team's file; `block`: init owns one marked block. */
  readonly ownership: "generated" | "edit" | "block";
  /** A move: the file now at `from` ends up at `path`, and `from` is removed. */
  readonly from?: string;
  /** For `block`: the block's text, whose hash is recorded. */
  readonly block?: string;
}

/** What every part is handed: the project as the audit reads it, what was detected and decided. */
export interface PartContext {
  /** The read-only Project the audit's rules read (model/project-view.ts): parts read from it. */
  readonly project: Project;
  /** The loaded model `project` was built from, for parts that still read it. */
  readonly model: ProjectModel;
  readonly parser: TreeSitterParser;
  readonly detected: Detected;
  readonly options: InitOptions;
  readonly targets: readonly Target[];
  readonly domain: string;
  /** The reverse proxy the targets put in front of Gunicorn. */
  readonly proxy: ProxyServer;
  /** The dotted settings modules production and development will run. */
  readonly settings: { readonly production: string; readonly development: string };
  /** The package that holds the settings (where healthz.py and jsonlog.py go), dotted. */
  readonly projectPackage: string;
  /** Uses Django's own connection pool (>= 5.1) rather than pgbouncer. */
  readonly djangoPool: boolean;
  /**
   * Where the app reaches PostgreSQL (or pgbouncer) and Redis, as host:port, in the setup
   * .env.example is written for: compose's service names when compose is a target, else the
   * loopback addresses of the packages the systemd units start after (postgresql, pgbouncer on
   * Debian's 6432, redis-server).
   */
  readonly serviceAddress: { readonly database: string; readonly redis: string };
  /** Paths init wrote on an earlier run, as the record lists them. */
  readonly generatedByInit: ReadonlySet<string>;
  /** The text of a workspace file now (undefined when absent). */
  read(path: string): string | undefined;
}

export interface PartResult {
  readonly proposals: readonly Proposal[];
  readonly environment?: readonly EnvironmentVariable[];
  readonly choices?: readonly Choice[];
}
