import { ruleTester } from "../tester.js";
import rule from "./CCH103-cache-host-unknown.js";

const t = ruleTester(rule);
t.fires(
  "REDIS_URL from the audited environment",
  {
    files: {
      "mysite/settings.py":
        'import os\nCACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n  redis:\n    image: redis:7\n",
    },
    environment: { REDIS_URL: "redis://valkey:6379/1" },
  },
  { line: 2, message: /valkey/, env: ["REDIS_URL"] },
);
t.quiet("a managed Redis", {
  files: {
    "mysite/settings.py":
      'CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "rediss://my-cache.abc123.cache.amazonaws.com:6379"}}\n',
    "compose.yaml": "services:\n  web:\n    image: me/app\n",
  },
});
