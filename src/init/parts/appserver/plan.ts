import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { PartContext, PartResult } from "../types.js";

/** gunicorn.conf.py at the project root: what `gunicorn -c gunicorn.conf.py` and the Dockerfile use. */
export function planAppServer(context: PartContext): PartResult {
  const asgi = context.detected.interface === "asgi";
  const application = `${context.projectPackage}.${asgi ? "asgi" : "wsgi"}:application`;
  return {
    proposals: [
      {
        path: inProject(context.model.project.root, "gunicorn.conf.py"),
        content: template("appserver/gunicorn.conf.py", { project: context.projectPackage, asgi, application }),
        ownership: "generated",
        part: "appserver",
        reason: `Gunicorn${asgi ? " with uvicorn-worker (ASGI)" : ""}: workers from WEB_CONCURRENCY, timeouts below the proxy's, logs to stdout`,
      },
    ],
    environment: [
      { name: "WEB_CONCURRENCY", required: false, secret: false, example: "3", description: "Gunicorn worker processes per container." },
      {
        name: "FORWARDED_ALLOW_IPS",
        required: false,
        secret: false,
        example: "*",
        description: "Addresses whose X-Forwarded-* headers Gunicorn trusts: the proxy's (in compose only the proxy reaches web).",
      },
    ],
    choices: [
      {
        id: "app-server",
        value: asgi ? "gunicorn+uvicorn-worker" : "gunicorn",
        reason: asgi ? "the project serves ASGI (Channels or an ASGI server among its dependencies)" : "the project serves WSGI",
      },
    ],
  };
}
