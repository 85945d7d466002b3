import { parseIni } from "../ini/parse.js";
import type { Located } from "../yaml/merge.js";

/** One `[program:name]` of a supervisord configuration. */
export interface SupervisorProgram {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly command?: Located<string>;
  /** autorestart: true, false or unexpected (supervisor's default is unexpected). */
  readonly autorestart?: Located<string>;
  readonly autostart?: Located<string>;
  readonly numprocs?: Located<number>;
  readonly directory?: Located<string>;
  readonly user?: Located<string>;
  readonly environment: readonly { readonly key: string; readonly value: string; readonly line: number }[];
}

/** Splits supervisor's `environment=A="1",B="2"` (commas between quoted values; http://supervisord.org/configuration.html). */
export function splitSupervisorEnvironment(value: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const match of value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|([^,]*))\s*,?/g)) {
    out.push({ key: match[1] as string, value: match[3] ?? match[4] ?? (match[5] ?? "").trim() });
  }
  return out;
}

/** Parses the program sections of a supervisord configuration. Never throws. */
export function parseSupervisor(
  path: string,
  text: string,
): { programs: SupervisorProgram[]; problems: { line: number; message: string }[] } {
  const programs: SupervisorProgram[] = [];
  const problems: { line: number; message: string }[] = [];
  for (const section of parseIni(text)) {
    const match = /^program:(.+)$/.exec(section.name);
    if (!match) continue;
    const get = (key: string) => {
      const entry = section.entries.filter((e) => e.key.toLowerCase() === key).pop();
      return entry ? { value: entry.value, file: path, line: entry.line } : undefined;
    };
    const numprocs = get("numprocs");
    if (numprocs && !/^\d+$/.test(numprocs.value))
      problems.push({ line: numprocs.line, message: `numprocs is not a number: ${numprocs.value}` });
    const environment = get("environment");
    const program: SupervisorProgram = {
      name: match[1] as string,
      file: path,
      line: section.line,
      environment: environment ? splitSupervisorEnvironment(environment.value).map((p) => ({ ...p, line: environment.line })) : [],
    };
    const optional: Record<string, unknown> = {
      command: get("command"),
      autorestart: get("autorestart"),
      autostart: get("autostart"),
      directory: get("directory"),
      user: get("user"),
      numprocs: numprocs && /^\d+$/.test(numprocs.value) ? { ...numprocs, value: Number(numprocs.value) } : undefined,
    };
    programs.push({ ...program, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) });
  }
  return { programs, problems };
}
