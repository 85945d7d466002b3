import { ruleTester } from "../tester.js";
import rule from "./DB101-sqlite-in-production.js";

const t = ruleTester(rule);
t.fires(
  "dj-database-url default while DATABASE_URL is unset",
  {
    files: {
      "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}\n',
    },
    environment: {},
  },
  { line: 2, messageId: "sqlite" },
);
t.fires(
  "several replicas",
  {
    files: {
      "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 3\n",
    },
  },
  { messageId: "replicas", severity: "error" },
);
t.quiet("PostgreSQL from the environment", {
  files: {
    "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}\n',
  },
  environment: { DATABASE_URL: "postgres://u:p@db.example.com/app" },
});
t.quiet("unknown database URL", {
  files: { "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config()}\n' },
});
t.fires(
  "a dj-database-url SQLite default, in any environment",
  {
    files: {
      "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}\n',
    },
  },
  { line: 2, messageId: "fallback", env: ["DATABASE_URL"] },
);
t.fires(
  "a django-environ SQLite default, in any environment",
  {
    files: {
      "mysite/settings.py":
        'import environ\nenv = environ.Env()\nDATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///db.sqlite3")}\n',
    },
  },
  { line: 3, messageId: "fallback", env: ["DATABASE_URL"] },
);
t.quiet("a PostgreSQL default, in any environment", {
  files: {
    "mysite/settings.py":
      'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="postgres://app@db.example.com/app")}\n',
  },
});
