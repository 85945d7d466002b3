import { describe, gunicornProcesses, gunicornSetting } from "../../model/app-server.js";
import { defineRule } from "../define.js";
import { oncePerPlace, processNames } from "../grouping.js";

/** Above this many seconds a request is a job for a task queue, not a worker timeout. */
const HUGE_TIMEOUT = 300;

export default defineRule({
  code: "SRV105",
  slug: "gunicorn-timeout-unbounded",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: `gunicorn's worker timeout is disabled (0) or longer than ${HUGE_TIMEOUT} seconds.`,
    why: "The timeout is what kills a worker stuck on a hung upstream or an endless query; without it, stuck workers pile up until no worker answers and the site is down. Long work belongs in a task queue.",
    fix: "Keep gunicorn's timeout short (the default 30 seconds, or what your slowest page needs) and move long work to Celery or another task queue.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: gunicorn mysite.wsgi --workers 3 --timeout 0\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: gunicorn mysite.wsgi --workers 3 --timeout 30\n" },
    references: ["https://docs.gunicorn.org/en/stable/settings.html#timeout"],
  },
  messages: {
    disabled: "{name} {runs} gunicorn with the worker timeout disabled ({source}): a stuck request holds its worker forever",
    huge: "{name} {runs} gunicorn with a {seconds}-second worker timeout ({source}): stuck workers pile up before any is killed",
  },
  check({ project, report }) {
    const { deployment } = project;
    const hits: { name: string; seconds: number; timeout: ReturnType<typeof gunicornSetting> }[] = [];
    for (const { process, step } of gunicornProcesses(deployment)) {
      const timeout = gunicornSetting(deployment, process, step, "timeout", project);
      const seconds = timeout.value === undefined ? Number.NaN : Number(timeout.value);
      if (Number.isNaN(seconds) || (seconds !== 0 && seconds <= HUGE_TIMEOUT)) continue;
      hits.push({ name: process.name, seconds, timeout });
    }
    for (const group of oncePerPlace(
      hits,
      (h) => h.timeout,
      (h) => String(h.seconds),
    )) {
      const { seconds, timeout } = group[0] as (typeof hits)[number];
      const names = processNames(group.map((h) => h.name));
      if (seconds === 0) report("disabled", timeout, { ...names, source: describe(timeout) }, { env: timeout.env });
      else report("huge", timeout, { ...names, seconds, source: describe(timeout) }, { env: timeout.env });
    }
  },
});
