#!/usr/bin/env node
// The GitHub Action's entry point (action.yml runs it with the inputs as INPUT_* variables, as
// Actions passes them to JavaScript actions). Plain JavaScript with no dependency, so it runs
// from the action's checkout without a build. It runs the djship CLI twice (SARIF, then Markdown),
// writes the job summary and the step outputs, and annotates the findings on the lines the pull
// request changed. Tested by test/dist/action.test.ts the way Actions runs it.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAX_ANNOTATIONS = 50;

/** An input as Actions names it: INPUT_ + the name upper-cased, spaces as underscores, hyphens kept. */
function input(name, fallback = "") {
  const key = `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
  const value = process.env[key] ?? process.env[key.replace(/-/g, "_")];
  return value === undefined || value.trim() === "" ? fallback : value.trim();
}

// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions (escaping as @actions/core does)
function escapeData(text) {
  return String(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, `${name}=${String(value).replace(/\r?\n/g, " ")}\n`);
}

function fail(message) {
  process.stdout.write(`::error title=djship::${escapeData(message)}\n`);
  process.exit(2);
}

/**
 * The djship to run: the action's own checkout when it has been built (a local `uses: ./`), else
 * the published package of the version asked for, by default the one this action was tagged with.
 */
function djshipCommand() {
  const version = input("version");
  const localBin = join(ACTION_ROOT, "bin", "djship.js");
  if ((version === "" || version === "local") && existsSync(join(ACTION_ROOT, "dist", "djship.cjs"))) return [process.execPath, [localBin]];
  const pinned = version || JSON.parse(readFileSync(join(ACTION_ROOT, "package.json"), "utf8")).version;
  return ["npx", ["--yes", `djship@${pinned}`]];
}

/** Lines changed by the pull request, per file relative to the workspace; null outside a pull request. */
function changedLines(workspace) {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (!eventPath || !existsSync(eventPath)) return null;
  let base;
  try {
    base = JSON.parse(readFileSync(eventPath, "utf8"))?.pull_request?.base?.sha;
  } catch {
    return null;
  }
  if (!base) return null;
  let diff;
  try {
    diff = execFileSync("git", ["diff", "--unified=0", "--no-color", "--no-ext-diff", `${base}...HEAD`], {
      cwd: workspace,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    // A shallow checkout without the base commit: say so and annotate nothing rather than everything.
    process.stdout.write(
      "::warning title=djship::the pull request's base commit is not in the checkout (fetch-depth: 0 fixes it); no line annotated\n",
    );
    return new Map();
  }
  const changed = new Map();
  let file = null;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      file = line === "+++ /dev/null" ? null : line.slice(6);
      if (file && !changed.has(file)) changed.set(file, new Set());
    } else if (file && line.startsWith("@@")) {
      const match = /\+(\d+)(?:,(\d+))?/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      for (let n = start; n < start + count; n++) changed.get(file).add(n);
    }
  }
  return changed;
}

function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const path = input("path", ".");
  const envFile = input("env-file");
  const djangoVersion = input("django-version");
  const failOn = input("fail-on", "warning");
  const sarifFile = input("sarif-file", "djship.sarif");
  const annotate = input("annotate", "changed");
  if (!["error", "warning", "info", "never"].includes(failOn)) fail(`fail-on must be error, warning, info or never, not "${failOn}"`);
  if (!["changed", "all", "none"].includes(annotate)) fail(`annotate must be changed, all or none, not "${annotate}"`);

  const [command, prefix] = djshipCommand();
  const args = ["audit", path, "--fail-on", failOn];
  if (envFile) args.push("--env-file", envFile);
  if (djangoVersion) args.push("--django-version", djangoVersion);
  const run = (extra) =>
    spawnSync(command, [...prefix, ...args, ...extra], {
      cwd: workspace,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      maxBuffer: 256 * 1024 * 1024,
      timeout: 10 * 60 * 1000,
    });

  const sarifPath = resolve(workspace, sarifFile);
  mkdirSync(dirname(sarifPath), { recursive: true });
  const sarifRun = run(["--format", "sarif", "-o", sarifPath]);
  if (sarifRun.status !== 0 && sarifRun.status !== 1) {
    process.stderr.write(sarifRun.stderr ?? "");
    fail(
      `djship audit failed (exit ${sarifRun.status ?? sarifRun.signal}): ${(sarifRun.stderr || sarifRun.error?.message || "").trim().split("\n")[0]}`,
    );
  }
  const markdownRun = run(["--format", "markdown", "--exit-zero"]);
  if (markdownRun.status !== 0) process.stderr.write(markdownRun.stderr ?? "");

  // SARIF locations are relative to the audited folder; code scanning wants them relative to the
  // repository, so a project in a subfolder is located right.
  const sarif = JSON.parse(readFileSync(sarifPath, "utf8"));
  const prefixPath = posix.normalize(relative(workspace, resolve(workspace, path)).split("\\").join("/"));
  const inRepository = (uri) => (prefixPath === "." || prefixPath === "" ? uri : `${encodeURI(prefixPath)}/${uri}`);
  const results = sarif.runs?.[0]?.results ?? [];
  for (const result of results) {
    for (const location of [...(result.locations ?? []), ...(result.relatedLocations ?? [])]) {
      const artifact = location.physicalLocation?.artifactLocation;
      if (artifact?.uriBaseId === "%SRCROOT%") artifact.uri = inRepository(artifact.uri);
    }
  }
  writeFileSync(sarifPath, `${JSON.stringify(sarif, null, 2)}\n`);

  if (process.env.GITHUB_STEP_SUMMARY && markdownRun.stdout) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdownRun.stdout}\n`);

  const counts = { error: 0, warning: 0, note: 0 };
  for (const result of results) if (!result.suppressions?.length) counts[result.level] = (counts[result.level] ?? 0) + 1;

  const changed = annotate === "changed" ? changedLines(workspace) : null;
  let annotated = 0;
  for (const result of results) {
    if (annotate === "none" || annotated >= MAX_ANNOTATIONS || result.suppressions?.length) continue;
    const physical = result.locations?.[0]?.physicalLocation;
    const file = physical?.artifactLocation?.uri ? decodeURI(physical.artifactLocation.uri) : null;
    const line = physical?.region?.startLine;
    if (!file || !line) continue;
    if (changed && !changed.get(file)?.has(line)) continue;
    const command = result.level === "error" ? "error" : result.level === "warning" ? "warning" : "notice";
    const column = physical.region.startColumn ? `,col=${physical.region.startColumn}` : "";
    process.stdout.write(
      `::${command} file=${escapeProperty(file)},line=${line}${column},title=${escapeProperty(`djship ${result.ruleId}`)}::${escapeData(result.message.text)}\n`,
    );
    annotated++;
  }

  const exitCode = sarifRun.status ?? 2;
  setOutput("sarif-file", relative(workspace, sarifPath).split("\\").join("/"));
  setOutput("errors", counts.error);
  setOutput("warnings", counts.warning);
  setOutput("infos", counts.note);
  setOutput("annotations", annotated);
  setOutput("exit-code", exitCode);
  const summary = `djship: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} info`;
  process.stdout.write(`${summary}${exitCode === 1 ? ` — fails at fail-on ${failOn}` : ""}\n`);
  process.exitCode = exitCode;
}

main();
