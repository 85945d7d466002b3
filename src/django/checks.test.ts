import assert from "node:assert/strict";
import { test } from "node:test";
import { RULES } from "../rules/registry.generated.js";
import { djangoHasCheck } from "../rules/run.js";
import { COVERED_CHECKS, isCoveredCheck } from "./checks.js";
import { toLocale } from "./known-code.js";
import { DJANGO_SERIES } from "./versions.js";

test("every covered check is reported by its rule, in the same series", () => {
  for (const check of COVERED_CHECKS) {
    const rule = RULES.find((r) => r.code === check.rule);
    assert.ok(rule, `${check.id}: no rule ${check.rule}`);
    for (const series of DJANGO_SERIES) {
      if (!isCoveredCheck(check.id, series)) continue;
      assert.ok(djangoHasCheck(rule, series), `${check.id} exists in ${series} but ${rule.code} claims no Django check there`);
    }
  }
});

test("every rule that names a Django check is in the covered list", () => {
  for (const rule of RULES) {
    if (!rule.djangoCheck) continue;
    assert.ok(
      COVERED_CHECKS.some((c) => c.id === rule.djangoCheck && c.rule === rule.code),
      `${rule.code} claims ${rule.djangoCheck}, which src/django/checks.ts does not list`,
    );
  }
});

test("version ranges as Django's source states them", () => {
  const has = (id: string, series: string) => isCoveredCheck(id, series);
  assert.ok(has("models.W042", "5.2") && !has("models.W042", "6.0"), "W042 removed in 6.0");
  assert.ok(has("security.E026", "6.0") && !has("security.E026", "5.2"), "E026 arrived in 6.0");
  assert.ok(has("security.W027", "6.1") && !has("security.W027", "6.0"), "W027 arrived in 6.1");
  assert.ok(has("templates.E001", "5.0") && !has("templates.E001", "5.1"), "templates.E001 gone in 5.1");
  assert.ok(has("templates.E003", "4.1") && !has("templates.E003", "5.1") && has("templates.W003", "5.1"), "E003 became W003 in 5.1");
  assert.ok(has("security.E100", "3.2") && !has("security.E100", "4.0"), "E100 only in 3.2");
  assert.ok(has("security.E024", "4.0") && !has("security.E024", "3.2"), "E024 arrived in 4.0");
  assert.ok(has("security.W025", "4.1") && !has("security.W025", "4.0"), "W025 arrived in 4.1");
  assert.ok(has("4_0.E001", "4.0") && !has("4_0.E001", "3.2"), "4_0.E001 arrived in 4.0");
  assert.ok(has("staticfiles.E005", "5.0") && !has("staticfiles.E005", "4.2"), "E005 arrived in 5.0");
  assert.ok(has("urls.W010", "5.0") && !has("urls.W010", "4.2"), "W010 arrived in 5.0");
  assert.ok(has("mail.E001", "6.1") && !has("mail.E001", "6.0"), "mail checks arrived in 6.1");
  assert.ok(has("auth.E013", "5.1") && !has("auth.E013", "5.0"), "auth.E013 arrived in 5.1");
});

test("to_locale as django.utils.translation spells it", () => {
  assert.equal(toLocale("en-us"), "en_US");
  assert.equal(toLocale("sr-latn"), "sr_Latn");
  assert.equal(toLocale("zh-hant-tw"), "zh_Hant-tw");
  assert.equal(toLocale("de"), "de");
});
