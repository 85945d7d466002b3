import { SERIES_SUPPORT, type SeriesSupport, seriesOfVersion, supportEndsBefore, supportStatus } from "../../django/releases.js";
import { today } from "../../util/clock.js";
import { defineRule } from "../define.js";

/** Support ending within this many days is worth an early word. */
const SOON_DAYS = 183;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-04" → "April 2026" (without Intl, whose first use costs a start-up's worth of milliseconds). */
function monthName(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return `${MONTHS[m - 1] ?? ""} ${year}`;
}

function currentLts(day: Date): SeriesSupport | undefined {
  return [...SERIES_SUPPORT].reverse().find((e) => e.lts && e.released !== null && supportStatus(e.series, day).kind === "supported");
}

export default defineRule({
  code: "SEC101",
  slug: "django-unsupported",
  area: "security",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "The Django version the project pins belongs to a release series past its end of support (or whose support ends within six months).",
    why: "Once a series leaves extended support, vulnerabilities found in it are published with fixes for the supported series only: every later security advisory is a recipe against your site.",
    fix: "Upgrade to a supported series, preferably the current LTS, following the release notes of each series in between; run the test suite with -Wd to see deprecations first.",
    bad: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==3.2.25\n" },
    // The good example ages with the table: move it to the next LTS when 5.2 nears April 2028.
    good: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2.15\n" },
    references: [
      "https://www.djangoproject.com/download/#supported-versions",
      "https://docs.djangoproject.com/en/stable/internals/release-process/",
    ],
  },
  messages: {
    ended: "Django {series} ({pin}) has been out of support since {since}: no security fixes are published for it any more{upgrade}",
    endsSoon: "Django {series} ({pin}) receives security fixes only until {since}{upgrade}",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // What is installed is the pin; --django-version speaks for a project that pins nothing.
    const pinned = artifacts.djangoPin();
    const choice = pinned.source === "default" && project.django.version.source === "flag" ? project.django.version : pinned;
    // Without a pin djship assumes the current LTS: there is nothing the project chose to judge.
    if (choice.source === "default") return;
    const series = (choice.version ? seriesOfVersion(choice.version) : undefined) ?? choice.series;
    const day = today();
    const status = supportStatus(series, day);
    const lts = currentLts(day);
    const upgrade =
      lts && lts.series !== series ? `; the current LTS is ${lts.series}, supported until ${monthName(lts.endOfSupport)}` : "";
    const pin = choice.file
      ? `${choice.specifier ?? choice.version ?? ""} in ${choice.file}:${choice.line}`.trim()
      : `--django-version ${choice.version ?? choice.series}`;
    const place = { file: choice.file, line: choice.line };
    if (status.kind === "ended") {
      report("ended", place, { series, pin, since: monthName(status.since), upgrade });
      return;
    }
    if (status.kind === "supported") {
      const daysLeft = (supportEndsBefore(status.entry).getTime() - day.getTime()) / 86_400_000;
      if (daysLeft <= SOON_DAYS)
        report(
          "endsSoon",
          place,
          { series, pin, since: `the end of ${monthName(status.entry.endOfSupport)}`, upgrade },
          { severity: "info" },
        );
    }
  },
});
