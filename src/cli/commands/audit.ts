import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { audit } from "../../audit.js";
import { checkFailOn, checkSelector, type FailOn, failsAt } from "../../findings/config.js";
import { excerptsFor } from "../../findings/excerpt.js";
import { UNREADABLE } from "../../findings/unreadable.js";
import { environmentFromOptions } from "../../model/environment.js";
import { auditDocument } from "../../report/audit-json.js";
import { FORMATS, reportedFindings, reporterFor } from "../../report/index.js";
import { areaScores, type Report } from "../../report/model.js";
import { RULES } from "../../rules/registry.generated.js";
import { InputError, UsageError } from "../../util/errors.js";
import { EXIT_FINDINGS, EXIT_OK } from "../exit-codes.js";
import { type CommandContext, checkDjangoVersionFlag, checkFormat, PROJECT_OPTIONS, writeOutput } from "../shared.js";

export const auditHelp = `Usage: djship audit [PATH] [options]

Reports every gap between the Django project(s) at PATH (default: .) and a sound production setup:
everything \`manage.py check --deploy\` reports, and what it cannot see (insecure defaults behind
environment variables, deployment files, contradictions between them). Never runs project code.

Options:
  --env KEY=VALUE        audit exactly this environment (repeatable); every other variable is unset
  --env-file FILE        ... the variables of a .env file (default: env-file in [tool.djship])
  --settings MODULE      the settings module production loads (default: discovered)
  --django-version X.Y   the Django series (default: the project's pin, else 5.2)
  --format FORMAT        text (default), json, sarif, markdown, junit, html
  -o, --output FILE      write the report to FILE
  --fail-on LEVEL        error, warning (default), info or never: the lowest severity that exits 1
  --exit-zero            always exit 0 when the audit ran (for demos and first adoption)
  --select CODES         comma-separated codes or prefixes to run (default: all)
  --ignore CODES         comma-separated codes or prefixes to skip
  --baseline FILE        report only findings that are not in this earlier JSON report
  --write-baseline FILE  write this run's JSON report to FILE, to use as a baseline later
  --no-cache             audit afresh: neither read nor write the parse cache or this run's record
                         (kept in DJSHIP_CACHE_DIR, else the user's cache folder, ~/.cache/djship)
  --color WHEN           auto (default), always, never

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

export async function auditCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...PROJECT_OPTIONS,
      "fail-on": { type: "string" },
      "exit-zero": { type: "boolean" },
      select: { type: "string" },
      ignore: { type: "string" },
      baseline: { type: "string" },
      "write-baseline": { type: "string" },
      "no-cache": { type: "boolean" },
    },
  });
  if (values.help) {
    context.stdout.write(auditHelp);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError("djship audit takes one PATH");
  const format = checkFormat(values.format, FORMATS);
  const failOn = values["fail-on"];
  const failOnProblem = failOn === undefined ? undefined : checkFailOn(failOn);
  if (failOnProblem) throw new UsageError(`--fail-on ${failOnProblem}`);
  checkDjangoVersionFlag(values["django-version"]);
  const codes = (text: string | undefined) =>
    text
      ?.split(",")
      .map((c) => c.trim())
      .filter(Boolean);
  for (const flag of ["select", "ignore"] as const) {
    for (const selector of codes(values[flag]) ?? []) {
      const problem = checkSelector(selector, [...RULES, UNREADABLE]);
      if (problem) throw new UsageError(`--${flag}: ${problem}`);
    }
  }
  const result = await audit(positionals[0] ?? ".", {
    settingsModule: values.settings,
    djangoVersion: values["django-version"],
    environment: environmentFromOptions(values.env, values["env-file"]),
    envFile: values["env-file"],
    config: {
      ...(failOn ? { failOn: failOn as FailOn } : {}),
      ...(values.select ? { select: codes(values.select) ?? [] } : {}),
      ...(values.ignore ? { ignore: codes(values.ignore) ?? [] } : {}),
    },
    baseline: values.baseline,
    cache: !values["no-cache"],
  });
  if (result.projects.length === 0)
    throw new InputError(`${positionals[0] ?? "."}: no Django project found (no manage.py, wsgi.py or asgi.py)`);
  const fails = failsAt(result.findings, result.config.failOn);
  const exitCode = fails && !values["exit-zero"] ? EXIT_FINDINGS : EXIT_OK;
  const document = auditDocument(result);
  if (values["write-baseline"]) {
    try {
      writeFileSync(values["write-baseline"], `${JSON.stringify(document, null, 2)}\n`);
    } catch (error) {
      throw new InputError(`cannot write ${values["write-baseline"]}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
  }
  let text: string;
  if (format === "json") text = `${JSON.stringify(document, null, 2)}\n`;
  else {
    const report: Report = {
      kind: "audit",
      tool: result.tool,
      findings: reportedFindings(format, result.findings),
      summary: result.summary,
      catalog: result.catalog,
      heading: result.projects.map(
        (p) =>
          `${p.root === "." ? "" : `${p.root}: `}${p.settingsModule ?? "no settings module"} · Django ${p.djangoVersion} (${p.djangoVersionSource}) · ${result.environment === "exact" ? "the environment given" : "any environment"}${p.loadError ? ` · settings would not load: ${p.loadError.message}` : ""}`,
      ),
      scores: areaScores(result.findings),
      projectFiles: Object.fromEntries(result.projects.flatMap((p) => (p.projectFile ? [[p.root, p.projectFile]] : []))),
      failOn: result.config.failOn,
      exitCode: fails ? 1 : 0,
      ...(format === "html" ? { excerpts: excerptsFor(result.root, result.findings) } : {}),
    };
    const reporter = await reporterFor(format);
    const stream = values.output ? context.stdout : context.stdout;
    const color = values.output || format !== "text" ? (_f: unknown, t: string) => t : context.style(stream);
    text = reporter(report, { color: color as Parameters<typeof reporter>[1]["color"] });
  }
  writeOutput(text, values.output, context);
  return exitCode;
}
