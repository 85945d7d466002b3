import { describe, gunicornProcesses, gunicornSetting } from "../../model/app-server.js";
import { defineRule } from "../define.js";
import { oncePerPlace, processNames } from "../grouping.js";

export default defineRule({
  code: "SRV104",
  slug: "gunicorn-single-worker",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "gunicorn runs with one sync worker: no --workers, no `workers` in gunicorn.conf.py and no WEB_CONCURRENCY, or an explicit 1.",
    why: "gunicorn's default is a single worker, so one slow request (a report, an upstream API call) blocks every other visitor, and a worker restart takes the site down for its duration.",
    fix: "Set the worker count: `--workers 3` or `workers = 2 * cores + 1` in gunicorn.conf.py (or WEB_CONCURRENCY), or use threads (--threads 4).",
    bad: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n' },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi", "--workers", "3"]\n',
    },
    references: ["https://docs.gunicorn.org/en/stable/design.html#how-many-workers"],
  },
  messages: {
    single: "{name} {runs} gunicorn with {workers} worker and {threads} thread ({source}): one slow request blocks the site",
    singleUnlessEnv: "{name} {runs} gunicorn with 1 worker unless WEB_CONCURRENCY is set: one slow request blocks the site",
  },
  check({ project, report }) {
    const { deployment } = project;
    const hits: { name: string; unlessEnv: boolean; workers: ReturnType<typeof gunicornSetting> }[] = [];
    for (const { process, step } of gunicornProcesses(deployment)) {
      const workers = gunicornSetting(deployment, process, step, "workers", project);
      // Heroku and Dokku set WEB_CONCURRENCY from the dyno size: only an exact environment can tell there.
      const unlessEnv =
        workers.value === undefined && workers.env.length === 1 && workers.env[0] === "WEB_CONCURRENCY" && process.platform !== "procfile";
      if (!unlessEnv && (workers.value === undefined || Number(workers.value) !== 1)) continue;
      const threads = gunicornSetting(deployment, process, step, "threads", project);
      const workerClass = gunicornSetting(deployment, process, step, "worker_class", project);
      // Threads or an async worker class handle concurrency inside the one process.
      if (threads.value === undefined || Number(threads.value) > 1) continue;
      if (workerClass.value === undefined || /gevent|eventlet|uvicorn|tornado|asyncio/i.test(workerClass.value)) continue;
      hits.push({ name: process.name, unlessEnv, workers });
    }
    for (const group of oncePerPlace(
      hits,
      (h) => h.workers,
      (h) => String(h.unlessEnv),
    )) {
      const { unlessEnv, workers } = group[0] as (typeof hits)[number];
      report(
        unlessEnv ? "singleUnlessEnv" : "single",
        { file: workers.file, line: workers.line },
        { ...processNames(group.map((h) => h.name)), workers: 1, threads: 1, source: describe(workers) },
        { env: workers.env },
      );
    }
  },
});
