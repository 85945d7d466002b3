import { ruleTester } from "../tester.js";
import rule from "./DB102-connection-pooling-missing.js";

const t = ruleTester(rule);
const pg = (extra: string) =>
  `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com"${extra}}}\n`;
t.fires(
  "dj-database-url without conn_max_age",
  {
    files: { "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config()}\n' },
    environment: { DATABASE_URL: "postgres://u:p@db.example.com/app" },
  },
  { line: 2 },
);
t.quiet("Django 5.1 pool", { files: { "mysite/settings.py": pg(', "OPTIONS": {"pool": True}') } });
t.quiet("PgBouncer in compose", {
  files: { "mysite/settings.py": pg(""), "compose.yaml": "services:\n  pgbouncer:\n    image: edoburu/pgbouncer:1.24\n" },
});
t.quiet("a provider's pooler", {
  files: {
    "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "aws-0-eu.pooler.supabase.com"}}\n',
  },
});
