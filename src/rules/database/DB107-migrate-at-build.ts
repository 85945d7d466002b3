import { buildRuns, managementCommandText } from "../../model/images.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "DB107",
  slug: "migrate-at-build",
  area: "database",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A Dockerfile runs `manage.py migrate` in a RUN instruction, at image build time.",
    why: "At build time the production database is not there: the step either fails, or migrates a SQLite file that gets baked into the image (and replaced by every new image, data included).",
    fix: "Remove the RUN step and migrate at release time: an entrypoint step, a Kubernetes Job, a compose one-shot service or a release command.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nRUN python manage.py migrate\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
      Procfile: "release: python manage.py migrate\n",
    },
    references: ["https://docs.docker.com/build/building/best-practices/"],
  },
  messages: {
    build: "`{command}` runs at image build time, where the production database is not reachable",
  },
  check({ project, report }) {
    const { artifacts } = project;
    for (const run of buildRuns(artifacts.dockerfiles(), managementCommandText("migrate"))) {
      report("build", { file: run.file, line: run.line }, { command: run.text.trim().slice(0, 80) });
    }
  },
});
