/**
 * What every rule owes: a unique code matching its file name and folder, a complete doc, and doc
 * examples that behave as documented (the bad one fires this rule, the good one does not) and read
 * only the parts of the project the rule's `reads` declares.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { AREAS } from "./areas.js";
import { RULES } from "./registry.generated.js";
import { auditCase } from "./tester.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("rule registry", () => {
  test("codes are unique and match their file, folder and area prefix", () => {
    const codes = new Set<string>();
    for (const rule of RULES) {
      assert.ok(!codes.has(rule.code), `duplicate code ${rule.code}`);
      codes.add(rule.code);
      const area = AREAS.find((a) => a.id === rule.area);
      assert.ok(area, `${rule.code}: unknown area ${rule.area}`);
      assert.ok(
        rule.code.startsWith(area.prefix) && /^[A-Z]+\d{3}$/.test(rule.code),
        `${rule.code}: code must be ${area.prefix} and three digits`,
      );
      const files = readdirSync(join(here, rule.area));
      assert.ok(
        files.includes(`${rule.code}-${rule.slug}.js`),
        `${rule.code}: expected src/rules/${rule.area}/${rule.code}-${rule.slug}.ts`,
      );
      assert.ok(!/^(no|check)-/.test(rule.slug), `${rule.code}: the slug names the bad state, without no-/check- prefixes`);
    }
  });
  test("every rule file is in the registry", () => {
    const registered = new Set(RULES.map((r) => r.code));
    for (const area of AREAS) {
      let files: string[] = [];
      try {
        files = readdirSync(join(here, area.id));
      } catch {
        continue;
      }
      for (const file of files) {
        const code = /^([A-Z]+\d{3})-.*\.js$/.exec(file)?.[1];
        if (code && !file.endsWith(".test.js")) assert.ok(registered.has(code), `${file} is not registered: run npm run gen`);
      }
    }
  });
  test("every doc is complete", () => {
    for (const rule of RULES) {
      for (const part of ["what", "why", "fix"] as const) assert.ok(rule.doc[part]?.length > 10, `${rule.code}: doc.${part} is missing`);
      assert.ok(Object.keys(rule.messages).length > 0, `${rule.code}: no messages`);
      assert.ok(rule.doc.bad && rule.doc.good, `${rule.code}: doc needs a bad and a good example`);
    }
  });
});

describe("doc examples", () => {
  for (const rule of RULES) {
    test(`${rule.code}: the bad example fires it, the good one does not`, async () => {
      const environment = rule.doc.environment;
      const djangoVersion = rule.doc.djangoVersion;
      const read = new Set<string>();
      const record = (_rule: unknown, part: string) => read.add(part);
      const bad = await auditCase([rule], { files: rule.doc.bad ?? {}, ...(environment ? { environment } : {}), djangoVersion }, record);
      assert.ok(
        bad.some((f) => f.rule === rule.code),
        `${rule.code}: the bad example does not fire it`,
      );
      const good = await auditCase([rule], { files: rule.doc.good ?? {}, ...(environment ? { environment } : {}), djangoVersion }, record);
      assert.deepEqual(
        good.filter((f) => f.rule === rule.code && !f.suppressed).map((f) => f.message),
        [],
        `${rule.code}: the good example fires it`,
      );
      const undeclared = [...read].filter((part) => !(rule.reads as readonly string[]).includes(part));
      assert.deepEqual(
        undeclared,
        [],
        `${rule.code}: its doc examples read ${undeclared.join(", ")}, which its reads list does not declare`,
      );
    });
  }
});
