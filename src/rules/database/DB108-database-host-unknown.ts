import { knownDatabases } from "../../model/databases.js";
import { isServiceName } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "DB108",
  slug: "database-host-unknown",
  area: "database",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "The database HOST is a bare service name (no dots) that no compose service or Kubernetes Service of the deployment is called.",
    why: "Inside a compose network or a cluster a bare name resolves only to a service of that name: the app fails to connect with `could not translate host name`, usually after a service was renamed.",
    fix: "Point HOST (or DATABASE_URL) at the name of the database or PgBouncer service, or at the managed database's address.",
    bad: {
      "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "CONN_MAX_AGE": 60}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n  postgres:\n    image: postgres:17\n",
    },
    good: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "postgres", "CONN_MAX_AGE": 60}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n  postgres:\n    image: postgres:17\n",
    },
    references: ["https://docs.docker.com/compose/how-tos/networking/"],
  },
  messages: {
    unknown: "the {alias} database HOST is {host}, but no service of {where} has that name (services: {names})",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    // Without a compose stack or manifests, a bare name may resolve anywhere: nothing to compare with.
    const { names, related, where } = deployment.serviceNames();
    if (names.size === 0) return;
    for (const db of knownDatabases(settings)) {
      const host = db.host;
      if (!host || !isServiceName(host) || names.has(host)) continue;
      report(
        "unknown",
        { file: db.setting.file, line: db.setting.line },
        { alias: db.alias, host, where, names: [...names].sort().join(", ") },
        { env: db.setting.env, related },
      );
    }
  },
});
