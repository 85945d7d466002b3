import { parseArgs } from "node:util";
import { checkFailOn, type FailOn, failsAt } from "../../findings/config.js";
import { FORMATS, reporterFor } from "../../report/index.js";
import { plural, type Report } from "../../report/model.js";
import { scanDocument } from "../../report/scan-json.js";
import { GRADES, type Grade, isBelow, isGrade } from "../../scan/grade/grade.js";
import { type ScanSite, scan } from "../../scan/scan.js";
import { InputError, UsageError } from "../../util/errors.js";
import { readText } from "../../util/fs.js";
import { didYouMean } from "../../util/suggest.js";
import { EXIT_FINDINGS, EXIT_OK } from "../exit-codes.js";
import { type CommandContext, checkFormat, writeOutput } from "../shared.js";

export const scanHelp = `Usage: djship scan URL... [options]

Probes live deployments over HTTP(S) the way a browser and an attacker would: HTTPS and its
redirect, the certificate, security headers, cookies, and what Django shows when misconfigured
(DEBUG, runserver, ALLOWED_HOSTS, static files, exposed files). GET, HEAD and TLS handshakes only,
a handful of requests per site. Grades each site A+ to F as the MDN HTTP Observatory does.

Options:
  --from FILE            read more URLs from FILE, one per line (# starts a comment)
  --format FORMAT        text (default), json, sarif, markdown, junit, html
  -o, --output FILE      write the report to FILE
  --fail-on LEVEL        error, warning (default), info or never: the lowest severity that exits 1
  --fail-under GRADE     also exit 1 when a site's grade is below GRADE (A+, A, A-, B+ ... F)
  --exit-zero            always exit 0 when the scan ran
  --concurrency N        sites scanned at once (default 8)
  --timeout SECONDS      total time per request (default 10)
  --connect-timeout SECONDS  time to connect (default 5)
  --ca FILE              trust this CA too (PEM), so certificate checks run on a staging CA
  --resolve HOST:PORT:ADDR   pin a name to an address, like curl (repeatable)
  --insecure             go on past an invalid certificate (it is still reported)
  --color WHEN           auto (default), always, never

Exit codes: 0 no finding at or above --fail-on and no grade below --fail-under, 1 otherwise, 2 usage
or input error. A site that cannot be scanned is an error finding.
`;

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 600) throw new UsageError(`${flag} takes seconds between 0 and 600`);
  return Math.round(number * 1000);
}

function urlsFrom(file: string): string[] {
  const read = readText(file, 4 * 1024 * 1024);
  if (!read.ok) throw new InputError(`--from ${file}: ${read.message}`);
  return read.text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean);
}

function siteDetail(site: ScanSite): string {
  if (site.error) return `not scanned (${site.error.kind}): ${site.error.message}`;
  const s = site.summary;
  // Where an http:// URL (or any redirecting one) landed: the grade is that page's, as the Observatory grades it.
  const landed = site.redirects.length ? ` · ${site.redirects.map((hop) => hop.status).join(" → ")} → ${site.finalUrl}` : "";
  return `${site.grade} · ${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${s.info} info${landed}`;
}

/** A progress bar on stderr, drawn only when stderr is a terminal. */
function progress(context: CommandContext, total: number): { update: (done: number) => void; clear: () => void } {
  const stream = context.stderr;
  if (!stream.isTTY || total < 2) return { update: () => {}, clear: () => {} };
  const width = 30;
  return {
    update: (done) => {
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} sites`);
    },
    clear: () => stream.write(`\r${" ".repeat(width + 24)}\r`),
  };
}

export async function scanCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      format: { type: "string", default: "text" },
      output: { type: "string", short: "o" },
      "fail-on": { type: "string" },
      "fail-under": { type: "string" },
      "exit-zero": { type: "boolean" },
      concurrency: { type: "string" },
      timeout: { type: "string" },
      "connect-timeout": { type: "string" },
      ca: { type: "string" },
      resolve: { type: "string", multiple: true },
      insecure: { type: "boolean" },
      color: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    context.stdout.write(scanHelp);
    return EXIT_OK;
  }
  const format = checkFormat(values.format, FORMATS);
  const failOn = (values["fail-on"] ?? "warning") as FailOn;
  const failOnProblem = checkFailOn(failOn);
  if (failOnProblem) throw new UsageError(`--fail-on ${failOnProblem}`);
  const failUnder = values["fail-under"];
  if (failUnder !== undefined && !isGrade(failUnder))
    throw new UsageError(
      `--fail-under takes a grade (${GRADES.join(", ")}), not "${failUnder}"${didYouMean(failUnder.toUpperCase(), GRADES)}`,
    );
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64))
    throw new UsageError("--concurrency takes a whole number from 1 to 64");
  const urls = [...positionals, ...(values.from ? urlsFrom(values.from) : [])];
  if (urls.length === 0) throw new UsageError("djship scan needs at least one URL (or --from FILE); run djship scan --help");
  let ca: string | undefined;
  if (values.ca) {
    const read = readText(values.ca, 1024 * 1024);
    if (!read.ok) throw new InputError(`--ca ${values.ca}: ${read.message}`);
    if (!read.text.includes("-----BEGIN CERTIFICATE-----")) throw new InputError(`--ca ${values.ca}: not a PEM certificate`);
    ca = read.text;
  }
  const requestTimeoutMs = seconds(values.timeout, "--timeout");
  const connectTimeoutMs = seconds(values["connect-timeout"], "--connect-timeout");
  const bar = progress(context, urls.length);
  const result = await scan(urls, {
    ...(concurrency ? { concurrency } : {}),
    ...(ca ? { ca } : {}),
    insecure: values.insecure ?? false,
    resolve: values.resolve ?? [],
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
    onProgress: ({ done }) => bar.update(done),
  });
  bar.clear();
  const findingsFail = failsAt(result.findings, failOn);
  const gradeFails = failUnder !== undefined && result.sites.some((s) => isBelow(s.grade, failUnder as Grade));
  const fails = findingsFail || gradeFails;
  const exitCode = fails && !values["exit-zero"] ? EXIT_FINDINGS : EXIT_OK;
  let text: string;
  if (format === "json") text = `${JSON.stringify(scanDocument(result), null, 2)}\n`;
  else {
    const report: Report = {
      kind: "scan",
      tool: result.tool,
      findings: result.findings,
      summary: result.summary,
      catalog: result.catalog,
      heading: [`djship scan · ${result.sites.length} site${result.sites.length === 1 ? "" : "s"}`],
      scores: result.sites.map((site) => ({ label: site.url, score: site.score, detail: siteDetail(site) })),
      failOn: `${failOn}${failUnder ? `, fail-under ${failUnder}` : ""}`,
      exitCode: fails ? 1 : 0,
    };
    const reporter = await reporterFor(format);
    const color = values.output || format !== "text" ? (_f: unknown, t: string) => t : context.style(context.stdout);
    text = reporter(report, { color: color as Parameters<typeof reporter>[1]["color"] });
  }
  writeOutput(text, values.output, context);
  return exitCode;
}
