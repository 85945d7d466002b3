import { pipelinesDo } from "../../artifacts/ci/parse.js";
import { defineRule } from "../define.js";
import { ciStepHome } from "./helpers.js";

export default defineRule({
  code: "CI101",
  slug: "ci-tests-missing",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "CI pipelines exist but no job runs the tests (manage.py test, pytest, tox, nox, make test).",
    why: "A pipeline that builds and deploys without testing gives the comfort of automation with none of the safety: every regression is shipped, faster.",
    fix: "Add a job that runs the test suite (python manage.py test or pytest) against a real database service, and make the build and deploy jobs depend on it.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml": "on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ruff check .\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/testing/overview/#running-tests"],
  },
  messages: {
    none: "No CI job runs the tests ({files})",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const pipelines = artifacts.ci();
    if (pipelines.length === 0 || pipelinesDo(pipelines, "test")) return;
    // The tests belong before what ships: beside the deploy or the image build, else with the other checks.
    const place = ciStepHome(pipelines, ["deploy", "push-image", "build-image", "check-deploy", "makemigrations-check"]);
    report("none", place, { files: pipelines.map((p) => p.path).join(", ") });
  },
});
