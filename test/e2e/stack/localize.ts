/**
 * The one substitution step between what `djship init` writes and what runs here. There is no
 * Docker daemon: the run executes the commands of compose.production.yaml natively on loopback, so
 * the names and places a container network gives (web:8000, db, redis, /etc/letsencrypt, ports 80
 * and 443, /srv/media, /tmp in a container) are replaced by loopback addresses, ports chosen at run
 * time and temporary folders. Nothing else changes: every directive, header, timeout and command
 * line is the generated one, and every replacement is listed here. A generated file that no longer
 * holds what a replacement expects fails the run, so this step cannot silently drift from init.
 *
 * Replacements, all in the generated files' text or in the environment they read:
 * - nginx site: `listen 80` / `listen 443 ssl ...` → 127.0.0.1 and the test's ports (the [::]
 *   twins dropped: nothing listens beyond 127.0.0.1); `http://web:8000` → the app server's
 *   loopback port; Docker's resolver 127.0.0.11 → 127.0.0.1; certificate paths → the test CA's
 *   leaf; the certbot webroot and /srv/media → temporary folders; the HTTPS redirect names the
 *   test's HTTPS port (it is not 443).
 * - environment (.env.example, as a deployment copies it to .env): the secrets get fresh random
 *   values; the db, pgbouncer and redis hosts in DATABASE_URL and REDIS_URL → 127.0.0.1 and ports;
 *   GUNICORN_BIND (read by the generated gunicorn.conf.py) → the app server's loopback port.
 * - commands (compose `command:`): `python`, `gunicorn` and `celery` → Debian's python3 with the
 *   provisioned libraries (`-m gunicorn`, `-m celery`); beat's /tmp schedule file → a temporary
 *   folder; each worker replica gets its own node name, as each container has its own hostname.
 * - backups: the backup and backup-offsite services' shell loops run as written with their
 *   environment interpolated from .env the way compose does (`${VAR:-default}`, `$$` → `$`),
 *   PGHOST `db` → 127.0.0.1 with the cluster's port, the /backups volume → a temporary folder and
 *   the mounted deploy/backup.sh → the project's file; the off-host remote is the test's (an
 *   rclone WebDAV server on loopback: no S3 server is packaged in Debian). deploy/restore.sh runs as
 *   written with `docker` on its PATH standing in for `docker compose -f compose.production.yaml`:
 *   `stop` and `up` are recorded, `exec -T backup CMD` runs CMD with the backup service's
 *   environment and /backups/ → that folder.
 */
import { randomBytes } from "node:crypto";

export interface Ports {
  readonly http: number;
  readonly https: number;
  readonly app: number;
  readonly postgres: number;
  readonly pgbouncer: number;
  readonly redis: number;
}

export interface Tls {
  readonly fullchain: string;
  readonly key: string;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`localize: the generated ${what} no longer matches ${pattern}`);
  return text.replace(pattern, replacement);
}

/** The generated nginx site (deploy/nginx/site.conf) on loopback with the test's ports and files. */
export function localizeNginxSite(
  site: string,
  options: { ports: Ports; tls: Tls; certbotRoot: string; mediaRoot: string; staticRoot: string },
): string {
  const { ports } = options;
  let out = site.replace(/^\s*listen \[::\]:.*\n/gm, "");
  out = replaceOnce(out, /^(\s*)listen 80( default_server)?;/gm, `$1listen 127.0.0.1:${ports.http}$2;`, "nginx site");
  out = replaceOnce(out, /^(\s*)listen 443 ssl/gm, `$1listen 127.0.0.1:${ports.https} ssl`, "nginx site");
  out = out.replace(/resolver 127\.0\.0\.11\b/g, "resolver 127.0.0.1");
  out = replaceOnce(out, /http:\/\/web:8000/g, `http://127.0.0.1:${ports.app}`, "nginx site");
  out = replaceOnce(out, /ssl_certificate \S+;/g, `ssl_certificate ${options.tls.fullchain};`, "nginx site");
  out = replaceOnce(out, /ssl_certificate_key \S+;/g, `ssl_certificate_key ${options.tls.key};`, "nginx site");
  out = out.replace(/root \/var\/www\/certbot;/g, `root ${options.certbotRoot};`);
  out = out.replace(/alias \/srv\/media\/;/g, `alias ${options.mediaRoot}/;`);
  out = out.replace(/alias \/srv\/static\/;/g, `alias ${options.staticRoot}/;`);
  out = replaceOnce(
    out,
    /return 301 https:\/\/\$host\$request_uri;/g,
    `return 301 https://$host:${ports.https}$request_uri;`,
    "nginx site",
  );
  for (const leftover of ["web:8000", "/etc/letsencrypt", "listen 80", "listen 443", "[::]", "127.0.0.11"]) {
    if (out.includes(leftover)) throw new Error(`localize: "${leftover}" is left in the nginx site after the substitution`);
  }
  return out;
}

/** Replaces the host and port of a URL-valued variable, keeping its scheme, user, path and query. */
function rehost(url: string, port: number, password?: string): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(port);
  if (password !== undefined) parsed.password = password;
  return parsed.toString();
}

export interface LocalEnvironment {
  readonly env: Record<string, string>;
  readonly databasePassword: string;
  readonly databaseUser: string;
  readonly databaseName: string;
}

/**
 * The environment a deployment gives the app: .env.example's values with fresh secrets and the
 * service addresses on loopback. DATABASE_URL goes to pgbouncer when the setup has one.
 */
