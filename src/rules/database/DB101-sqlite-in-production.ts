import { knownDatabases } from "../../model/databases.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "DB101",
  slug: "sqlite-in-production",
  area: "database",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A database of the production settings uses the SQLite backend, or, read for any environment, falls back to it when its variable (DATABASE_URL) is unset.",
    why: "SQLite locks the whole database for every write, lives on one machine's disk (lost with the container, and not shared between replicas), and has no network access for backups, workers or a second server.",
    fix: "Use PostgreSQL (or MySQL) in production, configured from the environment: DATABASES = {'default': dj_database_url.config()}.",
    bad: { "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n' },
    good: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com"}}\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/databases/#sqlite-notes"],
  },
  messages: {
    sqlite: "the {alias} database uses SQLite in production",
    replicas: "the {alias} database uses SQLite while {name} runs {count} replicas: each has its own database file",
    fallback: "the {alias} database falls back to SQLite whenever {env} is unset: a deploy without it runs on a local file",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const settingsIfUnset = project.settings.ifUnset;
    const web = deployment.maxReplicas("web", "worker");
    for (const db of knownDatabases(settings)) {
      if (!db.engine?.includes("sqlite")) continue;
      const at = { file: db.setting.file, line: db.setting.line };
      if (web.count !== null && web.count > 1 && web.process?.layout.ephemeral)
        report(
          "replicas",
          at,
          { alias: db.alias, name: web.process.name, count: web.count },
          {
            severity: "error",
            env: db.setting.env,
            related: [
              {
                file: web.process.replicas?.file ?? web.process.file,
                line: web.process.replicas?.line ?? web.process.line,
                message: "replicas",
              },
            ],
          },
        );
      else report("sqlite", at, { alias: db.alias }, { env: db.setting.env });
    }
    // For any environment the URL is unknown (dj_database_url.config(default="sqlite://..."),
    // env.db(default=...)): what the code falls back to is what a deploy that forgets it runs on.
    if (project.settings.environment.kind !== "any") return;
    const decided = new Set(knownDatabases(settings).map((db) => db.alias));
    for (const db of knownDatabases(settingsIfUnset)) {
      const unset = db.setting.unsetEnv;
      if (decided.has(db.alias) || !db.engine?.includes("sqlite") || unset.length === 0) continue;
      report("fallback", { file: db.setting.file, line: db.setting.line }, { alias: db.alias, env: unset.join(", ") }, { env: unset });
    }
  },
});
