import { parse as shellParse } from "shell-quote";

/** One simple command of a command line: `VAR=x gunicorn app.wsgi -w 4` → env {VAR: x}, argv [gunicorn, ...]. */
export interface SimpleCommand {
  readonly argv: readonly string[];
  /** Inline assignments before the program (`FOO=1 cmd`) and those of a leading `env`. */
  readonly env: Readonly<Record<string, string>>;
  /** The operator that joins it to the next command: `&&`, `||`, `;`, `|`, `&`, or null for the last. */
  readonly next: string | null;
}

/** A command line split into simple commands: `sh -c "a && b"` and `exec`/`env`/init wrappers unwrapped. */
export interface CommandLine {
  readonly text: string;
  readonly commands: readonly SimpleCommand[];
  readonly problems: readonly string[];
}

/** Wrappers that run the rest of their arguments as the command. */
const PASS_THROUGH = new Set(["exec", "tini", "dumb-init", "nohup", "time", "chpst", "setsid", "stdbuf"]);
/** Wrappers that take the user first: `gosu app cmd`, `su-exec app cmd`. */
const WITH_USER = new Set(["gosu", "su-exec"]);
const SHELLS = new Set(["sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash", "dash", "ash", "zsh"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** Nested `sh -c` levels followed before giving up (a shell that starts itself forever). */
const MAX_DEPTH = 4;

/**
 * Splits a shell command line (or an exec-form word list) into simple commands with shell-quote,
 * unwrapping `sh -c "..."`, `exec`, `env`, `tini --` and `gosu user`. Variables stay as written
 * (`$PORT`, `${WORKERS:-3}`) so rules can tell a literal from an environment value. Never throws.
 */
export function parseCommandLine(input: string | readonly string[], depth = 0): CommandLine {
  const text = typeof input === "string" ? input : input.join(" ");
  const problems: string[] = [];
  let tokens: ReturnType<typeof shellParse>;
  if (typeof input === "string") {
    try {
      tokens = shellParse(input, (key) => (/^(\w+|[@*#?$!-])$/.test(key) ? `$${key}` : `\${${key}}`));
    } catch (error) {
      return { text, commands: [], problems: [error instanceof Error ? error.message : "unparsable command"] };
    }
  } else {
    tokens = [...input];
  }
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  const flush = (next: string | null) => {
    if (words.length > 0) commands.push(...unwrap(words, next, depth, problems));
    words = [];
  };
  for (const token of tokens) {
    if (typeof token === "string") words.push(token);
    else if ("comment" in token) break;
    else if ("pattern" in token) words.push(String(token.pattern));
    else if ("op" in token) {
      const op = String(token.op);
      if (op === "&&" || op === "||" || op === ";" || op === "|" || op === "&" || op === ";;") flush(op);
      else if (op === ">" || op === ">>" || op === "<" || op === ">&" || op === "<&" || op === "2>") {
        // A redirection consumes its target word; it is not an argument of the command.
        words.push("\u0000redirect");
      } else words.push(op);
    }
  }
  flush(null);
  return {
    text,
    commands: commands.map((c) => ({ ...c, argv: dropRedirects(c.argv) })),
    problems,
  };
}

function dropRedirects(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "\u0000redirect") {
      i++;
      continue;
    }
    // `2>&1` arrives as "2", op, "1": the descriptor number before a redirect is not an argument.
    if (/^\d$/.test(argv[i] as string) && argv[i + 1] === "\u0000redirect") continue;
    out.push(argv[i] as string);
  }
  return out;
}

function unwrap(words: string[], next: string | null, depth: number, problems: string[]): SimpleCommand[] {
  const env: Record<string, string> = {};
  let i = 0;
  for (;;) {
    while (i < words.length && ASSIGNMENT.test(words[i] as string)) {
      const match = ASSIGNMENT.exec(words[i] as string) as RegExpExecArray;
      env[match[1] as string] = match[2] as string;
      i++;
    }
    const program = words[i];
    if (program === undefined) break;
    if (PASS_THROUGH.has(program)) {
      i++;
      if (words[i] === "--") i++;
      continue;
    }
    if (WITH_USER.has(program)) {
      i += 2;
      continue;
    }
    if (program === "env" || program === "/usr/bin/env") {
      i++;
      while (i < words.length && (words[i] as string).startsWith("-") && words[i] !== "-") i++;
      continue;
    }
    if (SHELLS.has(program)) {
      const rest = words.slice(i + 1);
      const c = rest.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w));
      if (c >= 0 && rest[c + 1] !== undefined) {
        if (depth >= MAX_DEPTH) {
          problems.push("shell commands nested too deeply");
          return [];
        }
        const inner = parseCommandLine(rest[c + 1] as string, depth + 1);
        problems.push(...inner.problems);
        const commands = inner.commands.map((command) => ({ ...command, env: { ...env, ...command.env } }));
        const last = commands[commands.length - 1];
        if (last) commands[commands.length - 1] = { ...last, next };
        return commands;
      }
    }
    break;
  }
  const argv = words.slice(i);
  return argv.length === 0 && Object.keys(env).length === 0 ? [] : [{ argv, env, next }];
}

/** What a command runs, as far as deployment goes. */
export type Program =
  | { readonly kind: "gunicorn"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "uvicorn"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "hypercorn"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "daphne"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "granian"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "uwsgi"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "waitress"; readonly app: string | null; readonly options: Options }
  | { readonly kind: "manage"; readonly command: string; readonly args: readonly string[]; readonly options: Options }
  | { readonly kind: "celery"; readonly app: string | null; readonly command: string | null; readonly options: Options }
  | { readonly kind: "rq"; readonly command: string | null; readonly options: Options }
  | { readonly kind: "huey"; readonly options: Options }
  | { readonly kind: "django-q"; readonly options: Options }
  | { readonly kind: "dramatiq"; readonly options: Options }
  | { readonly kind: "script"; readonly path: string; readonly exec: boolean }
  | { readonly kind: "exec-args" }
  | { readonly kind: "other"; readonly name: string };

/** Options of a command: `--name value`, `--name=value`, `-n value`, `-nvalue`; flags map to "". */
export interface Options {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

export const APP_SERVERS = ["gunicorn", "uvicorn", "hypercorn", "daphne", "granian", "uwsgi", "waitress"] as const;

/** Options that take no value, per program (every other option takes one). */
const FLAGS: Record<string, ReadonlySet<string>> = {
  gunicorn: new Set([
    "--reload",
    "-D",
    "--daemon",
    "--preload",
    "--check-config",
    "--print-config",
    "--proxy-protocol",
    "--capture-output",
    "--enable-stdio-inheritance",
    "--spew",
    "--no-sendfile",
    "--reuse-port",
    "--strip-header-spaces",
    "--suppress-ragged-eofs",
    "--do-handshake-on-connect",
    "--version",
    "-v",
    "--help",
    "-h",
  ]),
  uvicorn: new Set([
    "--reload",
    "--proxy-headers",
    "--no-proxy-headers",
    "--use-colors",
    "--no-use-colors",
    "--access-log",
    "--no-access-log",
    "--server-header",
    "--no-server-header",
    "--date-header",
    "--no-date-header",
    "--factory",
    "--version",
    "--help",
  ]),
  hypercorn: new Set(["--reload", "--debug", "--help"]),
  daphne: new Set(["--proxy-headers", "--help"]),
  granian: new Set(["--reload", "--no-reload", "--respawn-failed-workers", "--help"]),
  uwsgi: new Set(["--master", "--enable-threads", "--vacuum", "--die-on-term", "--lazy-apps", "--single-interpreter", "--need-app"]),
  waitress: new Set(["--call", "--expose-tracebacks", "--no-expose-tracebacks", "--ipv4", "--ipv6", "--no-ipv4", "--no-ipv6"]),
  celery: new Set([
    "-B",
    "--beat",
    "-E",
    "--task-events",
    "--without-gossip",
    "--without-mingle",
    "--without-heartbeat",
    "-D",
    "--detach",
    "--purge",
    "--discard",
    "--quiet",
    "-q",
    "--no-color",
  ]),
  manage: new Set([
    "--noinput",
    "--no-input",
    "--insecure",
    "--nostatic",
    "--noreload",
    "--nothreading",
    "--ipv6",
    "-6",
    "--clear",
    "-c",
    "--link",
    "-l",
    "--no-post-process",
    "--dry-run",
    "-n",
    "--deploy",
    "--check",
    "--plan",
    "--fake",
    "--fake-initial",
    "--run-syncdb",
    "--prune",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
    "--fail-level",
  ]),
};

/** Reads options generically: known flags take no value, anything else starting with - takes the next word. */
export function readOptions(args: readonly string[], flags: ReadonlySet<string> = new Set()): Options {
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq > 0) add(arg.slice(0, eq), arg.slice(eq + 1));
      else if (flags.has(arg) || args[i + 1] === undefined || (args[i + 1] as string).startsWith("-")) add(arg, "");
      else add(arg, args[++i] as string);
    } else if (arg.startsWith("-") && arg.length > 1) {
      const short = arg.slice(0, 2);
      if (flags.has(short) && arg.length === 2) add(short, "");
      else if (arg.length > 2) add(short, arg.slice(2).replace(/^=/, ""));
      else if (
        flags.has(short) ||
        args[i + 1] === undefined ||
        ((args[i + 1] as string).startsWith("-") && (args[i + 1] as string).length > 1)
      )
        add(short, "");
      else add(short, args[++i] as string);
    } else positionals.push(arg);
  }
  return { values, positionals };
}

