import { defineRule } from "../define.js";
import { ciFiles } from "./helpers.js";

export default defineRule({
  code: "CI100",
  slug: "ci-missing",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "The repository has no continuous integration: no GitHub Actions workflow, .gitlab-ci.yml, Jenkinsfile, Bitbucket, Azure or CircleCI pipeline.",
    why: "Without CI nothing runs the tests, the migrations check or `check --deploy` before code reaches production: what is deployed is whatever was on somebody's laptop, tested or not.",
    fix: "Add a pipeline that installs the requirements and runs the tests, `manage.py makemigrations --check` and `manage.py check --deploy` on every push, and deploys only after they pass.",
    bad: { "mysite/settings.py": "DEBUG = False\n" },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml":
        "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n      - run: python manage.py test\n",
    },
    references: ["https://docs.github.com/en/actions/use-cases-and-examples/building-and-testing/building-and-testing-python"],
  },
  messages: {
    none: "No CI configuration: nothing tests the code before it is deployed",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // Heroku CI has no file of its own: app.json's test environment is its configuration.
    if (ciFiles(artifacts).length === 0 && artifacts.ci().length === 0) report("none", { file: null });
  },
});
