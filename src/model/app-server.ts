import { hasOption, option, readOptions } from "../artifacts/command/parse.js";
import type { GunicornSetting } from "../artifacts/gunicorn/parse.js";
import { pyStr } from "../python/value.js";
import type { Deployment, Process, Step } from "./deployment.js";
import type { Project } from "./project-view.js";

/** A value an app server runs with, where it comes from, and whether djship can know it. */
export interface ServerValue {
  /** The value as text; undefined when it depends on something djship cannot know. */
  readonly value: string | undefined;
  readonly file: string;
  readonly line: number;
  readonly source: "command" | "config" | "environment" | "default";
  readonly env: readonly string[];
}

/**
 * A word of a command with its variables filled in from the process's own environment, then the
 * audited environment; `${VAR:-default}` takes its default only when the environment is known to
 * lack VAR. Undefined when a variable cannot be known.
 */
export function expandWord(word: string, process: Process, project: Project): { value: string | undefined; env: string[] } {
  const env: string[] = [];
  let unknown = false;
  const value = word.replace(
    /\$\{(\w+)(?::?[-=]([^}]*))?\}|\$(\w+)/g,
    (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      env.push(name);
      const own = process.environment.get(name)?.value;
      if (own !== undefined && own !== null && !own.includes("$")) return own;
      if (project.settings.environment.kind === "exact") {
        const set = project.settings.environment.variables.get(name);
        if (set !== undefined) return set;
        if (fallback !== undefined) return fallback;
        unknown = true;
        return "";
      }
      unknown = true;
      return "";
    },
  );
  return { value: unknown ? undefined : value, env };
}

/** An environment variable as the process sees it: its own environment, then the audited one. */
export function processEnv(
  process: Process,
  project: Project,
  name: string,
): { value: string | undefined; known: boolean; file?: string; line?: number } {
  const own = process.environment.get(name);
  if (own && own.value !== null && !own.value.includes("$")) return { value: own.value, known: true, file: own.file, line: own.line };
  if (project.settings.environment.kind === "exact") return { value: project.settings.environment.variables.get(name), known: true };
  return { value: undefined, known: false };
}

const CLI_NAMES: Partial<Record<GunicornSetting, string[]>> = {
  workers: ["-w", "--workers"],
  threads: ["--threads"],
  worker_class: ["-k", "--worker-class"],
  timeout: ["-t", "--timeout"],
  graceful_timeout: ["--graceful-timeout"],
  bind: ["-b", "--bind"],
  forwarded_allow_ips: ["--forwarded-allow-ips"],
  keepalive: ["--keep-alive"],
  max_requests: ["--max-requests"],
};

/** gunicorn's defaults (https://docs.gunicorn.org/en/stable/settings.html); workers reads WEB_CONCURRENCY. */
const DEFAULTS: Partial<Record<GunicornSetting, string>> = {
  workers: "1",
  threads: "1",
  worker_class: "sync",
  timeout: "30",
  graceful_timeout: "30",
  forwarded_allow_ips: "127.0.0.1,::1",
  keepalive: "2",
};

/**
 * One gunicorn setting as the process runs it, in gunicorn's order of precedence: the command line,
 * then GUNICORN_CMD_ARGS, then the config file, then the default (and WEB_CONCURRENCY, and
 * FORWARDED_ALLOW_IPS, which gunicorn reads for their defaults).
 */
export function gunicornSetting(
  deployment: Deployment,
  process: Process,
  step: Step,
  name: GunicornSetting,
  project: Project,
): ServerValue {
  const names = CLI_NAMES[name] ?? [];
  if (step.program.kind === "gunicorn") {
    const raw = option(step.program.options, ...names);
    if (raw !== undefined) {
      const expanded = expandWord(raw, process, project);
      return { value: expanded.value, file: step.file, line: step.line, source: "command", env: expanded.env };
    }
  }
  // GUNICORN_CMD_ARGS is read only when the process or the audited environment sets it: few do.
  const cmdArgs = processEnv(process, project, "GUNICORN_CMD_ARGS");
  if (cmdArgs.value) {
    const raw = option(readOptions(cmdArgs.value.split(/\s+/)), ...names);
    if (raw !== undefined)
      return {
        value: raw,
        file: cmdArgs.file ?? step.file,
        line: cmdArgs.line ?? step.line,
        source: "environment",
        env: ["GUNICORN_CMD_ARGS"],
      };
  }
  const config = deployment.gunicornConfigOf(process, step);
  const fromConfig = config?.settings.get(name);
  if (fromConfig) {
    const text =
      fromConfig.value.kind === "int" ||
      fromConfig.value.kind === "str" ||
      fromConfig.value.kind === "float" ||
      fromConfig.value.kind === "bool"
        ? pyStr(fromConfig.value)
        : undefined;
    return {
      value: text,
      file: fromConfig.origin?.file ?? config?.path ?? step.file,
      line: fromConfig.origin?.line ?? 1,
      source: "config",
      env: fromConfig.env,
    };
  }
  if (config && config.problems.length > 0) return { value: undefined, file: config.path, line: 1, source: "config", env: [] };
  const envDefault = name === "workers" ? "WEB_CONCURRENCY" : name === "forwarded_allow_ips" ? "FORWARDED_ALLOW_IPS" : undefined;
  if (envDefault) {
    const env = processEnv(process, project, envDefault);
    if (!env.known) return { value: undefined, file: step.file, line: step.line, source: "environment", env: [envDefault] };
    if (env.value !== undefined)
      return { value: env.value, file: env.file ?? step.file, line: env.line ?? step.line, source: "environment", env: [envDefault] };
  }
  return { value: DEFAULTS[name], file: step.file, line: step.line, source: "default", env: [] };
}

/** Web processes served by gunicorn, each with its gunicorn step. */
export function gunicornProcesses(deployment: Deployment): { process: Process; step: Step }[] {
  return deployment
    .withRole("web")
    .flatMap((process) => (process.main?.program.kind === "gunicorn" ? [{ process, step: process.main }] : []));
}

/** Whether an app-server command line passes a flag. */
export function stepHas(step: Step, ...names: string[]): boolean {
  return "options" in step.program && hasOption(step.program.options, ...names);
}

export function describe(value: ServerValue): string {
  return value.source === "default"
    ? "gunicorn's default"
    : value.source === "config"
      ? "the config file"
      : value.source === "environment"
        ? "the environment"
        : "the command line";
}

/**
 * A gunicorn step that names no application, on the command line or as wsgi_app in its config:
 * gunicorn itself would exit ("No application module specified"), so the word is a subcommand of
 * an entrypoint script (baserow's `CMD ["gunicorn"]` picks a branch of docker-entrypoint.sh) and
 * the real command line, worker class included, is not known.
 */
export function namesNoApplication(deployment: Deployment, process: Process, step: Step, project: Project): boolean {
  if (step.program.kind !== "gunicorn" || step.program.app !== null || step.program.options.positionals.length > 0) return false;
  return gunicornSetting(deployment, process, step, "wsgi_app", project).value === undefined;
}
