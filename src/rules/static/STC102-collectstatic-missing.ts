import { buildRuns, managementCommandText } from "../../model/images.js";
import { deployPathMentions, listHas } from "../../model/production.js";
import { staticServers } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

const COLLECTSTATIC = managementCommandText("collectstatic");

export default defineRule({
  code: "STC102",
  slug: "collectstatic-missing",
  area: "static",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts", "files"],
  doc: {
    what: "The project builds an image or deploys itself, but nothing runs `manage.py collectstatic`: no Dockerfile RUN, entrypoint, release step, deploy script or CI step.",
    why: "Without collectstatic, STATIC_ROOT stays empty: the admin and every app's CSS and JavaScript answer 404 (or WhiteNoise's manifest is missing and pages fail to render).",
    fix: "Run `python manage.py collectstatic --noinput` in the Dockerfile after copying the code (or in the release step).",
    bad: {
      "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "/app/staticfiles"\n',
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    good: {
      "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "/app/staticfiles"\n',
      Dockerfile:
        'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python manage.py collectstatic --noinput\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/howto/static-files/deployment/"],
  },
  messages: {
    missing: "nothing in the build or deploy path runs collectstatic ({name} starts the app here)",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    if (listHas(settings, "INSTALLED_APPS", "django.contrib.staticfiles") !== true) return;
    const web = deployment.withRole("web").find((p) => p.platform !== "procfile");
    // The Heroku Python buildpack runs collectstatic itself for Procfile-only apps.
    if (!web) return;
    // Files served from remote storage may be collected by another pipeline; only say so when they are local.
    if (staticServers(settings, deployment, series).remote) return;
    const inBuild = buildRuns(deployment.dockerfiles, COLLECTSTATIC).length > 0;
    const inSteps = deployment.steps().some(({ step }) => step.program.kind === "manage" && step.program.command === "collectstatic");
    if (inBuild || inSteps || deployPathMentions(artifacts, COLLECTSTATIC).length > 0) return;
    report("missing", { file: web.file, line: web.line }, { name: web.name });
  },
});
