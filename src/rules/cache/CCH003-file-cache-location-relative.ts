import { pathText } from "../../model/production.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { cacheEntries, isFileBasedCache } from "./cache-entries.js";

const messages = {
  relative: "The '{alias}' file cache's LOCATION '{location}' is relative, so it depends on the folder the process starts in",
} as const;

const BACKEND = '"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"';

export default defineSettingsRule({
  code: "CCH003",
  slug: "file-cache-location-relative",
  area: "cache",
  severity: "warning",
  djangoCheck: "caches.W003",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A FileBasedCache has a relative LOCATION.",
    why: "A relative folder resolves against the working directory, which differs between the web server, workers and management commands: each writes its own cache, somewhere unexpected.",
    fix: "Give LOCATION an absolute path, for example BASE_DIR / 'cache' or '/var/tmp/django_cache'.",
    bad: { "mysite/settings.py": `CACHES = {"default": {${BACKEND}, "LOCATION": "cache"}}\n` },
    good: { "mysite/settings.py": `CACHES = {"default": {${BACKEND}, "LOCATION": "/var/tmp/django_cache"}}\n` },
    references: ["https://docs.djangoproject.com/en/stable/topics/cache/#filesystem-caching"],
  },
  messages,
  test(world) {
    const entries = cacheEntries(world);
    if (!entries) return undefined;
    // caches.py check_file_based_cache_is_absolute: pathlib.Path(config["LOCATION"]).is_absolute().
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    for (const entry of entries) {
      const fileBased = isFileBasedCache(world, entry);
      if (fileBased === false) continue;
      // A file cache without LOCATION raises KeyError in the check: undecided here.
      const location = pathText(entry.config.entries.get("s:LOCATION")?.value);
      if (fileBased === undefined || location === undefined) {
        unknown = true;
        continue;
      }
      if (!location.startsWith("/")) verdicts.push({ at: "CACHES", messageId: "relative", data: { alias: entry.alias, location } });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
