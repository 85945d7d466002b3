import { atLeast } from "../../django/versions.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  noScheme: "CSRF_TRUSTED_ORIGINS holds {origin}, without a scheme: since Django 4.0 no request matches it",
} as const;

export default defineSettingsRule({
  code: "SEC040",
  slug: "csrf-trusted-origin-without-scheme",
  area: "security",
  severity: "error",
  djangoCheck: "4_0.E001",
  djangoSeries: { since: "4.0" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "An entry of CSRF_TRUSTED_ORIGINS has no scheme (https://), the format Django 4.0 requires.",
    why: "Django 4.0+ compares whole origins, so an entry written the 3.2 way ('example.com') trusts nothing, and cross-origin form posts from that site fail with 403.",
    fix: "Write each origin with its scheme: CSRF_TRUSTED_ORIGINS = ['https://example.com', 'https://*.example.com'].",
    bad: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["example.com"]\n' },
    good: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["https://example.com"]\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins"],
  },
  messages,
  test(world) {
    // In 3.2 a bare host is the expected format.
    if (!atLeast(world.series, "4.0")) return false;
    const origins = world.items("CSRF_TRUSTED_ORIGINS");
    if (!origins) return undefined;
    // compatibility/django_4_0.py check_csrf_trusted_origins: one error per origin without "://".
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    for (const origin of origins) {
      if (origin.kind !== "str") unknown = true;
      else if (!origin.value.includes("://"))
        verdicts.push({ at: "CSRF_TRUSTED_ORIGINS", messageId: "noScheme", data: { origin: origin.value } });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
