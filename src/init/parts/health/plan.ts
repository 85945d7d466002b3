import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { PartContext, PartResult } from "../types.js";

/** /healthz as the first middleware: answered before ALLOWED_HOSTS and the HTTPS redirect. */
export function planHealth(context: PartContext): PartResult {
  const dir = inProject(context.model.project.root, context.projectPackage.split(".").join("/"));
  return {
    proposals: [
      {
        path: `${dir}/healthz.py`,
        content: template("health/healthz.py", {}),
        ownership: "generated",
        part: "health",
        reason: "GET /healthz: 200 when the database and cache answer; probes by IP over HTTP still get it",
      },
    ],
  };
}
