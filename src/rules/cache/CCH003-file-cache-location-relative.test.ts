import { ruleTester } from "../tester.js";
import rule from "./CCH003-file-cache-location-relative.js";

const t = ruleTester(rule);
t.fires(
  "a project subclass of FileBasedCache",
  {
    files: {
      "app/settings.py": 'CACHES = {"default": {"BACKEND": "app.cache.MyCache", "LOCATION": "cache"}}\n',
      "app/cache.py": "from django.core.cache.backends.filebased import FileBasedCache\n\n\nclass MyCache(FileBasedCache):\n    pass\n",
    },
  },
  { djangoCheck: "caches.W003" },
);
t.quiet("absolute", {
  files: {
    "app/settings.py":
      'CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/var/tmp/c"}}\n',
  },
});
t.quiet("a backend from a package djship does not read", {
  files: { "app/settings.py": 'CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x"}}\n' },
});
