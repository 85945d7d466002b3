import { caches, hostOfUrl, isServiceName } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "CCH103",
  slug: "cache-host-unknown",
  area: "cache",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A Redis or Memcached cache LOCATION names a bare host (no dots) that no compose service or Kubernetes Service of the deployment is called.",
    why: "The name does not resolve inside the compose network or cluster: every cache call fails (or, with django-redis IGNORE_EXCEPTIONS, silently misses), usually after a service was renamed.",
    fix: "Point LOCATION (or REDIS_URL) at the name of the Redis or Memcached service, or run that service.",
    bad: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379/0"}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n  redis:\n    image: redis:7\n",
    },
    good: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/0"}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n  redis:\n    image: redis:7\n",
    },
    references: ["https://docs.docker.com/compose/how-tos/networking/"],
  },
  messages: {
    unknown: "the {alias} cache points at host {host}, but no service of the deployment has that name (services: {names})",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const { names, related } = deployment.serviceNames();
    if (names.size === 0) return;
    for (const cache of caches(settings) ?? []) {
      if (!/redis|memcached|pymemcache|pylibmc/i.test(cache.backend ?? "") || /locmem/i.test(cache.backend ?? "")) continue;
      for (const location of cache.locations ?? []) {
        for (const part of location.split(/[;,]/)) {
          const host = hostOfUrl(part);
          if (!host || !isServiceName(host) || names.has(host)) continue;
          report(
            "unknown",
            { file: cache.setting.file, line: cache.setting.line },
            { alias: cache.alias, host, names: [...names].sort().join(", ") },
            { env: cache.setting.env, related },
          );
        }
      }
    }
  },
});
