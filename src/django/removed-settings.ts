import { atLeast, type DjangoSeries } from "./versions.js";

/** A setting Django no longer reads: assigning it does nothing, and Django says nothing. */
export interface RemovedSetting {
  readonly name: string;
  /** The first series that no longer reads it (its removal, or earlier when it stopped having an effect). */
  readonly ignoredSince: string;
  /** What to use instead, as an imperative phrase. */
  readonly instead: string;
  /** What a project that still sets it gets instead of what it asked for. */
  readonly effect: string;
  /** The release notes that record the removal. */
  readonly reference: string;
}

const notes = (series: string) =>
  `https://docs.djangoproject.com/en/stable/releases/${series}/#features-removed-in-${series.replace(".", "-")}`;

/**
 * Settings removed from Django, from the "Features removed in X.Y" sections of the release notes.
 * Those removed since 3.2 are also cross-checked against django/conf/global_settings.py of each
 * series (removed-settings.test.ts); the older ones are the ones still seen in real projects.
 */
export const REMOVED_SETTINGS: readonly RemovedSetting[] = [
  ...["TEMPLATE_DIRS", "TEMPLATE_LOADERS", "TEMPLATE_CONTEXT_PROCESSORS", "TEMPLATE_DEBUG", "TEMPLATE_STRING_IF_INVALID"].map((name) => ({
    name,
    ignoredSince: "1.10",
    instead: "set it in TEMPLATES (DIRS, OPTIONS)",
    effect: "the TEMPLATES setting (or its default) applies",
    reference: notes("1.10"),
  })),
  {
    name: "MIDDLEWARE_CLASSES",
    ignoredSince: "2.0",
    instead: "rename it MIDDLEWARE",
    effect: "MIDDLEWARE applies, and without it no middleware runs at all: no sessions, CSRF or security headers",
    reference: notes("2.0"),
  },
  {
    name: "DEFAULT_CONTENT_TYPE",
    ignoredSince: "3.0",
    instead: "set the content type on the responses that need another one",
    effect: "responses are text/html",
    reference: notes("3.0"),
  },
  {
    name: "FILE_CHARSET",
    ignoredSince: "3.1",
    instead: "save templates and static files as UTF-8",
    effect: "files are read as UTF-8",
    reference: notes("3.1"),
  },
  {
    // In global_settings until 3.2, but SecurityMiddleware stopped sending X-XSS-Protection in 3.0.
    name: "SECURE_BROWSER_XSS_FILTER",
    ignoredSince: "3.0",
    instead: "remove it (browsers dropped their XSS auditors); use a Content-Security-Policy",
    effect: "no X-XSS-Protection header is sent",
    reference: notes("3.0"),
  },
  {
    name: "DEFAULT_HASHING_ALGORITHM",
    ignoredSince: "4.0",
    instead: "remove it",
    effect: "signing uses SHA-256",
    reference: notes("4.0"),
  },
  {
    name: "PASSWORD_RESET_TIMEOUT_DAYS",
    ignoredSince: "4.0",
    instead: "set PASSWORD_RESET_TIMEOUT in seconds",
    effect: "password-reset links stay valid for PASSWORD_RESET_TIMEOUT (three days by default)",
    reference: notes("4.0"),
  },
  {
    name: "USE_L10N",
    ignoredSince: "5.0",
    instead: "remove it",
    effect: "localized formatting is always on",
    reference: notes("5.0"),
  },
  {
    name: "USE_DEPRECATED_PYTZ",
    ignoredSince: "5.0",
    instead: "remove it and use zoneinfo",
    effect: "time zones are zoneinfo objects",
    reference: notes("5.0"),
  },
  {
    name: "CSRF_COOKIE_MASKED",
    ignoredSince: "5.0",
    instead: "remove it",
    effect: "the CSRF cookie is not masked",
    reference: notes("5.0"),
  },
  {
    name: "DEFAULT_FILE_STORAGE",
    ignoredSince: "5.1",
    instead: 'set STORAGES["default"]',
    effect: "uploads go to STORAGES['default'], FileSystemStorage on the local disk unless STORAGES says otherwise",
    reference: notes("5.1"),
  },
  {
    name: "STATICFILES_STORAGE",
    ignoredSince: "5.1",
    instead: 'set STORAGES["staticfiles"]',
    effect: "collectstatic uses STORAGES['staticfiles'], StaticFilesStorage without hashed names unless STORAGES says otherwise",
    reference: notes("5.1"),
  },
  {
    name: "FORMS_URLFIELD_ASSUME_HTTPS",
    ignoredSince: "6.0",
    instead: "remove it",
    effect: "forms.URLField assumes https",
    reference: notes("6.0"),
  },
];

/** The removed settings a project of this series may still assign to no effect. */
export function removedSettings(series: DjangoSeries): RemovedSetting[] {
  return REMOVED_SETTINGS.filter((setting) => atLeast(series, setting.ignoredSince));
}
