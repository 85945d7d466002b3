/**
 * djship's parity rules against real Django's `check --deploy`: every example and every settings
 * fixture, in each of its environments, under Django 3.2, 4.2 and 5.2. Django runs its checks in a
 * process of its own with exactly the case's variables (forked from one Django server per series); djship audits the same tree with the same
 * variables. The IDs Django prints must be exactly the `djangoCheck` IDs of djship's unsuppressed
 * findings, the IDs it silences must be djship findings suppressed as silenced, and when Django
 * cannot start, djship must say why. Differences djship cannot avoid are listed below with their
 * reason, and must occur exactly as listed.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { type AuditResult, audit } from "../../src/audit.js";
import { COVERED_CHECKS, isCoveredCheck } from "../../src/django/checks.js";
import { compareSeries, type DjangoSeries } from "../../src/django/versions.js";
import type { Finding } from "../../src/findings/finding.js";
import type { AnyRule } from "../../src/rules/define.js";
import { RULES } from "../../src/rules/registry.generated.js";
import { djangoHasCheck } from "../../src/rules/run.js";
import { materialize } from "../../src/rules/tester.js";
import { type DifferentialCase, exampleCases, fixtureCases } from "./cases.js";
import { askDjango, assertProvisioned, type DjangoAnswer, pool } from "./django.js";

assertProvisioned();

/** Cases in flight at once: Django answers in forked children while djship audits on this thread. */
const PARALLEL = 4;

/** The series every case runs under, besides the ones its case.json asks for. */
const ALWAYS = ["3.2"];

/**
 * Runs that cannot happen under 3.2 because the case uses something 3.2 does not have; keyed by
 * "case/environment".
 */
const NOT_ON_32: Record<string, string> = {
  "example-hardened/production": "CACHES uses django.core.cache.backends.redis.RedisCache, added in Django 4.0",
  "cookiecutter-style/dotenv": "CACHES uses django.core.cache.backends.redis.RedisCache, added in Django 4.0",
  "cookiecutter-style/prod": "CACHES uses django.core.cache.backends.redis.RedisCache, added in Django 4.0",
  "cookiecutter-style/prod-no-redirect": "CACHES uses django.core.cache.backends.redis.RedisCache, added in Django 4.0",
  "environ-cache-url/redis": "django-environ maps redis:// to redis_cache.RedisCache below Django 4.0, a package not installed",
};

/**
 * Django stops with a traceback instead of printing checks (django-checks.md §2): djship must
 * report the cause with the rule named here, as a finding without a Django check ID.
 */
