import { ruleTester } from "../tester.js";
import rule from "./DB108-database-host-unknown.js";

const t = ruleTester(rule);
const compose = "services:\n  web:\n    image: me/app\n  pgbouncer:\n    image: edoburu/pgbouncer\n  postgres:\n    image: postgres:17\n";
t.fires(
  "DATABASE_URL in the audited environment names a service that is not there",
  {
    files: { "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config()}\n', "compose.yaml": compose },
    environment: { DATABASE_URL: "postgres://u:p@pgbouncer-svc:6432/app" },
  },
  { line: 2, message: /pgbouncer-svc/ },
);
t.quiet("a managed database", {
  files: {
    "mysite/settings.py":
      'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "app.c9akciq32.eu-west-1.rds.amazonaws.com"}}\n',
    "compose.yaml": compose,
  },
});
t.quiet("no compose or manifests", {
  files: { "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db"}}\n' },
});
