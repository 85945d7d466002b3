import { gunicornProcesses, gunicornSetting } from "../../model/app-server.js";
import { Deployment } from "../../model/deployment.js";
import { caches } from "../../model/production.js";
import { defineRule } from "../define.js";

const LOCAL = /locmem\.LocMemCache|dummy\.DummyCache/;

export default defineRule({
  code: "CCH101",
  slug: "local-cache-with-processes",
  area: "cache",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A cache uses the local-memory or dummy backend in production while the app runs several processes (replicas or gunicorn workers).",
    why: "Each process keeps its own local-memory cache: invalidation in one is not seen by the others, rate limits and cached sessions differ per request, and memory is spent once per worker. The dummy cache caches nothing at all.",
    fix: "Use a shared cache: django.core.cache.backends.redis.RedisCache (or Memcached) with LOCATION from the environment.",
    bad: {
      "mysite/settings.py": 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\n',
      Procfile: "web: gunicorn mysite.wsgi --workers 4\n",
    },
    good: {
      "mysite/settings.py":
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/0"}}\n',
      Procfile: "web: gunicorn mysite.wsgi --workers 4\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/cache/#local-memory-caching"],
  },
  messages: {
    local: "the {alias} cache is {backend}, private to each of {count} {unit}",
    dummy: "the {alias} cache is the dummy backend: nothing is cached in production",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const list = caches(settings);
    if (!list) return;
    let processes: { count: number; unit: string; file: string; line: number } | undefined;
    for (const process of deployment.withRole("web")) {
      const replicas = Deployment.count(process);
      if (replicas !== null && replicas > 1)
        processes = {
          count: replicas,
          unit: "replicas",
          file: process.replicas?.file ?? process.file,
          line: process.replicas?.line ?? process.line,
        };
    }
    if (!processes) {
      for (const { process, step } of gunicornProcesses(deployment)) {
        const workers = Number(gunicornSetting(deployment, process, step, "workers", project).value);
        if (workers > 1) processes = { count: workers, unit: "gunicorn workers", file: step.file, line: step.line };
      }
    }
    if (!processes && deployment.withRole("worker").length > 0) {
      const worker = deployment.withRole("worker")[0] as (typeof deployment.processes)[number];
      processes = { count: 2, unit: "processes (web and worker)", file: worker.file, line: worker.line };
    }
    for (const cache of list) {
      if (!cache.backend || !LOCAL.test(cache.backend)) continue;
      const at = { file: cache.setting.file, line: cache.setting.line };
      if (cache.backend.includes("Dummy")) report("dummy", at, { alias: cache.alias }, { env: cache.setting.env });
      else if (processes)
        report(
          "local",
          at,
          { alias: cache.alias, backend: "LocMemCache", count: processes.count, unit: processes.unit },
          {
            env: cache.setting.env,
            related: [{ file: processes.file, line: processes.line, message: `${processes.count} ${processes.unit}` }],
          },
        );
    }
  },
});
