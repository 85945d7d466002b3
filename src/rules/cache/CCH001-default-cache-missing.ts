import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CCH001",
  slug: "default-cache-missing",
  area: "cache",
  severity: "error",
  djangoCheck: "caches.E001",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "CACHES has no 'default' alias.",
    why: "Sessions on the cache backend, the cache middleware and every `from django.core.cache import cache` use the 'default' cache: without it they fail at run time.",
    fix: "Name the main cache 'default' in CACHES.",
    bad: { "mysite/settings.py": 'CACHES = {"main": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\n' },
    good: { "mysite/settings.py": 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#caches"],
  },
  messages: {
    missing: "CACHES has no 'default' cache (it has {aliases})",
  },
  test(world) {
    // caches.py check_default_cache_is_configured: `"default" not in settings.CACHES`.
    const present = world.contains("CACHES", "default");
    if (present !== false) return present === undefined ? undefined : false;
    const caches = world.value("CACHES");
    const aliases =
      caches.kind === "dict"
        ? [...caches.entries.values()].map((e) => (e.key.kind === "str" ? `'${e.key.value}'` : "?")).join(", ") || "no alias"
        : world.repr("CACHES");
    return { at: "CACHES", messageId: "missing", data: { aliases } };
  },
});
