import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compareVersions,
  latestSecurityRelease,
  missedSecurityReleases,
  RELEASE_NOTES_THROUGH,
  RELEASES_UPDATED,
  SECURITY_RELEASES,
  SERIES_SUPPORT,
  seriesOfVersion,
  supportStatus,
} from "./releases.js";
import { DJANGO_SERIES } from "./versions.js";

const day = (text: string) => new Date(`${text}T00:00:00Z`);

test("the table is dated and covers every series djship models", () => {
  assert.match(RELEASES_UPDATED, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(RELEASE_NOTES_THROUGH <= RELEASES_UPDATED);
  for (const series of DJANGO_SERIES)
    assert.ok(
      SERIES_SUPPORT.some((e) => e.series === series),
      series,
    );
  for (const release of SECURITY_RELEASES) {
    assert.ok(release.date <= RELEASE_NOTES_THROUGH, release.version);
    assert.ok(
      release.cves.every((cve) => /^CVE-\d{4}-\d{4,}$/.test(cve)),
      release.version,
    );
  }
});

test("end of support is the end of the month Django names", () => {
  assert.equal(supportStatus("4.2", day("2026-04-30")).kind, "supported");
  assert.equal(supportStatus("4.2", day("2026-05-01")).kind, "ended");
  assert.equal(supportStatus("5.2", day("2026-11-25")).kind, "supported");
  assert.equal(supportStatus("5.2", day("2028-05-01")).kind, "ended");
  assert.deepEqual(supportStatus("1.8", day("2026-11-25")), { kind: "ended", entry: null, since: "2020-04" });
  assert.deepEqual(supportStatus("9.0", day("2026-11-25")), { kind: "unknown" });
});

test("security releases", () => {
  assert.equal(latestSecurityRelease("4.2")?.version, "4.2.30");
  assert.equal(latestSecurityRelease("5.2")?.version, "5.2.15");
  assert.deepEqual(
    missedSecurityReleases("5.2.12").map((r) => r.version),
    ["5.2.13", "5.2.14", "5.2.15"],
  );
  assert.deepEqual(missedSecurityReleases("5.2.15"), []);
  assert.deepEqual(missedSecurityReleases("5.2.18"), []);
  assert.equal(missedSecurityReleases("5.2rc1").length, 11);
});

test("versions", () => {
  assert.equal(seriesOfVersion("4.2.11"), "4.2");
  assert.ok((compareVersions("4.2.10", "4.2.9") ?? 0) > 0);
  assert.ok((compareVersions("5.2rc1", "5.2") ?? 0) < 0);
  assert.equal(compareVersions("x", "5.2"), undefined);
});
