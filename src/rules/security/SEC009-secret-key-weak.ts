import { defineSettingsRule } from "../define.js";
import type { World } from "../world.js";

/** Whether INSTALLED_APPS installs the admin with AdminConfig, whose ready() autodiscovers admin modules. */
function autodiscoversAdmin(world: World): boolean {
  return (world.items("INSTALLED_APPS") ?? []).some(
    (entry) => entry.kind === "str" && (entry.value === "django.contrib.admin" || entry.value === "django.contrib.admin.apps.AdminConfig"),
  );
}

/** Django's _check_secret_key: at least 50 characters, 5 distinct, not an auto-generated key. */
export function isStrongSecretKey(key: string): boolean {
  return new Set([...key]).size >= 5 && [...key].length >= 50 && !key.startsWith("django-insecure-");
}

export default defineSettingsRule({
  code: "SEC009",
  slug: "secret-key-weak",
  area: "security",
  severity: "error",
  djangoCheck: "security.W009",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "SECRET_KEY is empty, shorter than 50 characters, has fewer than 5 distinct characters, or starts with django-insecure-.",
    why: "SECRET_KEY signs sessions, password-reset links and CSRF tokens: a weak or published key lets anyone forge them.",
    fix: "Generate a long random key (python -c 'import secrets; print(secrets.token_urlsafe(50))'), keep it out of the repository and read it from the environment.",
    bad: { "mysite/settings.py": 'SECRET_KEY = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdef"\n' },
    good: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' },
    environment: { DJANGO_SECRET_KEY: "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secret-key"],
  },
  messages: {
    empty: "SECRET_KEY is empty",
    emptyCrash:
      "SECRET_KEY is empty: Django 3.2 stops at start-up, when the admin's autodiscovery imports the password-reset token generator",
    weak: "SECRET_KEY is weak: {reason}",
  },
  test(world) {
    const value = world.value("SECRET_KEY");
    if (value.kind === "unknown" || value.kind === "alternatives" || value.kind === "external") return undefined;
    // An empty key raises ImproperlyConfigured on access, which the check turns into W009.
    if (value.kind === "none" || (value.kind === "str" && value.value === "")) {
      // 3.2's PasswordResetTokenGenerator reads the key when django.contrib.auth.tokens is
      // imported, which AdminConfig's autodiscovery of auth's admin module does: setup fails.
      if (world.series === "3.2" && world.installed("django.contrib.auth") === true && autodiscoversAdmin(world)) {
        // Empty only while a variable is unset: the server refuses to start without it, which is
        // what reading a secret with no default is for, not an insecure default.
        if (world.kind === "unset") return false;
        return { at: "SECRET_KEY", messageId: "emptyCrash", djangoCheck: null };
      }
      return { at: "SECRET_KEY", messageId: "empty" };
    }
    if (value.kind !== "str") return undefined;
    if (isStrongSecretKey(value.value)) return false;
    const key = value.value;
    const reason = key.startsWith("django-insecure-")
      ? "it starts with django-insecure-, the prefix of keys startproject generates"
      : [...key].length < 50
        ? `${[...key].length} characters, fewer than 50`
        : `${new Set([...key]).size} distinct characters, fewer than 5`;
    return { at: "SECRET_KEY", messageId: "weak", data: { reason } };
  },
});
