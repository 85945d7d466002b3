/**
 * The vocabulary every finding speaks, audit and scan alike: the checklist's ten areas (rule
 * folders, the `area` field, the code prefixes) and severities.
 */
export const AREAS = [
  {
    id: "config",
    prefix: "CFG",
    title: "Configuration",
    covers: "DEBUG, ALLOWED_HOSTS, secrets from the environment, settings per environment",
  },
  { id: "server", prefix: "SRV", title: "App server", covers: "Gunicorn/Uvicorn/Hypercorn, the reverse proxy, never runserver" },
  { id: "database", prefix: "DB", title: "Database", covers: "PostgreSQL, pooling, migrations on deploy, backups" },
  { id: "static", prefix: "STC", title: "Static and media", covers: "collectstatic, who serves static and media, compression, images" },
  {
    id: "security",
    prefix: "SEC",
    title: "Security",
    covers: "cookies, HTTPS, HSTS, headers, TLS, key rotation, Django's security checks",
  },
  { id: "tasks", prefix: "TSK", title: "Background work", covers: "Celery/RQ/Huey/Django-Q, brokers, supervised workers, one beat" },
  { id: "cache", prefix: "CCH", title: "Cache", covers: "cache backends and their use" },
  { id: "observability", prefix: "OBS", title: "Logging and monitoring", covers: "LOGGING, error tracking, metrics, central logs" },
  { id: "cicd", prefix: "CI", title: "CI/CD", covers: "tests before deploy, pipelines, Docker images, infrastructure as code" },
  { id: "scaling", prefix: "SCL", title: "Scaling", covers: "replicas, shared state, health checks, limits, separate services" },
] as const;

export type Area = (typeof AREAS)[number]["id"];

export type Severity = "error" | "warning" | "info";

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function areaOfPrefix(code: string): Area | undefined {
  const prefix = /^[A-Z]+/.exec(code)?.[0];
  return AREAS.find((area) => area.prefix === prefix)?.id;
}

/** Where a rule's documentation lives, for `docUrl` in every format. */
export function docUrl(code: string): string {
  return `https://github.com/djship/djship/blob/main/docs/rules.md#${code.toLowerCase()}`;
}

/** Fills `{name}` placeholders of a message template; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in data ? String(data[key]) : match));
}
