import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import { systemdName } from "../systemd/plan.js";
import type { PartContext, PartResult } from "../types.js";

/** The nginx site: HTTP to HTTPS, TLS at Mozilla's intermediate profile, media, proxy headers. */
export function planNginx(context: PartContext): PartResult {
  const project = systemdName(context);
  const site = (compose: boolean, path: string) => ({
    path: inProject(context.model.project.root, path),
    content: template("nginx/site.conf", {
      project: context.projectPackage,
      domain: context.domain,
      compose,
      websockets: context.detected.channels,
      upstream: compose ? "web:8000" : `unix:/run/${project}/gunicorn.sock:`,
      mediaRoot: compose ? "/srv/media/" : `/srv/${project}/media/`,
    }),
    ownership: "generated" as const,
    part: "nginx" as const,
    reason: `the site for ${context.domain}${compose ? "" : " (systemd: Gunicorn's socket)"}: HTTPS only, TLS 1.2+, X-Forwarded-Proto for Django, media`,
  });
  const proposals = [];
  if (context.targets.includes("compose")) proposals.push(site(true, "deploy/nginx/site.conf"));
  if (context.targets.includes("systemd"))
    proposals.push(site(false, context.targets.includes("compose") ? "deploy/nginx/site-systemd.conf" : "deploy/nginx/site.conf"));
  return {
    proposals,
    choices: [
      {
        id: "proxy",
        value: "nginx",
        reason:
          "nginx terminates TLS with Let's Encrypt certificates from certbot (--proxy caddy: Caddy, with automatic HTTPS, is the alternative)",
      },
    ],
  };
}
