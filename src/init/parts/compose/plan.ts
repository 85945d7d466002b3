import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import { BACKUP_ENVIRONMENT, backupScript } from "../backup/plan.js";
import { dockerfileNames } from "../docker/plan.js";
import type { PartContext, PartResult } from "../types.js";

/** compose.production.yaml and the restore script: the target-neutral services as Compose services. */
export function planCompose(context: PartContext): PartResult {
  const { detected, model } = context;
  const root = model.project.root;
  const celery = detected.tasks.includes("celery");
  const pgbouncer = !context.djangoPool;
  const values = {
    project: context.projectPackage.replace(/[^a-z0-9_-]/gi, "-").toLowerCase(),
    domain: context.domain,
    productionModule: context.settings.production,
    databaseHost: pgbouncer ? "pgbouncer" : "db",
    celery,
    beat: celery && detected.celeryBeat,
    celeryApp: context.projectPackage,
    pgbouncer,
    dockerfile: dockerfileNames(context).dockerfile,
    nginx: context.proxy === "nginx",
    caddy: context.proxy === "caddy",
    proxyName: context.proxy,
  };
  const celeryServices = celery ? ` worker${values.beat ? " beat" : ""}` : "";
  return {
    proposals: [
      {
        path: inProject(root, "compose.production.yaml"),
        content: template("compose/compose.production.yaml", values),
        ownership: "generated",
        part: "compose",
        reason: `${context.proxy === "caddy" ? "Caddy with automatic HTTPS" : "nginx with certbot"}, a one-shot migrate before web, ${celery ? `Celery worker${values.beat ? " and one beat" : ""}, ` : ""}PostgreSQL${pgbouncer ? " behind pgbouncer" : ""}, Redis, daily backups copied off the host when BACKUP_REMOTE is set; health checks, limits, named volumes`,
      },
      {
        path: inProject(root, "deploy/restore.sh"),
        content: template("compose/restore.sh", { celeryServices }),
        ownership: "generated",
        part: "compose",
        reason: "restores a dump of the backup service",
      },
      backupScript(context),
    ],
    environment: [
      { name: "POSTGRES_DB", required: false, secret: false, example: "app", description: "The database the db service creates." },
      { name: "POSTGRES_USER", required: false, secret: false, example: "app", description: "Its owner." },
      {
        name: "POSTGRES_PASSWORD",
        required: true,
        secret: true,
        example: "",
        description: "Its password; DATABASE_URL must carry the same one.",
      },
      ...BACKUP_ENVIRONMENT,
    ],
  };
}
