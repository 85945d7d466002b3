import { probeTester, response } from "../tester.js";
import probe from "./exposed-files.js";

const BASE = "https://app.example.com";
const t = probeTester(probe);
t.fires(
  "a served .env",
  { env: response(`${BASE}/.env`, { body: "SECRET_KEY=abc\nDATABASE_URL=postgres://u:p@db/app\n" }) },
  {
    outcome: "exposed",
    includes: "/.env is served",
    evidence: 'body starts "SECRET_KEY=…"',
  },
);
t.fires(
  "a served git repository",
  { git: response(`${BASE}/.git/HEAD`, { body: "ref: refs/heads/main\n" }) },
  { outcome: "exposed", includes: "git" },
);
t.fires(
  "a settings module",
  { settings: response(`${BASE}/settings.py`, { body: "import os\n\nSECRET_KEY = 'x'\nDEBUG = False\n" }) },
  { outcome: "exposed", includes: "settings module" },
);
t.fires(
  "the SQLite database",
  { sqlite: response(`${BASE}/db.sqlite3`, { body: "SQLite format 3\u0000\u0010\u0000\u0001\u0001" }) },
  { outcome: "exposed", includes: "SQLite" },
);
t.fires(
  "a SQL dump",
  { backup: response(`${BASE}/backup.sql`, { body: "--\n-- PostgreSQL database dump\n--\nCREATE TABLE shop_product (\n" }) },
  { outcome: "exposed", includes: "dump" },
);
// A catch-all route (a single-page app, a CMS) answers 200 with the same HTML everywhere.
const CATCH_ALL = "<!doctype html><html><head><title>App</title></head><body><div id=root></div></body></html>";
t.quiet("a catch-all 200 for every path", {
  env: response(`${BASE}/.env`, { body: CATCH_ALL, headers: { "Content-Type": "text/html" } }),
  git: response(`${BASE}/.git/HEAD`, { body: CATCH_ALL, headers: { "Content-Type": "text/html" } }),
  settings: response(`${BASE}/settings.py`, { body: CATCH_ALL }),
  localSettings: response(`${BASE}/local_settings.py`, { body: CATCH_ALL }),
  sqlite: response(`${BASE}/db.sqlite3`, { body: CATCH_ALL }),
  backup: response(`${BASE}/backup.sql`, { body: CATCH_ALL }),
});
t.quiet("a plain-text catch-all", {
  env: response(`${BASE}/.env`, { body: "OK" }),
  git: response(`${BASE}/.git/HEAD`, { body: "OK" }),
});
t.quiet("404s", { env: response(`${BASE}/.env`, { status: 404, body: "SECRET_KEY=x" }) });
