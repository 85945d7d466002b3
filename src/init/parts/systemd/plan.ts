import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import { BACKUP_ENVIRONMENT, backupScript } from "../backup/plan.js";
import type { PartContext, PartResult, Proposal } from "../types.js";

/** The name the systemd target gives the project: its unit prefix, /srv/NAME, /etc/NAME/env. */
export function systemdName(context: Pick<PartContext, "projectPackage">): string {
  return context.projectPackage.replace(/[^a-z0-9-]/gi, "-").toLowerCase();
}

/** The systemd target: the same services as compose, as units (deploy/systemd/), for one machine. */
export function planSystemd(context: PartContext): PartResult {
  const { detected, model } = context;
  const project = systemdName(context);
  const values = {
    project,
    appDir: `/srv/${project}`,
    productionModule: context.settings.production,
    celeryApp: context.projectPackage,
    // The user the proxy runs as (Debian's packages): the only one that may open Gunicorn's socket.
    proxyUser: context.proxy === "caddy" ? "caddy" : "www-data",
    proxyName: context.proxy,
    domain: context.domain,
    // The database the app reaches: pgbouncer when Django has no pool of its own (< 5.1).
    databaseUnit: context.djangoPool ? "postgresql.service" : "postgresql.service pgbouncer.service",
  };
  const unit = (file: string, name: string, reason: string): Proposal => ({
    path: inProject(model.project.root, `deploy/systemd/${project}-${name}`),
    content: template(`systemd/${file}`, values),
    ownership: "generated",
    part: "systemd",
    reason,
  });
  const proposals: Proposal[] = [
    unit("gunicorn.socket", "gunicorn.socket", "systemd holds the socket: restarts drop no connection"),
    unit("gunicorn.service", "gunicorn.service", "Gunicorn, socket-activated, after the migrations, hardened"),
    unit(
      "migrate.service",
      "migrate.service",
      "the release step: collectstatic, then migrations, once, before the web service takes traffic",
    ),
    unit("backup.service", "backup.service", "deploy/backup.sh: a pg_dump kept 14 days, copied off the host when BACKUP_REMOTE is set"),
    unit("backup.timer", "backup.timer", "runs the backup daily"),
  ];
  if (context.proxy === "nginx")
    proposals.push({
      path: inProject(model.project.root, `deploy/systemd/certbot.service.d/${project}.conf`),
      content: template("systemd/certbot-renew.conf", values),
      ownership: "generated",
      part: "systemd",
      reason: "Debian's certbot.timer renews through nginx's webroot and reloads nginx after a renewal",
    });
  // One script for both targets: compose writes it when it is a target too.
  if (!context.targets.includes("compose")) proposals.push(backupScript(context));
  // Django < 5.1 has no pool of its own: pgbouncer (Debian's package), as the compose target runs it.
  if (!context.djangoPool)
    proposals.push({
      path: inProject(model.project.root, "deploy/pgbouncer/pgbouncer.ini"),
      content: template("systemd/pgbouncer.ini", values),
      ownership: "generated",
      part: "systemd",
      reason: "pgbouncer in transaction mode on 127.0.0.1:6432 for Debian's pgbouncer package (Django < 5.1 has no pool of its own)",
    });
  if (detected.tasks.includes("celery")) {
    proposals.push(unit("celery-worker.service", "celery-worker.service", "the Celery worker"));
    if (detected.celeryBeat) proposals.push(unit("celery-beat.service", "celery-beat.service", "one Celery beat"));
  }
  return {
    proposals,
    environment: BACKUP_ENVIRONMENT,
    choices: [
      context.proxy === "caddy"
        ? {
            id: "systemd-certificates",
            value: "caddy",
            reason: "Caddy (Debian's caddy package) obtains and renews the certificate itself: no certbot",
          }
        : {
            id: "systemd-certificates",
            value: "certbot.timer",
            reason:
              "Debian's certbot package renews certificates with its own timer; a drop-in makes it answer through the nginx site's webroot and reload nginx after a renewal",
          },
    ],
  };
}
