import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { PartContext, PartResult } from "../types.js";

/** The nginx site: HTTP to HTTPS, TLS at Mozilla's intermediate profile, media, proxy headers. */
export function planNginx(context: PartContext): PartResult {
  const compose = context.targets.includes("compose");
  const content = template("nginx/site.conf", {
    project: context.projectPackage,
    domain: context.domain,
    compose,
    upstream: compose ? "web:8000" : "unix:/run/gunicorn.sock",
  });
  return {
    proposals: [
      {
        path: inProject(context.model.project.root, "deploy/nginx/site.conf"),
        content,
        ownership: "generated",
        part: "nginx",
        reason: `the site for ${context.domain}: HTTPS only, TLS 1.2+, X-Forwarded-Proto for Django, media from the volume`,
      },
    ],
  };
}
