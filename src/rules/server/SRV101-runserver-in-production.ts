import { defineRule } from "../define.js";

export default defineRule({
  code: "SRV101",
  slug: "runserver-in-production",
  area: "server",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A production entry point (Dockerfile CMD, compose command, Kubernetes container, Procfile, systemd or supervisor) runs `manage.py runserver`.",
    why: "runserver is a development server: Django's docs say it has not gone through security audits or performance tests. It serves one request per thread with no worker management, reloads code and serves static files only in DEBUG.",
    fix: "Run a production server instead: `gunicorn mysite.wsgi` (or uvicorn/daphne for ASGI) behind a reverse proxy.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: python manage.py runserver 0.0.0.0:$PORT\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: gunicorn mysite.wsgi --workers 3\n" },
    references: ["https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver"],
  },
  messages: {
    runserver: "{name} ({platform}) runs `{command}`: the development server in production",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const { step, processes } of deployment.steps()) {
      if (step.program.kind !== "manage" || !/^runserver/.test(step.program.command)) continue;
      const first = processes[0];
      if (!first) continue;
      report(
        "runserver",
        { file: step.file, line: step.line },
        { name: processes.map((p) => p.name).join(", "), platform: first.platform, command: step.argv.join(" ") },
        {
          related: processes
            .filter((p) => p.file !== step.file || p.line !== step.line)
            .map((p) => ({ file: p.file, line: p.line, message: `${p.name} runs it` })),
        },
      );
    }
  },
});
