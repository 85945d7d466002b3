import { gunicornProcesses, gunicornSetting, namesNoApplication } from "../../model/app-server.js";
import { listHas } from "../../model/production.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SRV103",
  slug: "asgi-app-on-wsgi-server",
  area: "server",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "The project needs ASGI (Channels in INSTALLED_APPS, or ASGI_APPLICATION set) but a web process runs a WSGI server: gunicorn with sync/gthread workers, uWSGI or waitress.",
    why: "A WSGI server never speaks WebSocket and never runs the ASGI application: consumers, websocket routes and the Channels layer silently do nothing, and every websocket handshake fails.",
    fix: "Serve the ASGI application: `gunicorn mysite.asgi:application -k uvicorn_worker.UvicornWorker`, `uvicorn mysite.asgi:application` or `daphne mysite.asgi:application`.",
    bad: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["daphne", "channels", "django.contrib.staticfiles"]\nASGI_APPLICATION = "mysite.asgi.application"\n',
      Procfile: "web: gunicorn mysite.wsgi:application\n",
    },
    good: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["daphne", "channels", "django.contrib.staticfiles"]\nASGI_APPLICATION = "mysite.asgi.application"\n',
      Procfile: "web: daphne -b 0.0.0.0 -p $PORT mysite.asgi:application\n",
    },
    references: ["https://channels.readthedocs.io/en/latest/deploying.html"],
  },
  messages: {
    wsgi: "{why}, but {name} serves it with {server}, a WSGI server that cannot speak WebSocket",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const channels = listHas(settings, "INSTALLED_APPS", /^(channels|daphne)(\.|$)/);
    const asgi = settings?.get("ASGI_APPLICATION");
    const why = channels
      ? "Channels is in INSTALLED_APPS"
      : asgi && !asgi.isDefault && asgi.isKnown
        ? "ASGI_APPLICATION is set"
        : undefined;
    if (!why) return;
    const gunicorn = new Map(gunicornProcesses(deployment).map((g) => [g.process, g.step]));
    for (const process of deployment.withRole("web")) {
      const step = process.main;
      if (!step) continue;
      let server: string | undefined;
      if (step.program.kind === "uwsgi" || step.program.kind === "waitress") server = step.program.kind;
      const gStep = gunicorn.get(process);
      if (gStep) {
        if (namesNoApplication(deployment, process, gStep, project)) continue;
        const workerClass = gunicornSetting(deployment, process, gStep, "worker_class", project);
        if (workerClass.value === undefined) continue;
        if (!/uvicorn|asgi/i.test(workerClass.value)) server = `gunicorn (worker class ${workerClass.value})`;
      }
      if (!server) continue;
      const at = settings?.get(channels ? "INSTALLED_APPS" : "ASGI_APPLICATION");
      report(
        "wsgi",
        { file: step.file, line: step.line },
        { why, name: process.name, server },
        at?.file ? { related: [{ file: at.file, line: at.line ?? 1, message: why }] } : {},
      );
    }
  },
});
