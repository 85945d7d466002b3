import { ruleTester } from "../tester.js";
import rule from "./CCH102-cache-client-missing.js";

const t = ruleTester(rule);
t.fires(
  "PyMemcacheCache",
  {
    files: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "memcached:11211"}}\n',
      "requirements.txt": "django\n",
    },
  },
  { line: 1, message: /pymemcache/ },
);
t.quiet("celery[redis] brings redis", {
  files: {
    "mysite/settings.py": 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://r"}}\n',
    "requirements.txt": "django\ncelery[redis]\n",
  },
});
