import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { IN_MEMORY_ROOT, Workspace } from "../discover/workspace.js";
import { DEFAULT_CONFIG, loadConfigFromFiles } from "../findings/config.js";
import { compareFindings } from "../findings/finalize.js";
import type { Finding } from "../findings/finding.js";
import { loadWorkspace } from "../model/project.js";
import type { ProjectPart } from "../model/project-view.js";
import type { AnyRule } from "./define.js";
import { projectFindings } from "./run.js";

export interface RuleCase {
  /** Project files: path → content. A manage.py and package __init__.py are added when missing. */
  readonly files: Readonly<Record<string, string>>;
  /** Read the settings for exactly this environment; without it, for any environment. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly djangoVersion?: string;
  readonly settingsModule?: string;
}

export interface Expected {
  readonly line?: number;
  readonly file?: string;
  readonly messageId?: string;
  readonly message?: RegExp | string;
  readonly env?: readonly string[];
  readonly djangoCheck?: string | null;
  readonly severity?: string;
  readonly suppressed?: boolean;
}

/** A case completed into a loadable Django project: a manage.py and the packages' __init__.py added when missing. */
export function completeCase(files: Readonly<Record<string, string>>): Record<string, string> {
  const all: Record<string, string> = { ...files };
  const settingsFile = Object.keys(all).find((p) => /settings(\/[\w]+)?\.py$/.test(p) && !p.endsWith("__init__.py"));
  const hasEntry = Object.keys(all).some((p) => /(^|\/)(manage|wsgi|asgi)\.py$/.test(p));
  if (settingsFile && !hasEntry) {
    const module = settingsFile.replace(/\.py$/, "").split("/").join(".");
    all["manage.py"] =
      `import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n`;
  }
  for (const path of Object.keys(all)) {
    if (!path.endsWith(".py")) continue;
    const parts = path.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const init = `${parts.slice(0, i).join("/")}/__init__.py`;
      if (!(init in all) && !(init in files)) all[init] = "";
    }
  }
  return all;
}

/** Writes a case into a fresh folder, completing it into a loadable Django project. */
export function materialize(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), "djship-case-"));
  for (const [path, text] of Object.entries(completeCase(files))) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * Audits a case with only the given rules, in memory (no folder is written), through the same
 * loading and finding policy as `audit({ files })`. `onRead` is told of each part of the project a
 * rule reads.
 */
export async function auditCase(
  rules: readonly AnyRule[],
  ruleCase: RuleCase,
  onRead?: (rule: AnyRule, part: ProjectPart) => void,
): Promise<Finding[]> {
  const files = completeCase(ruleCase.files);
  const config = { ...DEFAULT_CONFIG, ...loadConfigFromFiles(files) };
  const placing = { production: config.production, ignoreFiles: config.ignoreFiles };
  const model = await loadWorkspace(IN_MEMORY_ROOT, {
    settingsModule: ruleCase.settingsModule ?? config.settings,
    djangoVersion: ruleCase.djangoVersion ?? "5.2",
    environment: ruleCase.environment ? new Map(Object.entries(ruleCase.environment)) : undefined,
    files: placing,
    workspace: Workspace.fromFiles(files, placing),
  });
  return model.projects.flatMap((project) => projectFindings(project, rules, config, { onRead })).sort(compareFindings);
}

