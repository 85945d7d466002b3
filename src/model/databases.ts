import { type DatabaseConfig, databases } from "./production.js";
import type { SettingsView } from "./settings-view.js";

export const POSTGRES_ENGINE = /postgresql|postgis|psycopg|cockroach|timescale/;

/** The databases of the audited settings with their engine known. */
export function knownDatabases(settings: SettingsView | undefined): DatabaseConfig[] {
  return (databases(settings) ?? []).filter((d) => d.engine !== undefined);
}

/** Host names of poolers run by providers (Supabase, Neon, Crunchy, DigitalOcean, RDS Proxy...). */
export const MANAGED_POOLER = /pooler|pgbouncer|proxy-[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com|\.proxy\.rds\./i;
