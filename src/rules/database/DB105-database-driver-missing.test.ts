import { ruleTester } from "../tester.js";
import rule from "./DB105-database-driver-missing.js";

const t = ruleTester(rule);
t.fires(
  "DATABASE_URL from the environment names MySQL",
  {
    files: {
      "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config()}\n',
      "requirements.txt": "Django==5.2\n",
    },
    environment: { DATABASE_URL: "mysql://u:p@db/app" },
  },
  { line: 2, message: /mysqlclient/ },
);
t.quiet("psycopg2-binary", {
  files: {
    "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}\n',
    "requirements.txt": "Django\npsycopg2-binary\n",
  },
});
t.quiet("SQLite needs no driver", {
  files: { "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\n', "requirements.txt": "Django\n" },
});
