import { caches } from "../../model/production.js";
import { defineRule } from "../define.js";

const CLIENTS: [RegExp, string[], string][] = [
  [/^django\.core\.cache\.backends\.redis\./, ["redis"], "redis"],
  [/^django_redis\./, ["django-redis"], "django-redis"],
  [/PyMemcacheCache/, ["pymemcache"], "pymemcache"],
  [/PyLibMCCache/, ["pylibmc"], "pylibmc"],
  [/MemcachedCache/, ["python-memcached"], "python-memcached"],
];

export default defineRule({
  code: "CCH102",
  slug: "cache-client-missing",
  area: "cache",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A cache backend needs a client library that is not among the production dependencies: redis for RedisCache, django-redis for django_redis, pymemcache or pylibmc for Memcached.",
    why: "The backend imports its client on first use: the first cache call (often in middleware, on every request) raises ModuleNotFoundError and the site answers 500.",
    fix: "Add the client to the production requirements (redis[hiredis], django-redis, pymemcache...).",
    bad: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/0"}}\n',
      "requirements.txt": "Django==5.2\n",
    },
    good: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/0"}}\n',
      "requirements.txt": "Django==5.2\nredis==5.2.1\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/cache/#redis"],
  },
  messages: {
    missing: "the {alias} cache uses {backend} but {client} is not among the production dependencies",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    const dependencies = artifacts.dependencies();
    if (dependencies.isEmpty) return;
    // celery[redis] and django-redis bring redis-py with them.
    const extras = dependencies.all.some((d) => !d.dev && d.extras.includes("redis"));
    for (const cache of caches(settings) ?? []) {
      const client = CLIENTS.find(([pattern]) => pattern.test(cache.backend ?? ""));
      if (!client) continue;
      if (
        dependencies.has(...client[1]) ||
        (client[2] === "redis" && (extras || dependencies.has("django-redis", "channels-redis", "rq", "django-rq")))
      )
        continue;
      report(
        "missing",
        { file: cache.setting.file, line: cache.setting.line },
        { alias: cache.alias, backend: cache.backend?.split(".").pop() ?? "", client: client[2] },
        { env: cache.setting.env },
      );
    }
  },
});
