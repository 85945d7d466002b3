import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import { systemdName } from "../systemd/plan.js";
import type { PartContext, PartResult } from "../types.js";

/**
 * The Caddy site, when the team chose Caddy (--proxy caddy): automatic HTTPS (certificates obtained
 * and renewed by Caddy itself), HTTP to HTTPS, static and media files, the proxy headers Django
 * trusts, /healthz over plain HTTP by IP.
 */
export function planCaddy(context: PartContext): PartResult {
  const project = systemdName(context);
  const site = (compose: boolean, path: string) => ({
    path: inProject(context.model.project.root, path),
    content: template("caddy/Caddyfile", {
      project: context.projectPackage,
      domain: context.domain,
      compose,
      upstream: compose ? "web:8000" : `unix//run/${project}/gunicorn.sock`,
      // compose: the volumes the collectstatic service and web fill; systemd: where the release
      // unit collects (its state directory) and the media folder the web unit writes.
      staticRoot: compose ? "/srv/static" : `/var/lib/${project}/static`,
      mediaRoot: compose ? "/srv/media" : `/srv/${project}/media`,
    }),
    ownership: "generated" as const,
    part: "caddy" as const,
    reason: `the Caddy site for ${context.domain}${compose ? "" : " (systemd: Gunicorn's socket)"}: automatic HTTPS, HTTP to HTTPS, static and media, X-Forwarded-Proto for Django`,
  });
  const proposals = [];
  if (context.targets.includes("compose")) proposals.push(site(true, "deploy/caddy/Caddyfile"));
  if (context.targets.includes("systemd"))
    proposals.push(site(false, context.targets.includes("compose") ? "deploy/caddy/Caddyfile-systemd" : "deploy/caddy/Caddyfile"));
  return {
    proposals,
    choices: [
      {
        id: "proxy",
        value: "caddy",
        reason:
          "--proxy caddy: Caddy obtains and renews the certificate itself (automatic HTTPS), so no certbot; it sets X-Forwarded-Proto, which SECURE_PROXY_SSL_HEADER reads",
      },
    ],
  };
}
