import { parseArgs } from "node:util";
import { UsageError } from "../../util/errors.js";
import { EXIT_FINDINGS, EXIT_OK } from "../exit-codes.js";
import type { CommandContext } from "../shared.js";

export const initHelp = `Usage: djship init [PATH] [options]

Writes the production setup the Django project at PATH (default: .) is missing, fitted to what it
uses: production settings, .env.example, dependencies, gunicorn.conf.py, a /healthz endpoint, and
for each target its deployment files. Shows every change first, never overwrites a file it did not
write (a conflict is reported and left alone), and records what it wrote in .djship/init.json.

Options:
  --target compose|systemd   what to deploy with (repeatable; default: compose)
  --proxy nginx|caddy        the reverse proxy (default: nginx, with certbot); caddy obtains
                             and renews its certificates itself (automatic HTTPS)
  --dry-run                  write nothing; print a unified diff of every change
  --format text|json         (default: text); json is the plan, per schemas/init.schema.json
  --force                    replace files that exist and differ (conflicts), and write even
                             when djship's audit of the result finds an error init brings
  --only PARTS, --skip PARTS comma-separated: settings, env, dependencies, health, appserver,
                             docker, compose, nginx, caddy, systemd, ci
  --ci github|gitlab|jenkins the CI to write a pipeline for (default: the one the repository
                             uses, else GitHub Actions); beside a pipeline file of the team's,
                             init writes its own under a new name and says so
  --domain NAME              the site's host name (default: example.com)
  --project DIR              which project, when PATH holds several
  --bail                     for CI: stop at the first conflict, write nothing, name it on
                             stderr and exit 1 (the report, with the conflict's diff, still
                             goes to stdout)
  --yes                      do not ask before writing (asked only on a terminal)
`;

function list(values: string[] | undefined): string[] | undefined {
  return values
    ?.flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export async function initCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
      format: { type: "string", default: "text" },
      force: { type: "boolean" },
      only: { type: "string", multiple: true },
      skip: { type: "string", multiple: true },
      domain: { type: "string" },
      proxy: { type: "string" },
      ci: { type: "string" },
      project: { type: "string" },
      bail: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      color: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    context.stdout.write(initHelp);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError("djship init takes one PATH");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown format "${values.format}" (text, json)`);
  const targets = list(values.target);
  for (const target of targets ?? [])
    if (target !== "compose" && target !== "systemd") throw new UsageError(`unknown target "${target}" (compose, systemd)`);
  if (values.proxy !== undefined && values.proxy !== "nginx" && values.proxy !== "caddy")
    throw new UsageError(`unknown proxy "${values.proxy}" (nginx, caddy)`);
  if (values.ci !== undefined && values.ci !== "github" && values.ci !== "gitlab" && values.ci !== "jenkins")
    throw new UsageError(`unknown CI "${values.ci}" (github, gitlab, jenkins)`);
  if (values.domain !== undefined && !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(values.domain))
    throw new UsageError(`--domain ${values.domain}: not a host name`);
  const { planInit, applyPlan, auditRefusal, initDocument, renderInitText } = await import("../../init/index.js");
  const plan = await planInit(positionals[0] ?? ".", {
    targets: targets as ("compose" | "systemd")[] | undefined,
    only: list(values.only) as never,
    skip: list(values.skip) as never,
    domain: values.domain,
    proxy: values.proxy as "nginx" | "caddy" | undefined,
    force: values.force,
    project: values.project,
    ci: values.ci as "github" | "gitlab" | "jenkins" | undefined,
  });
  const style = context.style(context.stdout);
  const firstConflict = plan.files.find((f) => f.action === "conflict");
  if (values.bail === true && firstConflict) {
    // Nothing is written: a half-applied setup in CI is worse than none.
    if (values.format === "json") context.stdout.write(`${JSON.stringify(initDocument(plan), null, 2)}\n`);
    else context.stdout.write(renderInitText(plan, style, { dryRun: true }));
    context.stderr.write(`djship init: conflict at ${firstConflict.path}: ${firstConflict.reason}; nothing written (--bail)\n`);
    return EXIT_FINDINGS;
  }
  const dryRun = values["dry-run"] === true;
  if (plan.audit.blocking) {
    // Output that fails djship's own audit is not written: the report says which findings and where.
    if (values.format === "json") context.stdout.write(`${JSON.stringify(initDocument(plan), null, 2)}\n`);
    else context.stdout.write(renderInitText(plan, style, { dryRun: true }));
    context.stderr.write(`djship init: ${auditRefusal(plan)}\n`);
    return EXIT_FINDINGS;
  }
  if (!dryRun && !values.yes && process.stdin.isTTY && plan.files.some((f) => f.action !== "unchanged" && f.action !== "conflict")) {
    context.stderr.write(renderInitText(plan, style, { dryRun: true }));
    const { createInterface } = await import("node:readline/promises");
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await prompt.question("Write these files? [y/N] ");
    prompt.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      context.stderr.write("nothing written\n");
      return EXIT_OK;
    }
  }
  const result = dryRun ? undefined : applyPlan(plan);
  if (values.format === "json") context.stdout.write(`${JSON.stringify(initDocument(plan), null, 2)}\n`);
  else context.stdout.write(renderInitText(plan, style, { dryRun, result }));
  return EXIT_OK;
}
