import { defineProbe, type GetRequest } from "../define.js";
import { type HttpResponse, header, isResponse } from "../types.js";

const SMALL = 8 * 1024;

function get(path: string): GetRequest {
  return { kind: "get", path, maxBytes: SMALL };
}

function isHtml(response: HttpResponse): boolean {
  return /html/i.test(header(response, "content-type") ?? "") || /^\s*<(!doctype|html|head|body|\?xml)/i.test(response.body);
}

/**
 * Each file is recognised by its content, not by a 200: a catch-all route or a single-page app
 * answers 200 to every path, and that is not an exposure.
 */
const FILES: Record<string, { path: string; what: string; matches: (r: HttpResponse) => boolean }> = {
  env: {
    path: "/.env",
    what: "the .env file (secrets and database URLs)",
    matches: (r) => !isHtml(r) && /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/m.test(r.body) && !r.body.includes("<"),
  },
  git: {
    path: "/.git/HEAD",
    what: "the git repository (/.git/HEAD; the whole history can be downloaded)",
    matches: (r) => /^(ref: refs\/\S+|[0-9a-f]{40})\s*$/.test(r.body.trim()),
  },
  settings: {
    path: "/settings.py",
    what: "a Django settings module",
    matches: (r) => !isHtml(r) && /^(SECRET_KEY|DATABASES|INSTALLED_APPS|ALLOWED_HOSTS)\s*=/m.test(r.body),
  },
  localSettings: {
    path: "/local_settings.py",
    what: "a Django settings module",
    matches: (r) => !isHtml(r) && /^(SECRET_KEY|DATABASES|INSTALLED_APPS|ALLOWED_HOSTS|DEBUG)\s*=/m.test(r.body),
  },
  sqlite: {
    path: "/db.sqlite3",
    what: "the SQLite database",
    // The SQLite file header: https://www.sqlite.org/fileformat.html#the_database_header
    matches: (r) => r.body.startsWith("SQLite format 3\u0000"),
  },
  backup: {
    path: "/backup.sql",
    what: "a database dump",
    matches: (r) => !isHtml(r) && /(CREATE TABLE|INSERT INTO|PostgreSQL database dump|MySQL dump)/.test(r.body),
  },
};

export default defineProbe({
  id: "exposed-files",
  code: "SCN005",
  area: "security",
  doc: {
    what: `Requests ${Object.values(FILES)
      .map((f) => f.path)
      .join(", ")} and checks their content, so that a catch-all 200 is not mistaken for an exposure.`,
    why: "A served .env, settings module, database or repository hands out the SECRET_KEY, database passwords and the code itself.",
    fix: "Serve only STATIC_ROOT and MEDIA_ROOT from disk (nginx location /static/ { alias …/staticfiles/; }), never the project folder, keep .env, .git and databases out of any root or alias, and deny dotfiles (location ~ /\\. { deny all; }).",
    references: ["https://docs.djangoproject.com/en/stable/howto/static-files/deployment/"],
  },
  requests: {
    env: get("/.env"),
    git: get("/.git/HEAD"),
    settings: get("/settings.py"),
    localSettings: get("/local_settings.py"),
    sqlite: get("/db.sqlite3"),
    backup: get("/backup.sql"),
  },
  outcomes: {
    exposed: { severity: "error", message: "{path} is served: {what}" },
    none: { severity: "ok" },
  },
  evaluate(observed) {
    const exposed = Object.entries(FILES).flatMap(([name, file]) => {
      const response = observed[name as keyof typeof observed];
      if (!isResponse(response) || response.status !== 200 || !file.matches(response)) return [];
      const first =
        response.body
          .split("\n")[0]
          ?.replace(/[^\x20-\x7e]/g, "?")
          .slice(0, 40) ?? "";
      return [
        {
          outcome: "exposed" as const,
          evidence: response,
          proof: `body starts "${name === "env" ? `${first.split("=")[0]}=…` : first}"`,
          data: { path: file.path, what: file.what },
        },
      ];
    });
    return exposed.length > 0 ? exposed : { outcome: "none" };
  },
});
