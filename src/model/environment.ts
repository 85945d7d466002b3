import { parseDotenv } from "../artifacts/dotenv/parse.js";
import { InputError, UsageError } from "../util/errors.js";
import { readText } from "../util/fs.js";

/**
 * The environment given on the command line: --env-file first, then each --env KEY=VALUE, later
 * ones winning. Undefined when neither was given (settings are then read for any environment).
 */
export function environmentFromOptions(envs: readonly string[] | undefined, envFile: string | undefined): Map<string, string> | undefined {
  if (!envFile && (!envs || envs.length === 0)) return undefined;
  const variables = new Map<string, string>();
  if (envFile) for (const [key, value] of environmentFromFile(envFile)) variables.set(key, value);
  for (const assignment of envs ?? []) {
    const at = assignment.indexOf("=");
    if (at <= 0) throw new UsageError(`--env expects KEY=VALUE, got "${assignment}"`);
    variables.set(assignment.slice(0, at), assignment.slice(at + 1));
  }
  return variables;
}

/** The variables of a .env file, as --env-file reads them. */
export function environmentFromFile(path: string): Map<string, string> {
  const read = readText(path, 1024 * 1024);
  if (!read.ok) throw new InputError(`env file ${path}: ${read.message}`);
  return new Map(parseDotenv(read.text).map((entry) => [entry.key, entry.value]));
}
