import { latestSecurityRelease, missedSecurityReleases, RELEASES_UPDATED, seriesOfVersion } from "../../django/releases.js";
import { defineRule } from "../define.js";

/** CVE identifiers listed in a message before "and N more". */
const MAX_LISTED = 6;

export default defineRule({
  code: "SEC102",
  slug: "django-security-release-missing",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "The project pins an exact Django version older than the latest security release of its series.",
    why: "Each security release fixes published vulnerabilities; the advisory and the fix together tell an attacker exactly what to try on a site still running the older patch release. Patch releases of a series are backwards compatible, so there is little reason to wait.",
    fix: "Bump the pin to the latest patch release of the series (pip install -U 'Django~=X.Y.0') and subscribe to the django-announce list to hear of the next one.",
    bad: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2.1\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2.15\n" },
    references: ["https://docs.djangoproject.com/en/dev/releases/security/", "https://www.djangoproject.com/weblog/"],
  },
  messages: {
    behind:
      "Django {version} misses {count} security release(s) of {series}, up to {latest} ({date}), fixing {cves} (djship's release table of {updated})",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // What is installed is the pin; --django-version speaks for a project that pins nothing.
    const pinned = artifacts.djangoPin();
    const choice = pinned.source === "default" && project.django.version.source === "flag" ? project.django.version : pinned;
    // Only an exact pin (==, a lock file or --django-version X.Y.Z) says which patch release runs.
    if (!choice.version || choice.source === "default") return;
    const missed = missedSecurityReleases(choice.version);
    const series = seriesOfVersion(choice.version);
    const latest = series ? latestSecurityRelease(series) : undefined;
    if (missed.length === 0 || !latest) return;
    const cves = [...new Set(missed.flatMap((r) => r.cves))];
    const listed =
      cves.length > MAX_LISTED ? `${cves.slice(0, MAX_LISTED).join(", ")} and ${cves.length - MAX_LISTED} more` : cves.join(", ");
    report(
      "behind",
      { file: choice.file, line: choice.line },
      {
        version: choice.version,
        count: missed.length,
        series: series ?? "",
        latest: latest.version,
        date: latest.date,
        cves: listed,
        updated: RELEASES_UPDATED,
      },
    );
  },
});