const CRASHES: { error: RegExp; rule: string }[] = [
  { error: /^ViewDoesNotExist: /, rule: "SEC901" },
  { error: /^ImproperlyConfigured: DEFAULT_AUTO_FIELD /, rule: "DB042" },
  { error: /^ImproperlyConfigured: app_dirs must not be set when loaders is defined/, rule: "CFG301" },
  { error: /^OSError: No translation files found for default language/, rule: "CFG604" },
  { error: /^RuntimeError: Model class django\.contrib\.\w+\.models\.\w+ doesn't declare an explicit app_label/, rule: "CFG401" },
  { error: /^ImproperlyConfigured: The SECRET_KEY setting must not be empty\./, rule: "SEC009" },
];

/** Differences djship cannot avoid, with the reason; each must occur exactly as described. */
const KNOWN_DIFFERENCES: { run: RegExp; onlyDjango: string[]; reason: string }[] = [
  {
    run: /^csrf-failure-view\/missing-module\//,
    onlyDjango: ["security.E102"],
    reason:
      "CSRF_FAILURE_VIEW names missingpkg.views.csrf_failure: whether a package outside the project is installed depends on the server's site-packages, which djship does not read",
  },
];

interface Run {
  readonly testCase: DifferentialCase;
  readonly series: string;
  readonly environmentName: string;
  readonly env: Record<string, string>;
}

interface Outcome {
  readonly run: Run;
  readonly answer: DjangoAnswer;
  readonly result: AuditResult;
}

const stats = { runs: 0, compared: 0, crashes: 0, loadErrors: 0, known: 0, ids: new Set<string>(), millis: { django: 0, djship: 0 } };

function runName(run: Run): string {
  return `${run.testCase.name}/${run.environmentName}/${run.series}`;
}

function runsOf(testCase: DifferentialCase): Run[] {
  const series = [...new Set([...ALWAYS, ...testCase.django])].sort(compareSeries);
  const runs: Run[] = [];
  for (const version of series) {
    for (const [environmentName, env] of Object.entries(testCase.environments)) {
      if (version === "3.2" && `${testCase.name}/${environmentName}` in NOT_ON_32) continue;
      runs.push({ testCase, series: version, environmentName, env });
    }
  }
  return runs;
}

async function execute(run: Run): Promise<Outcome> {
  const started = Date.now();
  const answer = await askDjango(run.testCase.root, run.series, run.testCase.settingsModule, run.env, "check");
  stats.millis.django += Date.now() - started;
  const audited = Date.now();
  const result = await audit(run.testCase.root, { djangoVersion: run.series, environment: new Map(Object.entries(run.env)) });
  stats.millis.djship += Date.now() - audited;
  stats.runs++;
  return { run, answer, result };
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.rule} ${f.file}:${f.line} [${f.djangoCheck ?? "-"}] ${f.message}`).join("\n    ");
}

/** Compares Django's answer with djship's audit of the same tree; returns the problems, none when they agree. */
function compare(label: string, series: string, answer: DjangoAnswer, result: AuditResult): string[] {
  const project = result.projects.find((p) => p.root === ".") ?? result.projects[0];
  if (!project) return ["djship found no Django project"];
  const findings = result.findings.filter((f) => f.project === project.root);
  const problems: string[] = [];
  if (!answer.ok) {
    const error = `${answer.error.type}: ${answer.error.message}`;
    if (project.loadError) {
      stats.loadErrors++;
      if (answer.error.variable) {
        if (project.loadError.variable !== answer.error.variable) {
          problems.push(
            `Django's failure names ${answer.error.variable} (${error}); djship's load error names ${project.loadError.variable}`,
          );
        }
        if (!findings.some((f) => !f.suppressed && f.env.includes(answer.error.variable as string))) {
          problems.push(`no djship finding names ${answer.error.variable}, the variable Django fails on`);
        }
      }
      return problems;
    }
    const crash = CRASHES.find((c) => c.error.test(error));
    if (!crash) return [`Django stops (${error}) but djship loads the settings and knows no such crash`];
    stats.crashes++;
    if (!findings.some((f) => f.rule === crash.rule && !f.suppressed && f.djangoCheck === null)) {
      problems.push(`Django stops (${error}); djship should report it with ${crash.rule}, but reports:\n    ${describeFindings(findings)}`);
    }
    return problems;
  }
  if (project.loadError) return [`djship says the settings would not load (${project.loadError.message}) but Django ran its checks`];
  const messages = answer.messages ?? [];
  const printed = new Set(messages.filter((m) => !m.silenced).map((m) => m.id));
  const silenced = new Set(messages.filter((m) => m.silenced).map((m) => m.id));
  for (const id of [...printed, ...silenced]) {
    if (!isCoveredCheck(id, series)) problems.push(`Django ${series} prints ${id}, which no djship rule covers`);
  }
  const covered = findings.filter((f) => f.djangoCheck !== null && isCoveredCheck(f.djangoCheck, series));
  const reported = new Set(covered.filter((f) => !f.suppressed).map((f) => f.djangoCheck as string));
  const suppressed = new Set(covered.filter((f) => f.suppressed && f.suppression?.kind === "silenced").map((f) => f.djangoCheck as string));
  const known = KNOWN_DIFFERENCES.find((k) => k.run.test(label));
  const onlyDjango = [...printed].filter((id) => !reported.has(id)).sort();
  const onlyDjship = [...reported].filter((id) => !printed.has(id)).sort();
  if (known) {
    stats.known++;
    if (JSON.stringify(onlyDjango) !== JSON.stringify([...known.onlyDjango].sort()) || onlyDjship.length > 0) {
      problems.push(
        `expected exactly the known difference (${known.onlyDjango.join(", ")} only from Django: ${known.reason}); got only Django: ${onlyDjango.join(", ") || "none"}, only djship: ${onlyDjship.join(", ") || "none"}`,
      );
    }
  } else {
    if (onlyDjango.length > 0) problems.push(`Django prints ${onlyDjango.join(", ")}, djship does not report it`);
    if (onlyDjship.length > 0) problems.push(`djship reports ${onlyDjship.join(", ")}, Django does not print it`);
  }
  const silencedMissing = [...silenced].filter((id) => !suppressed.has(id));
  const silencedExtra = [...suppressed].filter((id) => !silenced.has(id));
  if (silencedMissing.length > 0)
    problems.push(`Django silences ${silencedMissing.join(", ")}; djship has no finding suppressed as silenced`);
  if (silencedExtra.length > 0) problems.push(`djship suppresses ${silencedExtra.join(", ")} as silenced; Django does not report them`);
  stats.compared += printed.size + silenced.size;
  for (const id of [...printed, ...silenced]) stats.ids.add(id);
  if (problems.length > 0) problems.push(`djship's findings:\n    ${describeFindings(findings)}`);
  return problems;
}

