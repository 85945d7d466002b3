// The CI pipeline model every provider's parser produces; apart from parse.ts so the providers
// (circleci.ts, jenkins.ts) import it without importing the parser that imports them.
import type { CiAction } from "./commands.js";

export type CiProvider = "github-actions" | "gitlab-ci" | "jenkins" | "circleci" | "heroku-ci";

/** What starts a pipeline or a job. */
export interface CiTrigger {
  readonly kind: "push" | "pull-request" | "tag" | "manual" | "schedule" | "workflow-run" | "workflow-call" | "other";
  /** Branch filters, as written; null when any branch (or not applicable). */
  readonly branches: readonly string[] | null;
  /** For workflow-run: the workflows it follows. */
  readonly workflows?: readonly string[];
  readonly line: number;
}

export interface CiStep {
  readonly name: string | null;
  readonly line: number;
  /** The action or reusable workflow a GitHub step uses (owner/repo@ref). */
  readonly uses: string | null;
  readonly actions: readonly CiAction[];
}

export interface CiJob {
  readonly id: string;
  readonly name: string;
  readonly line: number;
  /** Jobs this one waits for and that must succeed first (GitHub `needs`, GitLab `needs`). */
  readonly needs: readonly string[];
  /** GitLab stage; Jenkins runs stages in order, so its stages come out as jobs with `needs` on the previous ones. */
  readonly stage: string | null;
  /** Runs only when someone starts it (GitLab `when: manual`, a Jenkins `input`). */
  readonly manual: boolean;
  /** The job's condition as written (`if:`, `rules`, `only`, Jenkins `when`), for messages. */
  readonly condition: string | null;
  /** The deployment environment it targets (GitHub `environment`, GitLab `environment`). */
  readonly environment: string | null;
  /** A GitHub job that calls a reusable workflow of the repository (./.github/workflows/x.yml). */
  readonly calls: string | null;
  /** The line of the job's `uses:` when it calls a reusable workflow: where what the callee does is reported. */
  readonly callsLine?: number;
  readonly steps: readonly CiStep[];
}

export interface CiPipeline {
  readonly path: string;
  readonly provider: CiProvider;
  readonly name: string | null;
  readonly triggers: readonly CiTrigger[];
  readonly jobs: readonly CiJob[];
  readonly problems: readonly { line: number; message: string }[];
}
