/**
 * Django's release series with their end of support, and every security release djship knows of,
 * dated. Rules compare the project's pin with this table and with `today()` from util/clock.ts.
 *
 * Sources: the release notes of each version (Django's docs/releases/X.Y.Z.txt, published at
 * https://docs.djangoproject.com/en/dev/releases/X.Y.Z/; the copies read are those of the
 * research folder, newest dated June 3, 2026), and the "Supported versions" table of
 * https://www.djangoproject.com/download/ for the end-of-support months. An entry taken from
 * memory rather than from those notes says so.
 */

/** When this table was last brought up to date. */
export const RELEASES_UPDATED = "2026-11-25";

/**
 * The newest release note the table was built from. A security release published after this date
 * is not in it: a pin newer than the newest release the table knows of its series counts as current.
 */
export const RELEASE_NOTES_THROUGH = "2026-06-03";

export interface SeriesSupport {
  readonly series: string;
  /** YYYY-MM-DD of the X.Y.0 release; null for a series not released when the notes were read. */
  readonly released: string | null;
  readonly lts: boolean;
  /** The month (YYYY-MM) in which Django's extended support ends: no security fix after it. */
  readonly endOfSupport: string;
}

/** Oldest first. */
export const SERIES_SUPPORT: readonly SeriesSupport[] = [
  // 1.11 to 3.1: djangoproject.com/download "Unsupported previous releases" (from memory; no notes read).
  { series: "1.11", released: "2017-04-04", lts: true, endOfSupport: "2020-04" },
  { series: "2.0", released: "2017-12-02", lts: false, endOfSupport: "2019-04" },
  { series: "2.1", released: "2018-08-01", lts: false, endOfSupport: "2019-12" },
  { series: "2.2", released: "2019-04-01", lts: true, endOfSupport: "2022-04" },
  { series: "3.0", released: "2019-12-02", lts: false, endOfSupport: "2021-04" },
  { series: "3.1", released: "2020-08-04", lts: false, endOfSupport: "2021-12" },
  // 3.2 LTS: released April 6, 2021, extended support until April 2024 (from memory; final release 3.2.25).
  { series: "3.2", released: "2021-04-06", lts: true, endOfSupport: "2024-04" },
  // docs/releases/4.0.txt (December 7, 2021); support ended April 2023, final release 4.0.10.
  { series: "4.0", released: "2021-12-07", lts: false, endOfSupport: "2023-04" },
  // docs/releases/4.1.txt (August 3, 2022); support ended December 2023, final release 4.1.13.
  { series: "4.1", released: "2022-08-03", lts: false, endOfSupport: "2023-12" },
  // docs/releases/4.2.txt (April 3, 2023); LTS, support ended April 2026, final release 4.2.30 (April 7, 2026).
  { series: "4.2", released: "2023-04-03", lts: true, endOfSupport: "2026-04" },
  // docs/releases/5.0.txt (December 4, 2023); support ended April 2025, final release 5.0.14.
  { series: "5.0", released: "2023-12-04", lts: false, endOfSupport: "2025-04" },
  // docs/releases/5.1.txt (August 7, 2024); support ended December 2025, final release 5.1.15.
  { series: "5.1", released: "2024-08-07", lts: false, endOfSupport: "2025-12" },
  // docs/releases/5.2.txt (April 2, 2025); the current LTS, extended support until April 2028.
  { series: "5.2", released: "2025-04-02", lts: true, endOfSupport: "2028-04" },
  // docs/releases/6.0.txt (December 3, 2025); extended support until April 2027.
  { series: "6.0", released: "2025-12-03", lts: false, endOfSupport: "2027-04" },
  // docs/releases/6.1.txt was "under development, expected August 2026" when read; support until December 2027.
  { series: "6.1", released: null, lts: false, endOfSupport: "2027-12" },
];

export interface SecurityRelease {
  readonly version: string;
  /** YYYY-MM-DD, from the release notes. */
  readonly date: string;
  readonly cves: readonly string[];
}

/**
 * Every release whose notes fix a CVE, oldest first within a series. 4.0 onwards from the notes
 * (the URL beside each entry); 3.2 only its final security release, from memory.
 */