const cases = [...exampleCases(), ...fixtureCases()];
const outcomes = new Map<string, Outcome | Error>();

/**
 * Every parity rule's doc examples, run through Django too: the bad example must make Django print
 * the rule's check (or stop, for a rule that reports a crash), the good one must not, and both must
 * agree with djship on every ID. Examples read with a series that cannot run here (6.x) are left to
 * the rules' unit tests.
 */
interface ExampleRun {
  readonly rule: AnyRule;
  readonly which: "bad" | "good";
  readonly series: string;
}
const RUNNABLE = ["3.2", "4.2", "5.2"];
const examples: ExampleRun[] = RULES.filter((rule) => rule.djangoCheck && rule.doc.bad && rule.doc.good).flatMap((rule) => {
  // Both examples under the series they are written for (5.2 unless pinned); the bad one also under
  // every other provisioned series that has the check.
  const home = rule.doc.djangoVersion ?? "5.2";
  if (!RUNNABLE.includes(home)) return [];
  const others = rule.doc.djangoVersion ? [] : RUNNABLE.filter((s) => s !== home && djangoHasCheck(rule, s as DjangoSeries));
  return [
    { rule, which: "bad" as const, series: home },
    { rule, which: "good" as const, series: home },
    ...others.map((series) => ({ rule, which: "bad" as const, series })),
  ];
});
const exampleOutcomes = new Map<string, { answer: DjangoAnswer; result: AuditResult } | Error>();

/** Whether the rule's Django check exists in the series the example runs under. */
function hasCheck(run: ExampleRun): boolean {
  return djangoHasCheck(run.rule, run.series as DjangoSeries);
}

function exampleName(run: ExampleRun): string {
  return `${run.rule.code}/${run.which}/${run.series}`;
}

