import { parseArgs } from "node:util";
import { loadConfig } from "../../findings/config.js";
import { environmentFromOptions } from "../../model/environment.js";
import { loadWorkspace } from "../../model/project.js";
import { type SettingsDocument, settingsDocument } from "../../report/settings-json.js";
import { UsageError } from "../../util/errors.js";
import { EXIT_OK } from "../exit-codes.js";
import { type CommandContext, checkDjangoVersionFlag, checkFormat, chooseProject, PROJECT_OPTIONS, writeOutput } from "../shared.js";

export const settingsHelp = `Usage: djship settings [PATH] [options]

Prints the production settings of the Django project at PATH (default: .), read without running
it: each value with where it was set and the environment variables it depends on. Secrets are
never printed: SECRET_KEY shows its length and whether it starts with django-insecure-.

Options:
  --env KEY=VALUE        read the settings for exactly this environment (repeatable)
  --env-file FILE        ... with the variables of a .env file
  --settings MODULE      the settings module (default: what the deployment files or wsgi.py set)
  --django-version X.Y   the Django series whose defaults apply (default: the project's pin)
  --project DIR          which project, when PATH holds several
  --format text|json     (default: text)
  -o, --output FILE      write to FILE instead of standard output
`;

export async function settingsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...PROJECT_OPTIONS,
      project: { type: "string" },
    },
  });
  if (values.help) {
    context.stdout.write(settingsHelp);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError("djship settings takes one PATH");
  checkFormat(values.format, ["text", "json"] as const);
  checkDjangoVersionFlag(values["django-version"]);
  const environment = environmentFromOptions(values.env, values["env-file"]);
  const path = positionals[0] ?? ".";
  // The configuration places files in their roles for the `files` listing, as the audit does.
  const config = loadConfig(path);
  const model = await loadWorkspace(path, {
    settingsModule: values.settings,
    djangoVersion: values["django-version"],
    environment,
    files: { production: config.production, ignoreFiles: config.ignoreFiles, envFile: values["env-file"] },
  });
  const project = chooseProject(model, values.project);
  const document = settingsDocument(project);
  const text = values.format === "json" ? `${JSON.stringify(document, null, 2)}\n` : renderSettingsText(document, context);
  writeOutput(text, values.output, context);
  return EXIT_OK;
}

function renderValue(entry: SettingsDocument["values"][string]): string {
  if (entry.known) return JSON.stringify(entry.value);
  if (entry.alternatives) return `one of: ${entry.alternatives.map((a) => (a.known ? JSON.stringify(a.value) : "?")).join(" | ")}`;
  return `? (${entry.reason})`;
}

function renderSettingsText(document: SettingsDocument, context: CommandContext): string {
  const style = context.style(context.stdout);
  const lines: string[] = [];
  lines.push(
    `${style("bold", document.settingsModule ?? "(no settings module)")}  Django ${document.djangoVersion} (${document.djangoVersionSource})  settings from ${document.settingsModuleSource?.source ?? "-"}${document.settingsModuleSource?.file ? ` ${document.settingsModuleSource.file}:${document.settingsModuleSource.line}` : ""}`,
  );
  if (document.settingsModuleRole && document.settingsModuleRole.role !== "production")
    lines.push(style("yellow", `not production's settings (${document.settingsModuleRole.role}): ${document.settingsModuleRole.evidence}`));
  lines.push(
    document.environment === "exact"
      ? "environment: exactly the variables given"
      : "environment: any (variables unknown; defaults shown where the code has them)",
  );
  if (document.loadError) {
    lines.push(
      style(
        "red",
        `The settings would not load: ${document.loadError.message}${document.loadError.file ? ` (${document.loadError.file}:${document.loadError.line})` : ""}`,
      ),
    );
    return `${lines.join("\n")}\n`;
  }
  for (const [name, entry] of Object.entries(document.values)) {
    if (entry.file === null && entry.env.length === 0) continue;
    const where = entry.file ? style("dim", `${entry.file}:${entry.line}`) : style("dim", "default");
    const env = entry.env.length
      ? style(
          "cyan",
          `  [${entry.env.map((v) => `${v}${entry.envDefaults[v] === null ? "" : `=${JSON.stringify(entry.envDefaults[v])}`}`).join(", ")}]`,
        )
      : "";
    lines.push(`${name} = ${renderValue(entry)}  ${where}${env}`);
  }
  return `${lines.join("\n")}\n`;
}