export const SECURITY_RELEASES: readonly SecurityRelease[] = [
  { version: "3.2.25", date: "2024-03-04", cves: ["CVE-2024-27351"] }, // https://docs.djangoproject.com/en/dev/releases/3.2.25/ (from memory)
  { version: "4.0.1", date: "2022-01-04", cves: ["CVE-2021-45115", "CVE-2021-45116", "CVE-2021-45452"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.1/
  { version: "4.0.2", date: "2022-02-01", cves: ["CVE-2022-22818", "CVE-2022-23833"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.2/
  { version: "4.0.4", date: "2022-04-11", cves: ["CVE-2022-28346", "CVE-2022-28347"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.4/
  { version: "4.0.6", date: "2022-07-04", cves: ["CVE-2022-34265"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.6/
  { version: "4.0.7", date: "2022-08-03", cves: ["CVE-2022-36359"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.7/
  { version: "4.0.8", date: "2022-10-04", cves: ["CVE-2022-41323"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.8/
  { version: "4.0.9", date: "2023-02-01", cves: ["CVE-2023-23969"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.9/
  { version: "4.0.10", date: "2023-02-14", cves: ["CVE-2023-24580"] }, // https://docs.djangoproject.com/en/dev/releases/4.0.10/
  { version: "4.1.2", date: "2022-10-04", cves: ["CVE-2022-41323"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.2/
  { version: "4.1.6", date: "2023-02-01", cves: ["CVE-2023-23969"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.6/
  { version: "4.1.7", date: "2023-02-14", cves: ["CVE-2023-24580"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.7/
  { version: "4.1.9", date: "2023-05-03", cves: ["CVE-2023-31047"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.9/
  { version: "4.1.10", date: "2023-07-03", cves: ["CVE-2023-36053"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.10/
  { version: "4.1.11", date: "2023-09-04", cves: ["CVE-2023-41164"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.11/
  { version: "4.1.12", date: "2023-10-04", cves: ["CVE-2023-43665"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.12/
  { version: "4.1.13", date: "2023-11-01", cves: ["CVE-2023-46695"] }, // https://docs.djangoproject.com/en/dev/releases/4.1.13/
  { version: "4.2.1", date: "2023-05-03", cves: ["CVE-2023-31047"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.1/
  { version: "4.2.3", date: "2023-07-03", cves: ["CVE-2023-36053"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.3/
  { version: "4.2.5", date: "2023-09-04", cves: ["CVE-2023-41164"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.5/
  { version: "4.2.6", date: "2023-10-04", cves: ["CVE-2023-43665"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.6/
  { version: "4.2.7", date: "2023-11-01", cves: ["CVE-2023-46695"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.7/
  { version: "4.2.10", date: "2024-02-06", cves: ["CVE-2024-24680"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.10/
  { version: "4.2.11", date: "2024-03-04", cves: ["CVE-2024-27351"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.11/
  { version: "4.2.14", date: "2024-07-09", cves: ["CVE-2024-38875", "CVE-2024-39329", "CVE-2024-39330", "CVE-2024-39614"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.14/
  { version: "4.2.15", date: "2024-08-06", cves: ["CVE-2024-41989", "CVE-2024-41990", "CVE-2024-41991", "CVE-2024-42005"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.15/
  { version: "4.2.16", date: "2024-09-03", cves: ["CVE-2024-45230", "CVE-2024-45231"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.16/
  { version: "4.2.17", date: "2024-12-04", cves: ["CVE-2024-53907", "CVE-2024-53908"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.17/
  { version: "4.2.18", date: "2025-01-14", cves: ["CVE-2024-56374"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.18/
  { version: "4.2.20", date: "2025-03-06", cves: ["CVE-2025-26699"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.20/
  { version: "4.2.21", date: "2025-05-07", cves: ["CVE-2025-32873"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.21/
  { version: "4.2.22", date: "2025-06-04", cves: ["CVE-2025-48432"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.22/
  { version: "4.2.24", date: "2025-09-03", cves: ["CVE-2025-57833"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.24/
  { version: "4.2.25", date: "2025-10-01", cves: ["CVE-2025-59681", "CVE-2025-59682"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.25/
  { version: "4.2.26", date: "2025-11-05", cves: ["CVE-2025-64458", "CVE-2025-64459"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.26/
  { version: "4.2.27", date: "2025-12-02", cves: ["CVE-2025-13372", "CVE-2025-64460"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.27/
  {
    version: "4.2.28",
    date: "2026-02-03",
    cves: ["CVE-2025-13473", "CVE-2025-14550", "CVE-2026-1207", "CVE-2026-1285", "CVE-2026-1287", "CVE-2026-1312"],
  }, // https://docs.djangoproject.com/en/dev/releases/4.2.28/
  { version: "4.2.29", date: "2026-03-03", cves: ["CVE-2026-25673", "CVE-2026-25674"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.29/
  { version: "4.2.30", date: "2026-04-07", cves: ["CVE-2026-3902", "CVE-2026-4277", "CVE-2026-4292", "CVE-2026-33033", "CVE-2026-33034"] }, // https://docs.djangoproject.com/en/dev/releases/4.2.30/
  { version: "5.0.2", date: "2024-02-06", cves: ["CVE-2024-24680"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.2/
  { version: "5.0.3", date: "2024-03-04", cves: ["CVE-2024-27351"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.3/
  { version: "5.0.7", date: "2024-07-09", cves: ["CVE-2024-38875", "CVE-2024-39329", "CVE-2024-39330", "CVE-2024-39614"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.7/
  { version: "5.0.8", date: "2024-08-06", cves: ["CVE-2024-41989", "CVE-2024-41990", "CVE-2024-41991", "CVE-2024-42005"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.8/
  { version: "5.0.9", date: "2024-09-03", cves: ["CVE-2024-45230", "CVE-2024-45231"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.9/
  { version: "5.0.10", date: "2024-12-04", cves: ["CVE-2024-53907", "CVE-2024-53908"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.10/
  { version: "5.0.11", date: "2025-01-14", cves: ["CVE-2024-56374"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.11/
  { version: "5.0.13", date: "2025-03-06", cves: ["CVE-2025-26699"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.13/
  { version: "5.0.14", date: "2025-04-02", cves: ["CVE-2025-27556"] }, // https://docs.djangoproject.com/en/dev/releases/5.0.14/
  { version: "5.1.1", date: "2024-09-03", cves: ["CVE-2024-45230", "CVE-2024-45231"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.1/
  { version: "5.1.4", date: "2024-12-04", cves: ["CVE-2024-53907", "CVE-2024-53908"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.4/
  { version: "5.1.5", date: "2025-01-14", cves: ["CVE-2024-56374"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.5/
  { version: "5.1.7", date: "2025-03-06", cves: ["CVE-2025-26699"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.7/
  { version: "5.1.8", date: "2025-04-02", cves: ["CVE-2025-27556"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.8/
  { version: "5.1.9", date: "2025-05-07", cves: ["CVE-2025-32873"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.9/
  { version: "5.1.10", date: "2025-06-04", cves: ["CVE-2025-48432"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.10/
  { version: "5.1.12", date: "2025-09-03", cves: ["CVE-2025-57833"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.12/
  { version: "5.1.13", date: "2025-10-01", cves: ["CVE-2025-59681", "CVE-2025-59682"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.13/
  { version: "5.1.14", date: "2025-11-05", cves: ["CVE-2025-64458", "CVE-2025-64459"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.14/
  { version: "5.1.15", date: "2025-12-02", cves: ["CVE-2025-13372", "CVE-2025-64460"] }, // https://docs.djangoproject.com/en/dev/releases/5.1.15/
  { version: "5.2.1", date: "2025-05-07", cves: ["CVE-2025-32873"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.1/
  { version: "5.2.2", date: "2025-06-04", cves: ["CVE-2025-48432"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.2/
  { version: "5.2.6", date: "2025-09-03", cves: ["CVE-2025-57833"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.6/
  { version: "5.2.7", date: "2025-10-01", cves: ["CVE-2025-59681", "CVE-2025-59682"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.7/
  { version: "5.2.8", date: "2025-11-05", cves: ["CVE-2025-64458", "CVE-2025-64459"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.8/
  { version: "5.2.9", date: "2025-12-02", cves: ["CVE-2025-13372", "CVE-2025-64460"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.9/
  {
    version: "5.2.11",
    date: "2026-02-03",
    cves: ["CVE-2025-13473", "CVE-2025-14550", "CVE-2026-1207", "CVE-2026-1285", "CVE-2026-1287", "CVE-2026-1312"],
  }, // https://docs.djangoproject.com/en/dev/releases/5.2.11/
  { version: "5.2.12", date: "2026-03-03", cves: ["CVE-2026-25673", "CVE-2026-25674"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.12/
  { version: "5.2.13", date: "2026-04-07", cves: ["CVE-2026-3902", "CVE-2026-4277", "CVE-2026-4292", "CVE-2026-33033", "CVE-2026-33034"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.13/
  { version: "5.2.14", date: "2026-05-05", cves: ["CVE-2026-5766", "CVE-2026-6907", "CVE-2026-35192"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.14/
  { version: "5.2.15", date: "2026-06-03", cves: ["CVE-2026-6873", "CVE-2026-7666", "CVE-2026-8404", "CVE-2026-35193", "CVE-2026-48587"] }, // https://docs.djangoproject.com/en/dev/releases/5.2.15/
  {
    version: "6.0.2",
    date: "2026-02-03",
    cves: ["CVE-2025-13473", "CVE-2025-14550", "CVE-2026-1207", "CVE-2026-1285", "CVE-2026-1287", "CVE-2026-1312"],
  }, // https://docs.djangoproject.com/en/dev/releases/6.0.2/
  { version: "6.0.3", date: "2026-03-03", cves: ["CVE-2026-25673", "CVE-2026-25674"] }, // https://docs.djangoproject.com/en/dev/releases/6.0.3/
  { version: "6.0.4", date: "2026-04-07", cves: ["CVE-2026-3902", "CVE-2026-4277", "CVE-2026-4292", "CVE-2026-33033", "CVE-2026-33034"] }, // https://docs.djangoproject.com/en/dev/releases/6.0.4/
  { version: "6.0.5", date: "2026-05-05", cves: ["CVE-2026-5766", "CVE-2026-6907", "CVE-2026-35192"] }, // https://docs.djangoproject.com/en/dev/releases/6.0.5/
  { version: "6.0.6", date: "2026-06-03", cves: ["CVE-2026-6873", "CVE-2026-7666", "CVE-2026-8404", "CVE-2026-35193", "CVE-2026-48587"] }, // https://docs.djangoproject.com/en/dev/releases/6.0.6/
];

/** "4.2.11" → [4, 2, 11]; a pre-release ("5.2rc1", "6.0a1") sorts before its X.Y.0. */
export function parseVersion(version: string): { parts: [number, number, number]; preRelease: boolean } | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?((?:a|b|rc|\.dev)\d*)?/.exec(version.trim());
  if (!match) return undefined;
  return { parts: [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)], preRelease: match[4] !== undefined };
}

/** Compares two Django versions numerically; undefined when either cannot be read. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return undefined;
  for (let i = 0; i < 3; i++) {
    const diff = (left.parts[i] as number) - (right.parts[i] as number);
    if (diff !== 0) return diff;
  }
  return (left.preRelease ? -1 : 0) - (right.preRelease ? -1 : 0);
}

/** "4.2.11" → "4.2". */
export function seriesOfVersion(version: string): string | undefined {
  const parsed = parseVersion(version);
  return parsed ? `${parsed.parts[0]}.${parsed.parts[1]}` : undefined;
}

function compareSeriesText(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** The first day after the month support ends in: from then on, no security fix is published. */
export function supportEndsBefore(entry: SeriesSupport): Date {
  const [year = 0, month = 1] = entry.endOfSupport.split("-").map(Number);
  return new Date(Date.UTC(year, month, 1));
}

export type SupportStatus =
  | { readonly kind: "supported"; readonly entry: SeriesSupport }
  | { readonly kind: "ended"; readonly entry: SeriesSupport | null; readonly since: string }
  /** A series newer than every series the table knows: taken as supported. */
  | { readonly kind: "unknown" };

/** Whether a series still receives security fixes on `day`. */
export function supportStatus(series: string, day: Date): SupportStatus {
  const entry = SERIES_SUPPORT.find((e) => e.series === series);
  if (entry) {
    return day.getTime() >= supportEndsBefore(entry).getTime()
      ? { kind: "ended", entry, since: entry.endOfSupport }
      : { kind: "supported", entry };
  }
  const oldest = SERIES_SUPPORT[0] as SeriesSupport;
  // Older than the oldest series listed: long out of support (1.11 ended in 2020).
  if (compareSeriesText(series, oldest.series) < 0) return { kind: "ended", entry: null, since: oldest.endOfSupport };
  return { kind: "unknown" };
}

/** The newest security release of a series the table knows, or undefined. */
export function latestSecurityRelease(series: string): SecurityRelease | undefined {
  let latest: SecurityRelease | undefined;
  for (const release of SECURITY_RELEASES) {
    if (seriesOfVersion(release.version) !== series) continue;
    if (!latest || (compareVersions(release.version, latest.version) ?? 0) > 0) latest = release;
  }
  return latest;
}

/** The security releases of the version's series that are newer than it, oldest first. */
export function missedSecurityReleases(version: string): SecurityRelease[] {
  const series = seriesOfVersion(version);
  if (!series) return [];
  return SECURITY_RELEASES.filter((r) => seriesOfVersion(r.version) === series && (compareVersions(r.version, version) ?? 0) > 0).sort(
    (a, b) => compareVersions(a.version, b.version) ?? 0,
  );
}