/** The last value given for any of these option names, or undefined. */
export function option(options: Options, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const list = options.values.get(name);
    if (list && list.length > 0) found = list[list.length - 1];
  }
  return found;
}

export function hasOption(options: Options, ...names: string[]): boolean {
  return names.some((name) => options.values.has(name));
}

function baseName(word: string): string {
  return word.split("/").pop() ?? word;
}

const MANAGE_ALIASES: Record<string, Program["kind"]> = {
  rqworker: "rq",
  rqscheduler: "rq",
  run_huey: "huey",
  qcluster: "django-q",
  rundramatiq: "dramatiq",
};

/** Recognises the program of a simple command: app servers, manage.py commands, task workers, scripts. */
export function classifyCommand(argv: readonly string[]): Program {
  let words = [...argv];
  const first = words[0];
  if (first === undefined) return { kind: "other", name: "" };
  // `python -m gunicorn`, `python3 -m celery`, `poetry run x`, `uv run x`, `pipenv run x`.
  if (/^(poetry|pipenv|uv|pdm|hatch|rye)$/.test(baseName(first)) && words[1] === "run") words = words.slice(2);
  let name = baseName(words[0] ?? "");
  if (/^python(\d(\.\d+)?)?$/.test(name)) {
    let i = 1;
    while (i < words.length && /^-[BOuIsSEq]+$/.test(words[i] as string)) i++;
    if (words[i] === "-m" && words[i + 1]) {
      name = words[i + 1] as string;
      words = [name, ...words.slice(i + 2)];
      if (name === "django") words = ["manage.py", ...words.slice(1)];
    } else if (words[i] !== undefined) {
      words = words.slice(i);
      name = baseName(words[0] as string);
    } else return { kind: "other", name };
  }
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
  if (name === "$@" || name === '"$@"' || name === "${@}") return { kind: "exec-args" };
  if (name === "manage.py" || name === "django-admin" || name === "django-admin.py") {
    const rest = words.slice(1);
    const index = rest.findIndex((w) => !w.startsWith("-"));
    const command = index >= 0 ? (rest[index] as string) : "";
    const args = index >= 0 ? rest.slice(index + 1) : [];
    const options = readOptions(args, FLAGS.manage);
    const alias = MANAGE_ALIASES[command];
    if (alias === "rq") return { kind: "rq", command: command === "rqscheduler" ? "scheduler" : "worker", options };
    if (alias === "huey") return { kind: "huey", options };
    if (alias === "django-q") return { kind: "django-q", options };
    if (alias === "dramatiq") return { kind: "dramatiq", options };
    return { kind: "manage", command, args, options };
  }
  const rest = words.slice(1);
  switch (name) {
    case "gunicorn":
    case "uvicorn":
    case "hypercorn":
    case "daphne":
    case "granian":
    case "uwsgi": {
      const options = readOptions(rest, FLAGS[name]);
      let app = options.positionals[0] ?? null;
      if (name === "uwsgi") app = option(options, "--module", "--wsgi-file", "--wsgi", "-w") ?? null;
      return { kind: name, app, options };
    }
    case "waitress-serve": {
      const options = readOptions(rest, FLAGS.waitress);
      return { kind: "waitress", app: options.positionals[0] ?? null, options };
    }
    case "celery": {
      const options = readOptions(rest, FLAGS.celery);
      const command = options.positionals[0] ?? null;
      return { kind: "celery", app: option(options, "-A", "--app") ?? null, command, options };
    }
    case "rq":
    case "rqworker": {
      const options = readOptions(rest);
      return { kind: "rq", command: name === "rqworker" ? "worker" : (options.positionals[0] ?? null), options };
    }
    case "huey_consumer":
    case "huey_consumer.py":
      return { kind: "huey", options: readOptions(rest) };
    case "dramatiq":
      return { kind: "dramatiq", options: readOptions(rest) };
    default:
      if (/\.(sh|bash)$/.test(name) || /entrypoint|start|run|boot/i.test(name) || words[0]?.startsWith("./")) {
        return { kind: "script", path: words[0] as string, exec: true };
      }
      if ((name === "sh" || name === "bash") && words[1] && !words[1].startsWith("-"))
        return { kind: "script", path: words[1], exec: true };
      return { kind: "other", name };
  }
}

