import { posix } from "node:path";
import { parseIni } from "../ini/parse.js";
import type { Located } from "../yaml/merge.js";

/** A systemd unit as far as running an app goes: what it starts, as whom, where and how it restarts. */
export interface SystemdUnit {
  readonly path: string;
  readonly name: string;
  readonly type: "service" | "socket" | "timer";
  /** ExecStart lines, systemd's prefixes (`-`, `@`, `+`, `!`) removed. */
  readonly execStart: readonly Located<string>[];
  readonly execStartPre: readonly Located<string>[];
  readonly restart?: Located<string>;
  readonly user?: Located<string>;
  readonly workingDirectory?: Located<string>;
  readonly environment: readonly { readonly key: string; readonly value: string; readonly line: number }[];
  readonly environmentFiles: readonly Located<string>[];
  /** For a .timer: OnCalendar= and the unit it starts. */
  readonly onCalendar?: Located<string>;
  readonly timerUnit: string | null;
  readonly problems: readonly { line: number; message: string }[];
}

/** Splits `Environment=` values: space-separated assignments, each optionally quoted (systemd.exec(5)). */
export function splitEnvironment(value: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of value.matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3] ?? "";
    const eq = word.indexOf("=");
    if (eq > 0) out.push({ key: word.slice(0, eq), value: word.slice(eq + 1) });
  }
  return out;
}

/** Parses a systemd .service, .socket or .timer unit. Never throws. */
export function parseSystemdUnit(path: string, text: string): SystemdUnit {
  const name = posix.basename(path);
  const type = name.endsWith(".timer") ? "timer" : name.endsWith(".socket") ? "socket" : "service";
  const sections = parseIni(text);
  const problems: { line: number; message: string }[] = [];
  const entries = (section: string) => sections.filter((s) => s.name === section).flatMap((s) => s.entries);
  const service = entries("Service");
  const last = (key: string, list = service) => {
    const found = list.filter((e) => e.key === key).pop();
    return found ? { value: found.value, file: path, line: found.line } : undefined;
  };
  const execs = (key: string) =>
    service
      .filter((e) => e.key === key && e.value !== "")
      .map((e) => ({ value: e.value.replace(/^[-@+!:]+/, ""), file: path, line: e.line }));
  const timer = entries("Timer");
  if (type === "service" && sections.length > 0 && !sections.some((s) => s.name === "Service"))
    problems.push({ line: 1, message: "no [Service] section" });
  const unit: SystemdUnit = {
    path,
    name,
    type,
    execStart: execs("ExecStart"),
    execStartPre: execs("ExecStartPre"),
    environment: service
      .filter((e) => e.key === "Environment")
      .flatMap((e) => splitEnvironment(e.value).map((p) => ({ ...p, line: e.line }))),
    environmentFiles: service
      .filter((e) => e.key === "EnvironmentFile")
      .map((e) => ({ value: e.value.replace(/^-/, ""), file: path, line: e.line })),
    timerUnit: last("Unit", timer)?.value ?? (type === "timer" ? name.replace(/\.timer$/, ".service") : null),
    problems,
  };
  const optional = {
    restart: last("Restart"),
    user: last("User"),
    workingDirectory: last("WorkingDirectory"),
    onCalendar: last("OnCalendar", timer),
  };
  return { ...unit, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) };
}
