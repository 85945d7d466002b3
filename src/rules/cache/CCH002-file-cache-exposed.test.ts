import { ruleTester } from "../tester.js";
import rule from "./CCH002-file-cache-exposed.js";

const cache = (location: string) =>
  `CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "${location}"}}\n`;
const t = ruleTester(rule);
t.fires(
  "matches STATIC_ROOT",
  { files: { "app/settings.py": `STATIC_ROOT = "/srv/static"\n${cache("/srv/static")}` } },
  {
    message: "matches STATIC_ROOT",
    djangoCheck: "caches.W002",
  },
);
t.fires(
  "contains a STATICFILES_DIRS folder",
  { files: { "app/settings.py": `STATICFILES_DIRS = [("x", "/srv/app/static")]\n${cache("/srv/app")}` } },
  {
    message: "contains STATICFILES_DIRS",
  },
);
t.quiet("elsewhere", { files: { "app/settings.py": `MEDIA_ROOT = "/srv/media"\n${cache("/var/tmp/cache")}` } });
t.quiet("not a file cache", {
  files: {
    "app/settings.py":
      'MEDIA_ROOT = "/srv/media"\nCACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "/srv/media"}}\n',
  },
});
