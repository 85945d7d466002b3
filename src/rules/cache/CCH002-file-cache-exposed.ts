import { posix } from "node:path";
import { pathText } from "../../model/production.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { cacheEntries, isFileBasedCache } from "./cache-entries.js";

const messages = {
  exposed: "The '{alias}' file cache's LOCATION {relation} {setting}, so cached data may be served or collected as files",
} as const;

const SETTINGS = 'MEDIA_ROOT = "/srv/media"\n';

export default defineSettingsRule({
  code: "CCH002",
  slug: "file-cache-exposed",
  area: "cache",
  severity: "warning",
  djangoCheck: "caches.W002",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "A FileBasedCache's LOCATION is, contains or is inside MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS folder.",
    why: "Cache files then sit where the web server publishes files (anyone can download them) or where collectstatic and media cleanup overwrite them.",
    fix: "Give the file cache a folder of its own outside every static and media folder, for example /var/tmp/django_cache.",
    bad: {
      "mysite/settings.py": `${SETTINGS}CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/srv/media/cache"}}\n`,
    },
    good: {
      "mysite/settings.py": `${SETTINGS}CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/var/tmp/django_cache"}}\n`,
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/cache/#filesystem-caching"],
  },
  messages,
  test(world) {
    const root = world.code?.root;
    if (!root) return undefined;
    // caches.py check_cache_location_not_exposed: paths resolved against the working directory
    // (where manage.py runs), compared with ==, .parents both ways; one warning per setting and alias.
    const resolve = (path: string) => posix.resolve(root, path);
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    const entries = cacheEntries(world);
    for (const name of ["MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS"]) {
      const setting = world.value(name);
      const truthy = world.truthy(name);
      if (truthy === false) continue;
      if (truthy === undefined) {
        unknown = true;
        continue;
      }
      const paths: string[] = [];
      if (name === "STATICFILES_DIRS") {
        if (setting.kind !== "list" && setting.kind !== "tuple") {
          unknown = true;
          continue;
        }
        for (const item of setting.items) {
          const dir = item.kind === "list" || item.kind === "tuple" ? pathText(item.items[1]) : pathText(item);
          if (dir === undefined) unknown = true;
          else paths.push(resolve(dir));
        }
      } else {
        const dir = pathText(setting);
        if (dir === undefined) {
          unknown = true;
          continue;
        }
        paths.push(resolve(dir));
      }
      if (!entries) {
        unknown = true;
        continue;
      }
      for (const entry of entries) {
        const fileBased = isFileBasedCache(world, entry);
        if (fileBased === false) continue;
        const location = entry.config.entries.get("s:LOCATION")?.value;
        const dir = location === undefined ? "" : pathText(location);
        if (fileBased === undefined || dir === undefined) {
          unknown = true;
          continue;
        }
        const cache = resolve(dir);
        const relation = paths.includes(cache)
          ? "matches"
          : paths.some((p) => cache.startsWith(`${p === "/" ? "" : p}/`))
            ? "is inside"
            : paths.some((p) => p.startsWith(`${cache === "/" ? "" : cache}/`))
              ? "contains"
              : undefined;
        if (relation) verdicts.push({ at: "CACHES", messageId: "exposed", data: { alias: entry.alias, relation, setting: name } });
      }
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
