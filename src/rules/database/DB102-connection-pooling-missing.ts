import { atLeast } from "../../django/versions.js";
import { knownDatabases, MANAGED_POOLER, POSTGRES_ENGINE } from "../../model/databases.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "DB102",
  slug: "connection-pooling-missing",
  area: "database",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A PostgreSQL database opens a new connection for every request: CONN_MAX_AGE is 0 (the default), OPTIONS has no `pool` (Django 5.1+) and no PgBouncer runs in front of it.",
    why: "Each connection costs a TLS handshake, authentication and a backend process on the server: milliseconds per request, and a connection storm under load that hits max_connections.",
    fix: "Set CONN_MAX_AGE (60 with CONN_HEALTH_CHECKS = True), or OPTIONS = {'pool': True} on Django 5.1+ with psycopg 3, or put PgBouncer in front.",
    bad: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com"}}\n',
    },
    good: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com", "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}}\n',
    },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/databases/#persistent-connections",
      "https://docs.djangoproject.com/en/stable/ref/databases/#connection-pool",
    ],
  },
  messages: {
    none: "the {alias} database opens a new connection per request (CONN_MAX_AGE 0, no pool, no PgBouncer)",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    if (deployment.servicesOf("pgbouncer").length > 0) return;
    for (const db of knownDatabases(settings)) {
      if (!POSTGRES_ENGINE.test(db.engine ?? "") || db.connMaxAge !== 0) continue;
      if (db.pool === undefined && atLeast(series, "5.1")) continue;
      if (db.pool === true) continue;
      if (db.host === undefined || MANAGED_POOLER.test(db.host)) continue;
      report("none", { file: db.setting.file, line: db.setting.line }, { alias: db.alias }, { env: db.setting.env });
    }
  },
});