async function executeExample(run: ExampleRun): Promise<{ answer: DjangoAnswer; result: AuditResult }> {
  const files = (run.which === "bad" ? run.rule.doc.bad : run.rule.doc.good) ?? {};
  const root = materialize(files);
  const settingsFile = Object.keys(files).find((path) => /settings(\/[\w]+)?\.py$/.test(path) && !path.endsWith("__init__.py"));
  const module = (settingsFile ?? "").replace(/\.py$/, "").split("/").join(".");
  const env = { ...(run.rule.doc.environment ?? {}) };
  try {
    const answer = await askDjango(root, run.series, module, env, "check");
    const result = await audit(root, { djangoVersion: run.series, environment: new Map(Object.entries(env)) });
    return { answer, result };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("checks: djship reports what Django's check --deploy prints", () => {
  before(async () => {
    const runs = cases.flatMap(runsOf);
    await pool(runs, PARALLEL, async (run) => {
      try {
        outcomes.set(runName(run), await execute(run));
      } catch (error) {
        outcomes.set(runName(run), error instanceof Error ? error : new Error(String(error)));
      }
    });
    await pool(examples, PARALLEL, async (run) => {
      try {
        exampleOutcomes.set(exampleName(run), await executeExample(run));
      } catch (error) {
        exampleOutcomes.set(exampleName(run), error instanceof Error ? error : new Error(String(error)));
      }
    });
  });

  test("every covered check names a rule and a known series range", () => {
    for (const check of COVERED_CHECKS) {
      assert.match(check.id, /^[\w]+\.[EWC]\d{3}$/, check.id);
      assert.match(check.rule, /^[A-Z]+\d{3}$/, `${check.id}: ${check.rule}`);
    }
  });

  for (const testCase of cases) {
    test(`${testCase.name}: ${testCase.description}`, () => {
      const failures: string[] = [];
      for (const run of runsOf(testCase)) {
        const outcome = outcomes.get(runName(run));
        if (!outcome) failures.push(`${runName(run)}: did not run`);
        else if (outcome instanceof Error) failures.push(`${runName(run)}: ${outcome.message}`);
        else {
          const problems = compare(runName(run), run.series, outcome.answer, outcome.result);
          if (problems.length > 0) failures.push(`Django ${run.series}, environment "${run.environmentName}":\n  ${problems.join("\n  ")}`);
        }
      }
      if (failures.length > 0) throw new Error(failures.join("\n\n"));
    });
  }

  test("every parity rule's doc examples: the bad one makes Django print its check, the good one does not", () => {
    const failures: string[] = [];
    for (const run of examples) {
      const name = exampleName(run);
      const outcome = exampleOutcomes.get(name);
      if (!outcome || outcome instanceof Error) {
        failures.push(`${name}: ${outcome?.message ?? "did not run"}`);
        continue;
      }
      const problems = compare(name, run.series, outcome.answer, outcome.result);
      const { answer, result } = outcome;
      const ids = new Set(result.findings.filter((f) => f.rule === run.rule.code && !f.suppressed).map((f) => f.djangoCheck));
      const printed = answer.ok ? new Set((answer.messages ?? []).filter((m) => !m.silenced).map((m) => m.id)) : new Set<string>();
      const rulePrinted = [...ids].some((id) => id !== null && printed.has(id));
      // A bad example shows the rule's own check (or Django stopping, for a crash the rule reports),
      // unless it documents a case Django cannot see (a Dockerfile): then djship claims no check ID.
      const claimsCheck = [...ids].some((id) => id !== null);
      if (run.which === "bad" && hasCheck(run) && (claimsCheck || !answer.ok) && !rulePrinted && !(!answer.ok && ids.has(null))) {
        problems.push(`the bad example does not make Django print ${run.rule.djangoCheck}`);
      }
      if (run.which === "good" && rulePrinted) problems.push(`the good example makes Django print ${[...ids].join(", ")}`);
      if (problems.length > 0) failures.push(`${name}:\n  ${problems.join("\n  ")}`);
    }
    if (failures.length > 0) throw new Error(failures.join("\n\n"));
  });

  test("every known difference still happens", () => {
    for (const known of KNOWN_DIFFERENCES) {
      assert.ok(
        [...outcomes.keys()].some((name) => known.run.test(name)),
        `the known difference ${known.run} (${known.reason}) matches no run: remove it`,
      );
    }
  });

  after(() => {
    console.log(
      `differential doc examples: ${examples.length} Django runs over the bad and good examples of ${new Set(examples.map((e) => e.rule.code)).size} parity rules`,
    );
    console.log(
      `differential checks: ${stats.runs} runs (Django ${(stats.millis.django / 1000).toFixed(0)}s, djship ${(stats.millis.djship / 1000).toFixed(0)}s of work), ${stats.compared} check IDs compared (${stats.ids.size} distinct: ${[...stats.ids].sort().join(" ")}), ${stats.loadErrors} load errors, ${stats.crashes} crashes, ${stats.known} known differences`,
    );
  });
});
