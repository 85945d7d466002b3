import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC900",
  slug: "hashing-algorithm-invalid",
  area: "security",
  severity: "error",
  djangoCheck: "security.E100",
  djangoSeries: { until: "3.2" },
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256' (Django 3.2, the only series with the setting).",
    why: "Django 3.2 signs cookies, sessions and tokens with this algorithm; any other value breaks signing.",
    fix: "Set DEFAULT_HASHING_ALGORITHM = 'sha256', or remove it (it is the default, and the setting is gone in 4.0).",
    bad: { "mysite/settings.py": 'DEFAULT_HASHING_ALGORITHM = "md5"\n' },
    good: { "mysite/settings.py": 'DEFAULT_HASHING_ALGORITHM = "sha256"\n' },
    djangoVersion: "3.2",
    references: ["https://docs.djangoproject.com/en/3.2/ref/settings/#default-hashing-algorithm"],
  },
  messages: {
    invalid: "DEFAULT_HASHING_ALGORITHM is {value}, not 'sha1' or 'sha256'",
  },
  test(world) {
    // The setting exists only in 3.2 (RemovedInDjango40Warning); later it is an inert name.
    if (world.series !== "3.2") return false;
    const value = world.value("DEFAULT_HASHING_ALGORITHM");
    if (value.kind === "str") return value.value === "sha1" || value.value === "sha256" ? false : invalid();
    // `value not in {'sha1', 'sha256'}`: any hashable non-string is not in the set.
    if (["none", "int", "float", "bool", "bytes"].includes(value.kind)) return invalid();
    return undefined;
    function invalid() {
      return { at: "DEFAULT_HASHING_ALGORITHM", messageId: "invalid" as const, data: { value: world.repr("DEFAULT_HASHING_ALGORITHM") } };
    }
  },
});
