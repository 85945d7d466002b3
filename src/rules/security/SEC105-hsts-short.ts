import { SECURITY_MIDDLEWARE } from "../../django/names.js";
import type { Value } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";

/** One year: the max-age hstspreload.org requires, and the MDN HTTP Observatory's threshold for full marks. */
export const HSTS_ONE_YEAR = 31_536_000;

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

/** SECURE_HSTS_SECONDS as the number SecurityMiddleware writes into max-age (it formats the value as is). */
function seconds(value: Value): number | undefined {
  if (value.kind === "int") return value.value;
  if (value.kind === "str" && /^\s*\d+\s*$/.test(value.value)) return Number(value.value);
  return undefined;
}

function duration(value: number): string {
  const [count, unit] =
    value >= 86_400 ? [Math.round(value / 86_400), "day"] : value >= 3_600 ? [Math.round(value / 3_600), "hour"] : [value, "second"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

export default defineSettingsRule({
  code: "SEC105",
  slug: "hsts-short",
  area: "security",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  doc: {
    what: "HSTS is on, but SECURE_HSTS_SECONDS is shorter than a year (31536000), or falls back to a shorter value when its variable is unset.",
    why: "A browser forgets the site's HTTPS-only rule when max-age runs out, and the next visit after that can be downgraded again; the HSTS preload list refuses a max-age under a year, so SECURE_HSTS_PRELOAD does nothing. Django checks only that the setting is not zero (security.W004): a test value such as 3600 left in production passes.",
    fix: "Raise SECURE_HSTS_SECONDS to 31536000 (one year) once a short trial value has shown that every page works over HTTPS.",
    bad: { "mysite/settings.py": `${MW}SECURE_HSTS_SECONDS = 3600\n` },
    good: { "mysite/settings.py": `${MW}SECURE_HSTS_SECONDS = 31536000\n` },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security",
      "https://hstspreload.org/#deployment-recommendations",
      "https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring",
    ],
  },
  messages: {
    short: "SECURE_HSTS_SECONDS is {value} ({duration}), shorter than a year: browsers forget HSTS that soon",
    shortPreload:
      "SECURE_HSTS_SECONDS is {value} ({duration}) with SECURE_HSTS_PRELOAD on: the preload list requires at least a year (31536000)",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", SECURITY_MIDDLEWARE);
    if (middleware === false) return false;
    const value = seconds(world.value("SECURE_HSTS_SECONDS"));
    // Zero (no header at all) is security.W004's finding, SEC004.
    if (value === undefined) return undefined;
    if (value === 0 || value >= HSTS_ONE_YEAR) return false;
    if (middleware === undefined) return undefined;
    const preload = world.isTrue("SECURE_HSTS_PRELOAD") === true;
    return {
      at: "SECURE_HSTS_SECONDS",
      messageId: preload ? "shortPreload" : "short",
      data: { value: world.repr("SECURE_HSTS_SECONDS"), duration: duration(value) },
    };
  },
});
