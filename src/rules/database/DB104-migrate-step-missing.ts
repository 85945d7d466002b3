import { buildRuns, managementCommandText } from "../../model/images.js";
import { deployPathMentions } from "../../model/production.js";
import { defineRule } from "../define.js";

const MIGRATE_TEXT = managementCommandText("migrate");

export default defineRule({
  code: "DB104",
  slug: "migrate-step-missing",
  area: "database",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "Nothing in the deploy path runs `manage.py migrate`: no release or migrate process, no Job, no entrypoint or deploy script and no CI step (a Dockerfile RUN at build time does not count).",
    why: "New code that expects a column the database does not have fails with errors on every request that touches it, until someone remembers to migrate by hand.",
    fix: "Run migrations once per release, before the new code takes traffic: a Procfile `release:` line, a Kubernetes Job or Helm hook, a compose one-shot service, or a deploy-script step.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Procfile: "web: gunicorn mysite.wsgi\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Procfile: "release: python manage.py migrate --noinput\nweb: gunicorn mysite.wsgi\n" },
    references: ["https://docs.djangoproject.com/en/stable/howto/deployment/checklist/"],
  },
  messages: {
    missing: "no step of the deploy path runs `manage.py migrate` ({name} starts the app here)",
    buildOnly: "migrations run only at image build time ({file}:{line}), where the production database is not reachable",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const web = deployment.withRole("web")[0] ?? deployment.production[0];
    if (!web) return;
    const inSteps = deployment.steps().some(({ step }) => step.program.kind === "manage" && step.program.command === "migrate");
    if (inSteps || deployPathMentions(artifacts, MIGRATE_TEXT).length > 0) return;
    // uWSGI runs commands of its own at start: `hook-pre-app = exec:./manage.py migrate`,
    // `exec-asap = python manage.py migrate` (https://uwsgi-docs.readthedocs.io/en/latest/Hooks.html).
    const inUwsgiHook = deployment.production.some((process) =>
      process.steps.some((step) =>
        deployment.uwsgiIniOf(process, step)?.lines.some((l) => /^\s*(hook|exec)-[\w-]+\s*=/.test(l) && MIGRATE_TEXT.test(l)),
      ),
    );
    if (inUwsgiHook) return;
    const atBuild = buildRuns(deployment.dockerfiles, MIGRATE_TEXT)[0];
    if (atBuild) report("buildOnly", atBuild, { file: atBuild.file, line: atBuild.line });
    // An image alone does not say how it is released: the platform may run migrate itself.
    else
      report(
        "missing",
        { file: web.file, line: web.line },
        { name: web.name },
        deployment.production.every((p) => p.platform === "dockerfile") ? { severity: "info" } : {},
      );
  },
});
