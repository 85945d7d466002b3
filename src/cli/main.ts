import { InputError, UsageError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { VERSION } from "../version.js";
import { EXIT_ERROR, EXIT_OK } from "./exit-codes.js";
import type { CommandContext } from "./shared.js";
import { type ColorMode, makeStyle } from "./style.js";

const HELP = `djship ${VERSION}: take a Django project to production the right way, and prove it.

Usage: djship <command> [options]

Commands:
  audit [PATH]      report every gap between the project and a sound production setup
  scan URL...       probe live deployments over HTTP(S) and grade them A+ to F
  init [PATH]       write the production setup the project is missing (dry run: --dry-run)
  settings [PATH]   print the production settings as djship reads them, with where each is set
  rules             list the rules
  explain CODE      print one rule's documentation
  lsp               run as a Language Server over stdio, for editors

Run djship <command> --help for a command's options. Exit codes: 0 clean, 1 findings at or above
--fail-on, 2 usage or input error.
`;

type Command = (argv: string[], context: CommandContext) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  settings: async () => (await import("./commands/settings.js")).settingsCommand,
  audit: async () => (await import("./commands/audit.js")).auditCommand,
  scan: async () => (await import("./commands/scan.js")).scanCommand,
  init: async () => (await import("./commands/init.js")).initCommand,
  rules: async () => (await import("./commands/rules.js")).rulesCommand,
  explain: async () => (await import("./commands/rules.js")).explainCommand,
  lsp: async () => (await import("../lsp/server.js")).lspCommand,
};

function colorMode(argv: string[]): ColorMode {
  const index = argv.findIndex((a) => a === "--color" || a.startsWith("--color="));
  if (index < 0) return "auto";
  const value = argv[index]?.includes("=") ? argv[index]?.split("=")[1] : argv[index + 1];
  return value === "always" || value === "never" ? value : "auto";
}

/** The command line: the one place that catches, prints errors and chooses the exit code. */
export async function main(argv: string[]): Promise<void> {
  // Commands that read a project parse Python: start compiling the parser while the command's
  // modules load. Not audit, which first asks its parse cache whether it needs the parser at all.
  if (argv[0] === "settings" || argv[0] === "init")
    void import("../python/parse.js").then((m) => m.loadPythonParser()).catch(() => undefined);
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT_OK);
  });
  const mode = colorMode(argv);
  const context: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    style: (stream) => makeStyle(stream, mode),
  };
  const [name, ...rest] = argv;
  try {
    // `djship help audit` is `djship audit --help`.
    if (name === "help" && rest[0] && COMMANDS[rest[0]]) {
      process.exitCode = await (await (COMMANDS[rest[0]] as () => Promise<Command>)())(["--help"], context);
      return;
    }
    if (!name || name === "--help" || name === "-h" || name === "help") {
      process.stdout.write(HELP);
      process.exitCode = name ? EXIT_OK : EXIT_ERROR;
      return;
    }
    if (name === "--version" || name === "-V") {
      process.stdout.write(`djship ${VERSION}\n`);
      return;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))} (djship --help lists them)`);
    process.exitCode = await (await load())(rest, context);
  } catch (error) {
    process.exitCode = EXIT_ERROR;
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`djship: ${error.message}\n`);
      return;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`djship: ${error.message}\n`);
      return;
    }
    process.stderr.write(
      `djship failed: this is a bug. Please report it at https://github.com/djship/djship/issues with the output below.\n`,
    );
    let cause: unknown = error;
    for (let depth = 0; cause && depth < 5; depth++) {
      process.stderr.write(`${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
}