/**
 * The commands a shell script runs, line by line with their line numbers: comments, control
 * keywords and assignments are skipped; `exec "$@"` hands over to the command it was given.
 */
export function parseShellScript(text: string): { line: number; command: SimpleCommand }[] {
  const out: { line: number; command: SimpleCommand }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i] as string;
    while (line.endsWith("\\") && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i]}`;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    // A function definition or a case pattern line carries no command of its own on that line.
    if (/^(function\s+\w+|\w+\s*\(\)\s*\{?\s*$|case\s|[^\s()]+\)\s*$)/.test(trimmed)) continue;
    for (const command of parseCommandLine(trimmed).commands) {
      const argv = stripKeywords(command.argv);
      if (argv.length === 0 || RUNS_NOTHING.test(argv[0] as string)) continue;
      out.push({ line: start, command: argv === command.argv ? command : { ...command, argv } });
    }
  }
  return out;
}

/**
 * Shell keywords that open or close a block and carry a command after them at most (`then cmd`,
 * `do cmd`); those that start a loop or a case carry none.
 */
function stripKeywords(argv: readonly string[]): readonly string[] {
  let i = 0;
  while (i < argv.length && /^(if|then|else|elif|do|while|until|!|\{|\(|\)|\})$/.test(argv[i] as string)) i++;
  if (i < argv.length && /^(fi|done|esac|for|case|select|function|;;)$/.test(argv[i] as string)) return [];
  return i === 0 ? argv : argv.slice(i);
}

/** Built-ins and tests that run no program of interest: `cd src && pytest` keeps `pytest`, drops `cd src`. */
const RUNS_NOTHING =
  /^(cd|echo|printf|set|export|local|trap|test|\[|\[\[|true|false|:|shift|source|\.|read|unset|readonly|declare|return|exit|wait)$/;
