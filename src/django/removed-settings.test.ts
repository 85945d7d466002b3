import assert from "node:assert/strict";
import { test } from "node:test";
import { globalDefaults } from "./defaults.js";
import { REMOVED_SETTINGS, removedSettings } from "./removed-settings.js";
import { atLeast, DJANGO_SERIES } from "./versions.js";

// A transitional setting added by a 5.2 security release, absent from the 6.0 data, back in 6.1:
// not a removal.
const NOT_REMOVED = new Set(["SIGNED_COOKIE_LEGACY_SALT_FALLBACK"]);

test("no removed setting is a global default of a series that ignores it", () => {
  for (const series of DJANGO_SERIES) {
    for (const setting of removedSettings(series)) {
      // Still defined in 3.2's global_settings.py, though nothing has read it since 3.0.
      if (setting.name === "SECURE_BROWSER_XSS_FILTER" && series === "3.2") continue;
      assert.ok(!globalDefaults(series).has(setting.name), `${setting.name} is a default of ${series}`);
    }
  }
});

test("every global default that disappears between two series is in the table, at that series", () => {
  for (let i = 1; i < DJANGO_SERIES.length; i++) {
    const before = DJANGO_SERIES[i - 1] as (typeof DJANGO_SERIES)[number];
    const series = DJANGO_SERIES[i] as (typeof DJANGO_SERIES)[number];
    for (const name of globalDefaults(before).keys()) {
      if (globalDefaults(series).has(name) || NOT_REMOVED.has(name)) continue;
      const entry = REMOVED_SETTINGS.find((s) => s.name === name);
      assert.ok(entry, `${name} disappears in ${series} but is not in REMOVED_SETTINGS`);
      assert.ok(atLeast(series, entry.ignoredSince), `${name} disappears in ${series}, after ignoredSince ${entry.ignoredSince}`);
    }
  }
});

test("names are unique", () => {
  assert.equal(new Set(REMOVED_SETTINGS.map((s) => s.name)).size, REMOVED_SETTINGS.length);
});
