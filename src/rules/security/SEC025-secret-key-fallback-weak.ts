import { atLeast } from "../../django/versions.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { isStrongSecretKey } from "./SEC009-secret-key-weak.js";

const messages = {
  weak: "SECRET_KEY_FALLBACKS[{index}] is weak: {reason}",
} as const;

export default defineSettingsRule({
  code: "SEC025",
  slug: "secret-key-fallback-weak",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W025",
  djangoSeries: { since: "4.1" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "An entry of SECRET_KEY_FALLBACKS is shorter than 50 characters, has fewer than 5 distinct characters, or starts with django-insecure-.",
    why: "Every fallback key still validates sessions, password-reset links and signed cookies: a weak old key is as good as a weak current one to an attacker.",
    fix: "Remove old keys from SECRET_KEY_FALLBACKS once sessions signed with them have expired, and never keep a weak or published key there.",
    bad: { "mysite/settings.py": 'SECRET_KEY_FALLBACKS = ["django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdef"]\n' },
    good: { "mysite/settings.py": "SECRET_KEY_FALLBACKS = []\n" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks"],
  },
  messages,
  test(world) {
    if (!atLeast(world.series, "4.1")) return false;
    const items = world.items("SECRET_KEY_FALLBACKS");
    if (!items) return undefined;
    // base.py check_secret_key_fallbacks: one warning per weak entry, by index.
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    items.forEach((item, index) => {
      if (item.kind !== "str") {
        unknown = true;
        return;
      }
      const key = item.value;
      if (isStrongSecretKey(key)) return;
      const reason = key.startsWith("django-insecure-")
        ? "it starts with django-insecure-"
        : [...key].length < 50
          ? `${[...key].length} characters, fewer than 50`
          : `${new Set([...key]).size} distinct characters, fewer than 5`;
      verdicts.push({ at: "SECRET_KEY_FALLBACKS", messageId: "weak", data: { index, reason } });
    });
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
