import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { PartContext, PartResult, Proposal } from "../types.js";

/** The systemd target: the same services as compose, as units (deploy/systemd/), for one machine. */
export function planSystemd(context: PartContext): PartResult {
  const { detected, model } = context;
  const project = context.projectPackage.replace(/[^a-z0-9-]/gi, "-").toLowerCase();
  const values = {
    project,
    appDir: `/srv/${project}`,
    productionModule: context.settings.production,
    celeryApp: context.projectPackage,
    // The user the proxy runs as (Debian's packages): the only one that may open Gunicorn's socket.
    proxyUser: context.proxy === "caddy" ? "caddy" : "www-data",
    proxyName: context.proxy,
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
    unit("backup.service", "backup.service", "a pg_dump kept 14 days"),
    unit("backup.timer", "backup.timer", "runs the backup daily"),
  ];
  if (detected.tasks.includes("celery")) {
    proposals.push(unit("celery-worker.service", "celery-worker.service", "the Celery worker"));
    if (detected.celeryBeat) proposals.push(unit("celery-beat.service", "celery-beat.service", "one Celery beat"));
  }
  return {
    proposals,
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
            reason: "Debian's certbot package renews certificates with its own timer; the nginx site serves its webroot challenge",
          },
    ],
  };
}