function matches(finding: Finding, expected: Expected, rule: AnyRule): boolean {
  if (expected.line !== undefined && finding.line !== expected.line) return false;
  if (expected.file !== undefined && finding.file !== expected.file) return false;
  if (expected.messageId !== undefined) {
    const template = (rule.messages as Record<string, string>)[expected.messageId];
    if (!template) throw new Error(`${rule.code} has no message "${expected.messageId}"`);
    const pattern = new RegExp(
      `^(Insecure default: )?${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}|\{\w+\}/g, "[\\s\\S]*?")}`,
    );
    if (!pattern.test(finding.message)) return false;
  }
  if (
    expected.message !== undefined &&
    !(typeof expected.message === "string" ? finding.message.includes(expected.message) : expected.message.test(finding.message))
  )
    return false;
  if (expected.env !== undefined && JSON.stringify([...finding.env]) !== JSON.stringify([...expected.env].sort())) return false;
  if (expected.djangoCheck !== undefined && finding.djangoCheck !== expected.djangoCheck) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.suppressed !== undefined && finding.suppressed !== expected.suppressed) return false;
  return true;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.length === 0
    ? "no findings"
    : findings
        .map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}${f.djangoCheck ? ` [${f.djangoCheck}]` : ""} env=${f.env.join(",")}`)
        .join("\n  ");
}

/** The parts of the project each rule read in the cases of this test file. */
const readsOfRule = new Map<AnyRule, Set<ProjectPart>>();

/** Audits a case and fails when the rule reads a part of the project its `reads` does not declare. */
async function auditRecording(rule: AnyRule, ruleCase: RuleCase): Promise<Finding[]> {
  const read = new Set<ProjectPart>();
  const findings = await auditCase([rule], ruleCase, (_rule, part) => read.add(part));
  const used = readsOfRule.get(rule) ?? new Set();
  for (const part of read) used.add(part);
  readsOfRule.set(rule, used);
  const undeclared = [...read].filter((part) => !rule.reads.includes(part));
  assert.deepEqual(undeclared, [], `${rule.code} reads ${undeclared.join(", ")} but its reads list is [${rule.reads.join(", ")}]`);
  return findings;
}

/** The doc examples, for the parts no case of the test file reached. */
async function readsOfDocExamples(rule: AnyRule): Promise<Set<ProjectPart>> {
  const read = new Set<ProjectPart>();
  const { environment, djangoVersion } = rule.doc;
  for (const files of [rule.doc.bad, rule.doc.good]) {
    if (files) await auditCase([rule], { files, ...(environment ? { environment } : {}), djangoVersion }, (_rule, part) => read.add(part));
  }
  return read;
}

/**
 * After every case of the file: each part the rule declares in `reads` was read by some case (or
 * doc example), so the list says what the rule needs and no more.
 */
function checkDeclaredReadsAreUsed(rule: AnyRule): void {
  if (readsOfRule.has(rule)) return;
  readsOfRule.set(rule, new Set());
  after(async () => {
    const used = readsOfRule.get(rule) ?? new Set();
    if (rule.reads.some((part) => !used.has(part))) for (const part of await readsOfDocExamples(rule)) used.add(part);
    const unused = rule.reads.filter((part) => !used.has(part));
    assert.deepEqual(
      unused,
      [],
      `${rule.code} declares reads [${rule.reads.join(", ")}] but no case or doc example reads ${unused.join(", ")}`,
    );
  });
}

/**
 * Tests for one rule, in the style of ESLint's RuleTester: `fires` expects a finding matching each
 * expectation, `quiet` expects none. Each case is a small project held in memory, audited for real.
 * Every case also checks the rule's `reads`: a part of the project it reads must be declared, and
 * after the last case, every part declared must have been read.
 */
export function ruleTester(rule: AnyRule) {
  checkDeclaredReadsAreUsed(rule);
  return {
    fires(name: string, ruleCase: RuleCase, ...expected: Expected[]): void {
      test(`${rule.code} fires: ${name}`, async () => {
        const findings = (await auditRecording(rule, ruleCase)).filter((f) => f.rule === rule.code);
        assert.ok(findings.length > 0, `${rule.code} did not fire`);
        for (const expectation of expected.length ? expected : [{}]) {
          assert.ok(
            findings.some((f) => matches(f, expectation, rule)),
            `no ${rule.code} finding matches ${JSON.stringify(expectation, (_k, v) => (v instanceof RegExp ? String(v) : v))}; got:\n  ${describeFindings(findings)}`,
          );
        }
      });
    },
    quiet(name: string, ruleCase: RuleCase): void {
      test(`${rule.code} is quiet: ${name}`, async () => {
        const findings = (await auditRecording(rule, ruleCase)).filter((f) => f.rule === rule.code && !f.suppressed);
        assert.equal(findings.length, 0, `${rule.code} fired:\n  ${describeFindings(findings)}`);
      });
    },
  };
}
