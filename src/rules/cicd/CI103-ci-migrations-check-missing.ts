import { defineRule } from "../define.js";
import { missingCiStep } from "./helpers.js";

export default defineRule({
  code: "CI103",
  slug: "ci-migrations-check-missing",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "No CI job runs `manage.py makemigrations --check`, so a model change without its migration is not caught.",
    why: "A model changed without a migration passes the tests (the test database is built from the models' migrations as they are, and then differs from the code), deploys, and fails in production with a missing column, or leaves the next developer a migration that mixes two changes.",
    fix: "Add `python manage.py makemigrations --check --dry-run` to the CI test job: it exits non-zero when any app has model changes without a migration.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml":
        "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py makemigrations --check --dry-run\n      - run: python manage.py test\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/django-admin/#cmdoption-makemigrations-check"],
  },
  messages: {
    none: "No CI job runs `manage.py makemigrations --check` ({files})",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const missing = missingCiStep(artifacts, "makemigrations-check");
    if (missing) report("none", missing.place, { files: missing.files });
  },
});
