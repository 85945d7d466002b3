import { APP_SERVERS } from "../../artifacts/command/parse.js";
import { buildRuns } from "../../model/images.js";
import { defineRule } from "../define.js";

/** Packages that provide a production WSGI/ASGI server. */
const SERVER_PACKAGES = [
  "gunicorn",
  "uvicorn",
  "hypercorn",
  "daphne",
  "granian",
  "uwsgi",
  "pyuwsgi",
  "waitress",
  "mod-wsgi",
  "bjoern",
  "meinheld",
  "nginx-unit",
];

/** An image build step that installs or names an app server (`pip install gunicorn`, `apt-get install uwsgi`). */
const SERVER_IN_BUILD = new RegExp(`\\b(${APP_SERVERS.join("|")})\\b`);

export default defineRule({
  code: "SRV102",
  slug: "app-server-missing",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "No WSGI or ASGI server (gunicorn, uvicorn, hypercorn, daphne, granian, uWSGI, waitress) is among the production dependencies.",
    why: "Django does not serve production traffic by itself: without an app server in the image, the only way to start the site is runserver.",
    fix: "Add gunicorn (WSGI) or uvicorn/daphne (ASGI) to the production requirements and start the app with it.",
    bad: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", "requirements.txt": "Django==5.2\ngunicorn==23.0.0\n" },
    references: ["https://docs.djangoproject.com/en/stable/howto/deployment/"],
  },
  messages: {
    missing: "no WSGI/ASGI server among the dependencies ({file}); production needs gunicorn, uvicorn or similar",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const dependencies = artifacts.dependencies();
    if (dependencies.isEmpty || dependencies.has(...SERVER_PACKAGES)) return;
    // A server installed by the image itself (apt, pip in the Dockerfile) still serves: say nothing then.
    const serverStep = deployment.steps().find(({ step }) => (APP_SERVERS as readonly string[]).includes(step.program.kind));
    if (buildRuns(deployment.dockerfiles, SERVER_IN_BUILD).length > 0) return;
    const first = dependencies.all.find((d) => !d.dev) ?? dependencies.all[0];
    if (!first) return;
    report(
      "missing",
      { file: first.file, line: 1 },
      { file: first.file },
      serverStep
        ? {
            related: [
              {
                file: serverStep.step.file,
                line: serverStep.step.line,
                message: `${serverStep.step.argv[0]} is started here but not installed`,
              },
            ],
          }
        : {},
    );
  },
});