export function localizeEnvironment(example: Record<string, string>, options: { ports: Ports; pgbouncer: boolean }): LocalEnvironment {
  const env = { ...example };
  const password = randomBytes(18).toString("hex");
  for (const name of ["DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"]) {
    if (!env[name]) throw new Error(`localize: .env.example has no ${name}`);
  }
  env.DJANGO_SECRET_KEY = randomBytes(48).toString("base64url");
  env.POSTGRES_PASSWORD = password;
  const database = new URL(env.DATABASE_URL as string);
  env.DATABASE_URL = rehost(env.DATABASE_URL as string, options.pgbouncer ? options.ports.pgbouncer : options.ports.postgres, password);
  env.REDIS_URL = rehost(env.REDIS_URL as string, options.ports.redis);
  env.GUNICORN_BIND = `127.0.0.1:${options.ports.app}`;
  return {
    env,
    databasePassword: password,
    databaseUser: decodeURIComponent(database.username),
    databaseName: database.pathname.replace(/^\//, ""),
  };
}

/** A compose command as an argv to run here: the program names become module runs of Debian's python3. */
export function localizeCommand(command: readonly string[], options: { tempDir: string }): { module: string | null; args: string[] } {
  const [program, ...rest] = command;
  const args = rest.map((arg) => (arg.startsWith("/tmp/") ? `${options.tempDir}/${arg.slice("/tmp/".length)}` : arg));
  if (program === "python") return { module: null, args };
  if (program === "gunicorn" || program === "celery") return { module: program, args };
  throw new Error(`localize: no local equivalent of the command ${program}`);
}

/** Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR:?message}` and `$$` from the .env values. */
export function interpolateCompose(text: string, values: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name?: string, op?: string, arg?: string) => {
    if (match === "$$") return "$";
    const value = values[name as string];
    const empty = value === undefined || (op?.startsWith(":") && value === "");
    if (op?.endsWith("-")) return empty ? (arg ?? "") : (value as string);
    if (op?.endsWith("?") && empty) throw new Error(`localize: ${name} is required: ${arg}`);
    return value ?? "";
  });
}

/** A backup service of compose.production.yaml as it runs here: its shell loop, environment and mounts. */
export interface LocalBackupService {
  readonly shell: string;
  readonly args: [string, string];
  readonly env: Record<string, string>;
}

/**
 * The backup and backup-offsite services on loopback: the entrypoint's `/bin/sh -c` loop as
 * written, its environment interpolated from .env the way compose does (and, for a service with
 * `env_file: .env`, .env's values under it), PGHOST `db` → 127.0.0.1 with the cluster's port, the
 * /backups volume → `backupsDir`, and each file bind-mounted from the project (`./deploy/backup.sh`)
 * → that file.
 */
export function localizeBackupService(
  service: { entrypoint?: string[]; command?: string[]; environment?: Record<string, string>; env_file?: unknown; volumes?: string[] },
  values: Record<string, string>,
  options: { ports: Ports; backupsDir: string; project: string },
): LocalBackupService {
  const [shell, flag] = service.entrypoint ?? [];
  const [loop] = service.command ?? [];
  if (shell !== "/bin/sh" || flag !== "-c" || !loop) throw new Error("localize: a backup service is not a /bin/sh -c loop");
  const mounts: [string, string][] = [];
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(":");
    if (source === "backups") mounts.push([target as string, options.backupsDir]);
    else if (source?.startsWith("./")) mounts.push([target as string, `${options.project}/${source.slice(2)}`]);
  }
  if (!mounts.some(([target]) => target === "/backups")) throw new Error("localize: a backup service has no /backups volume");
  const remount = (text: string) => mounts.reduce((out, [target, local]) => out.replaceAll(target, local), text);
  const env: Record<string, string> = service.env_file === undefined ? {} : { ...values };
  for (const [name, value] of Object.entries(service.environment ?? {})) env[name] = remount(interpolateCompose(String(value), values));
  if (env.PGHOST !== undefined) {
    if (env.PGHOST !== "db") throw new Error(`localize: a backup service's PGHOST is ${env.PGHOST}, not db`);
    env.PGHOST = "127.0.0.1";
    env.PGPORT = String(options.ports.postgres);
  }
  return { shell, args: [flag, remount(interpolateCompose(loop, values))], env };
}

/** The `docker` that deploy/restore.sh finds on its PATH: records what it is asked, runs `exec` locally. */
export function dockerComposeStandIn(backupsDir: string, log: string): string {
  return [
    "#!/bin/sh",
    "# Stands in for `docker compose -f compose.production.yaml` (test/e2e/stack/localize.ts).",
    "set -eu",
    `printf '%s\\n' "$*" >>'${log}'`,
    '[ "$1" = compose ] && [ "$2" = -f ] || { echo "docker stand-in: unexpected $*" >&2; exit 2; }',
    "shift 3",
    'case "$1" in',
    "  stop|up) exit 0 ;;",
    "  exec)",
    "    shift",
    '    [ "$1" = -T ] && shift',
    '    [ "$1" = backup ] || { echo "docker stand-in: exec in $1" >&2; exit 2; }',
    "    shift",
    '    for arg in "$@"; do',
    "      shift",
    '      case "$arg" in',
    `        /backups/*) set -- "$@" "${backupsDir}/\${arg#/backups/}" ;;`,
    '        *) set -- "$@" "$arg" ;;',
    "      esac",
    "    done",
    '    exec "$@" ;;',
    '  *) echo "docker stand-in: unexpected compose $1" >&2; exit 2 ;;',
    "esac",
    "",
  ].join("\n");
}
