/**
 * E-mail backends that never deliver: Django's mail.py NON_PRODUCTION_EMAIL_BACKENDS (6.1), the
 * list its mail.E001 check uses for MAILERS and djship uses for EMAIL_BACKEND too.
 */
export const DEVELOPMENT_EMAIL_BACKENDS: ReadonlySet<string> = new Set([
  "django.core.mail.backends.console.EmailBackend",
  "django.core.mail.backends.dummy.EmailBackend",
  "django.core.mail.backends.filebased.EmailBackend",
  "django.core.mail.backends.locmem.EmailBackend",
]);
