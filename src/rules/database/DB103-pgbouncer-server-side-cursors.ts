import { knownDatabases, POSTGRES_ENGINE } from "../../model/databases.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "DB103",
  slug: "pgbouncer-server-side-cursors",
  area: "database",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "Django connects through PgBouncer in transaction pooling mode without DISABLE_SERVER_SIDE_CURSORS = True.",
    why: "QuerySet.iterator() uses server-side cursors, which live across transactions; in transaction mode the next statement may run on another server connection, and the query fails with `cursor does not exist`.",
    fix: "Set 'DISABLE_SERVER_SIDE_CURSORS': True on the database that goes through PgBouncer (or use session pooling).",
    bad: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "pgbouncer", "PORT": 6432}}\n',
      "compose.yaml": "services:\n  pgbouncer:\n    image: edoburu/pgbouncer:1.24\n    environment:\n      POOL_MODE: transaction\n",
    },
    good: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "pgbouncer", "PORT": 6432, "DISABLE_SERVER_SIDE_CURSORS": True}}\n',
      "compose.yaml": "services:\n  pgbouncer:\n    image: edoburu/pgbouncer:1.24\n    environment:\n      POOL_MODE: transaction\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/databases/#transaction-pooling-and-server-side-cursors"],
  },
  messages: {
    cursors:
      "the {alias} database goes through PgBouncer ({service}) in transaction mode without DISABLE_SERVER_SIDE_CURSORS: .iterator() queries will fail",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const bouncers = deployment.servicesOf("pgbouncer").filter((s) => s.poolMode?.value.toLowerCase() === "transaction");
    for (const db of knownDatabases(settings)) {
      if (!POSTGRES_ENGINE.test(db.engine ?? "") || db.disableServerSideCursors !== false || db.host === undefined) continue;
      const bouncer = bouncers.find((b) => b.hosts.includes(db.host as string));
      if (!bouncer) continue;
      report(
        "cursors",
        { file: db.setting.file, line: db.setting.line },
        { alias: db.alias, service: bouncer.name },
        {
          env: db.setting.env,
          related: bouncer.poolMode
            ? [{ file: bouncer.poolMode.file, line: bouncer.poolMode.line, message: "pool_mode = transaction" }]
            : [],
        },
      );
    }
  },
});
