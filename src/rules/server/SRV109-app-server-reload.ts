import { defineRule } from "../define.js";
import { processNames } from "../grouping.js";

export default defineRule({
  code: "SRV109",
  slug: "app-server-reload",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A production app server runs with --reload (gunicorn, uvicorn, hypercorn, granian).",
    why: "Reload mode watches the source tree and restarts on every change: it costs CPU, uvicorn runs a single process with it, and a file written at run time restarts workers mid-request.",
    fix: "Drop --reload from production commands; deploy new code by restarting the service.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: uvicorn mysite.asgi:application --reload --workers 4\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: uvicorn mysite.asgi:application --workers 4\n" },
    references: ["https://www.uvicorn.org/settings/#development"],
  },
  messages: {
    reload: "{name} {runs} {server} with --reload in production",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const { step, processes } of deployment.steps()) {
      if (!("options" in step.program) || !step.program.options.values.has("--reload")) continue;
      if (!["gunicorn", "uvicorn", "hypercorn", "granian"].includes(step.program.kind)) continue;
      report("reload", step, { ...processNames(processes.map((p) => p.name)), server: step.program.kind });
    }
  },
});
