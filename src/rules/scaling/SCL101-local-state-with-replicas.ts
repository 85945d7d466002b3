import { Deployment } from "../../model/deployment.js";
import { asString, caches } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SCL101",
  slug: "local-state-with-replicas",
  area: "scaling",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "Sessions or the cache live on one process's disk or memory (file sessions, cache sessions on LocMemCache or FileBasedCache, a FileBasedCache) while the web process runs several replicas.",
    why: "A login stored by one replica is unknown to the others: users are logged out at random as the load balancer moves them, CSRF and messages fail, and cached pages differ per replica.",
    fix: "Keep state shared: database or Redis-backed sessions (the default db backend, or cache sessions on RedisCache), and a shared cache backend.",
    bad: {
      "mysite/settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 3\n",
    },
    good: {
      "mysite/settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.db"\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 3\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/sessions/#configuring-the-session-engine"],
  },
  messages: {
    fileSessions:
      "sessions are stored in files on each of {count} replicas of {name}: users lose their session when another replica answers",
    cacheSessions: "sessions are stored in the {alias} cache ({backend}), private to each of {count} replicas of {name}",
    fileCache: "the {alias} cache is a FileBasedCache on each of {count} replicas of {name}",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const web = deployment.withRole("web").find((p) => {
      const count = Deployment.count(p);
      return count !== null && count > 1;
    });
    if (!web || !settings) return;
    const count = Deployment.count(web) ?? 2;
    const related = [{ file: web.replicas?.file ?? web.file, line: web.replicas?.line ?? web.line, message: `${count} replicas` }];
    const engineSetting = settings.get("SESSION_ENGINE");
    const engine = asString(engineSetting?.value);
    const cacheList = caches(settings) ?? [];
    if (engine && engineSetting) {
      if (/sessions\.backends\.file$/.test(engine))
        report("fileSessions", engineSetting, { count, name: web.name }, { related, env: engineSetting.env });
      if (/sessions\.backends\.cache$/.test(engine)) {
        const alias = asString(settings.get("SESSION_CACHE_ALIAS")?.value) ?? "default";
        const cache = cacheList.find((c) => c.alias === alias);
        if (cache?.backend && /LocMemCache|FileBasedCache|DummyCache/.test(cache.backend))
          report(
            "cacheSessions",
            engineSetting,
            { alias, backend: cache.backend.split(".").pop() ?? "", count, name: web.name },
            { related, env: engineSetting.env },
          );
      }
    }
    for (const cache of cacheList) {
      if (cache.backend?.endsWith("FileBasedCache"))
        report("fileCache", cache.setting, { alias: cache.alias, count, name: web.name }, { related, env: cache.setting.env });
    }
  },
});
