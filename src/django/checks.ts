/**
 * The Django system checks djship mirrors: every check `manage.py check --deploy` prints that the
 * settings or the project's own code decide (third-party apps' checks excluded), with the series
 * that have it and the rule that reports it. The differential test compares exactly these IDs with
 * real Django, and fails on any other ID Django prints.
 * Sources: django/core/checks/ and the contrib apps' checks of each series (3.2.25 … 6.1.1).
 */
import { atLeast, compareSeries, type DjangoSeries } from "./versions.js";

export interface CoveredCheck {
  readonly id: string;
  /** The djship rule that reports it. */
  readonly rule: string;
  readonly since?: DjangoSeries;
  readonly until?: DjangoSeries;
}

export const COVERED_CHECKS: readonly CoveredCheck[] = [
  { id: "security.W001", rule: "SEC001" },
  { id: "security.W002", rule: "SEC002" },
  { id: "security.W003", rule: "SEC003" },
  { id: "security.W004", rule: "SEC004" },
  { id: "security.W005", rule: "SEC005" },
  { id: "security.W006", rule: "SEC006" },
  { id: "security.W008", rule: "SEC008" },
  { id: "security.W009", rule: "SEC009" },
  { id: "security.W010", rule: "SEC010" },
  { id: "security.W011", rule: "SEC010" },
  { id: "security.W012", rule: "SEC010" },
  { id: "security.W013", rule: "SEC013" },
  { id: "security.W014", rule: "SEC013" },
  { id: "security.W015", rule: "SEC013" },
  { id: "security.W016", rule: "SEC016" },
  { id: "security.W018", rule: "CFG018" },
  { id: "security.W019", rule: "SEC019" },
  { id: "security.W020", rule: "CFG020" },
  { id: "security.W021", rule: "SEC021" },
  { id: "security.W022", rule: "SEC022" },
  { id: "security.E023", rule: "SEC023" },
  { id: "security.E024", rule: "SEC024", since: "4.0" },
  { id: "security.W025", rule: "SEC025", since: "4.1" },
  { id: "security.E026", rule: "SEC026", since: "6.0" },
  { id: "security.W027", rule: "SEC027", since: "6.1" },
  { id: "security.E100", rule: "SEC900", until: "3.2" },
  { id: "security.E101", rule: "SEC901" },
  { id: "security.E102", rule: "SEC901" },
  { id: "4_0.E001", rule: "SEC040", since: "4.0" },
  { id: "async.E001", rule: "CFG701" },
  { id: "caches.E001", rule: "CCH001" },
  { id: "caches.W002", rule: "CCH002" },
  { id: "caches.W003", rule: "CCH003" },
  { id: "staticfiles.E001", rule: "STC001" },
  { id: "staticfiles.E002", rule: "STC002" },
  { id: "staticfiles.E003", rule: "STC003" },
  { id: "staticfiles.W004", rule: "STC004", since: "4.0" },
  { id: "staticfiles.E005", rule: "STC005", since: "5.0" },
  { id: "urls.E006", rule: "STC006" },
  { id: "files.E001", rule: "STC010", since: "4.0" },
  { id: "urls.W001", rule: "CFG201" },
  { id: "urls.W002", rule: "CFG202" },
  { id: "urls.W003", rule: "CFG203" },
  { id: "urls.E004", rule: "CFG204" },
  { id: "urls.W005", rule: "CFG205" },
  { id: "urls.E007", rule: "CFG207" },
  { id: "urls.E008", rule: "CFG207" },
  { id: "urls.E009", rule: "CFG209", since: "4.0" },
  { id: "urls.W010", rule: "CFG210", since: "5.0" },
  { id: "2_0.W001", rule: "CFG220" },
  { id: "templates.E001", rule: "CFG301", until: "5.0" },
  { id: "templates.E002", rule: "CFG302" },
  { id: "templates.E003", rule: "CFG303", since: "4.1", until: "5.0" },
  { id: "templates.W003", rule: "CFG303", since: "5.1" },
  { id: "translation.E001", rule: "CFG601" },
  { id: "translation.E002", rule: "CFG602" },
  { id: "translation.E003", rule: "CFG603" },
  { id: "translation.E004", rule: "CFG604" },
  { id: "admin.E401", rule: "CFG401" },
  { id: "admin.E405", rule: "CFG401" },
  { id: "admin.E406", rule: "CFG401" },
  { id: "admin.E402", rule: "CFG402" },
  { id: "admin.E404", rule: "CFG402" },
  { id: "admin.E403", rule: "CFG403" },
  { id: "admin.E408", rule: "CFG408" },
  { id: "admin.E409", rule: "CFG408" },
  { id: "admin.E410", rule: "CFG408" },
  { id: "admin.W411", rule: "CFG411" },
  { id: "auth.E013", rule: "CFG413", since: "5.1" },
  { id: "sites.E101", rule: "CFG901" },
  { id: "mail.W001", rule: "CFG801", since: "6.1" },
  { id: "mail.E001", rule: "CFG802", since: "6.1" },
  { id: "models.W042", rule: "DB042", until: "5.2" },
];

/** Whether djship mirrors a check ID in a series. */
export function isCoveredCheck(id: string, series: string): boolean {
  return COVERED_CHECKS.some(
    (check) =>
      check.id === id && (!check.since || atLeast(series, check.since)) && (!check.until || compareSeries(series, check.until) <= 0),
  );
}
