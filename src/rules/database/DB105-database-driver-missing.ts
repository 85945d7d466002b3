import { knownDatabases } from "../../model/databases.js";
import { defineRule } from "../define.js";

const DRIVERS: [RegExp, string[], string][] = [
  [
    /postgresql|postgis/,
    ["psycopg", "psycopg2", "psycopg2-binary", "psycopg-binary", "psycopg-c", "psycopg2cffi"],
    "psycopg (or psycopg2)",
  ],
  [/mysql/, ["mysqlclient", "pymysql"], "mysqlclient"],
  [/oracle/, ["oracledb", "cx-oracle"], "oracledb"],
  [/mssql|sql_server/, ["mssql-django", "pyodbc"], "mssql-django"],
];

export default defineRule({
  code: "DB105",
  slug: "database-driver-missing",
  area: "database",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "The production database engine needs a driver that is not among the dependencies (psycopg for PostgreSQL, mysqlclient for MySQL, oracledb for Oracle).",
    why: "Django imports the driver when the first connection opens: the site starts and fails every request with `Error loading psycopg2 or psycopg module`.",
    fix: "Add the driver to the production requirements: psycopg[binary] (or psycopg2) for PostgreSQL, mysqlclient for MySQL.",
    bad: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com", "CONN_MAX_AGE": 60}}\n',
      "requirements.txt": "Django==5.2\ngunicorn==23.0.0\n",
    },
    good: {
      "mysite/settings.py":
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "db.example.com", "CONN_MAX_AGE": 60}}\n',
      "requirements.txt": "Django==5.2\ngunicorn==23.0.0\npsycopg[binary]==3.2.9\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/databases/#postgresql-notes"],
  },
  messages: {
    missing: "the {alias} database uses {engine} but {driver} is not among the production dependencies",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    const dependencies = artifacts.dependencies();
    if (dependencies.isEmpty) return;
    for (const db of knownDatabases(settings)) {
      const driver = DRIVERS.find(([pattern]) => pattern.test(db.engine ?? ""));
      if (!driver || dependencies.has(...driver[1])) continue;
      report(
        "missing",
        { file: db.setting.file, line: db.setting.line },
        { alias: db.alias, engine: db.engine ?? "", driver: driver[2] },
        { env: db.setting.env },
      );
    }
  },
});
