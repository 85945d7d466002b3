import { defineRule } from "../define.js";
import { missingCiStep } from "./helpers.js";

export default defineRule({
  code: "CI102",
  slug: "ci-deploy-check-missing",
  area: "cicd",
  severity: "info",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "No CI job runs `manage.py check --deploy` with the production settings.",
    why: "Django's deployment checks are the cheapest guard against a production setting drifting back to an insecure value (DEBUG, cookies, HSTS, SSL redirect); run in CI with --fail-level WARNING they stop the deploy instead of leaving it to a review.",
    fix: "Add a CI step that runs `DJANGO_SETTINGS_MODULE=<production module> python manage.py check --deploy --fail-level WARNING` with throwaway values for the required variables.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml":
        "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n      - run: python manage.py check --deploy --fail-level WARNING\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/django-admin/#cmdoption-check-deploy"],
  },
  messages: {
    none: "No CI job runs `manage.py check --deploy` ({files})",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const missing = missingCiStep(artifacts, "check-deploy");
    if (missing) report("none", missing.place, { files: missing.files });
  },
});
