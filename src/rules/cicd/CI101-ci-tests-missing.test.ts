import { ruleTester } from "../tester.js";
import rule from "./CI101-ci-tests-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const workflow = (run: string) => `on: [push]\njobs:\n  ci:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ${run}\n`;
const t = ruleTester(rule);

t.fires(
  "a deploy-only workflow",
  { files: { ...SETTINGS, ".github/workflows/deploy.yml": workflow("pip install pytest && ./deploy.sh") } },
  { file: ".github/workflows/deploy.yml", line: 3, messageId: "none" },
);
t.fires(
  "GitLab without tests",
  { files: { ...SETTINGS, ".gitlab-ci.yml": "build:\n  script:\n    - docker build -t app .\n" } },
  { file: ".gitlab-ci.yml" },
);
t.quiet("manage.py test", { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("python manage.py test --parallel") } });
t.quiet("pytest through uv", { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("uv run pytest -q") } });
t.quiet("tox", { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("tox -e py312") } });
t.quiet("coverage with a multi-line block", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      "on: [push]\njobs:\n  ci:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          pip install -r requirements.txt\n          coverage run manage.py test\n",
  },
});
t.quiet("inside docker compose", {
  files: { ...SETTINGS, ".gitlab-ci.yml": "test:\n  script:\n    - docker compose run --rm web python -m pytest\n" },
});
t.quiet("a Jenkins stage", {
  files: {
    ...SETTINGS,
    Jenkinsfile:
      "pipeline {\n  stages {\n    stage('Test') {\n      steps {\n        sh '''\n          make test\n        '''\n      }\n    }\n  }\n}\n",
  },
});
t.quiet("no CI at all (CI100's business)", { files: SETTINGS });

// Seeing through what a step runs.
t.quiet("a matrix of commands", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "on: [push]\njobs:\n  ci:\n    strategy:\n      matrix:\n        command: [ruff check ., pytest -q]\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ${{ matrix.command }}\n",
  },
});
t.quiet("an expression as the interpreter", {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
  files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("${{ steps.setup.outputs.python-path }} -m pytest") },
});
t.quiet("a script the job runs inside compose", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": workflow("docker compose run --rm web ./run_tests.sh"),
    "run_tests.sh": "#!/bin/sh\nset -e\ncd src && python manage.py test\n",
  },
});
t.quiet("a Makefile target that runs the tests under another name", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": workflow("make ci"),
    Makefile: "MANAGE = python manage.py\n.PHONY: ci\nci: lint unit\nlint:\n\truff check .\nunit:\n\t$(MANAGE) test\n",
  },
});
t.fires(
  "a Makefile target named check that only lints",
  {
    files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("make check"), Makefile: "check:\n\truff check .\n\tmypy .\n" },
  },
  { file: ".github/workflows/ci.yml" },
);
t.quiet("CircleCI", {
  files: {
    ...SETTINGS,
    ".circleci/config.yml":
      "version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.12\n    steps:\n      - checkout\n      - run:\n          name: Tests\n          command: |\n            pip install -r requirements.txt\n            pytest\nworkflows:\n  main:\n    jobs:\n      - test\n",
  },
});
t.fires(
  "CircleCI without tests",
  {
    files: {
      ...SETTINGS,
      ".circleci/config.yml":
        "version: 2.1\njobs:\n  lint:\n    docker:\n      - image: cimg/python:3.12\n    steps:\n      - checkout\n      - run: ruff check .\nworkflows:\n  main:\n    jobs:\n      - lint\n",
    },
  },
  { file: ".circleci/config.yml", line: 3 },
);
t.quiet("Heroku CI's test script in app.json", {
  files: {
    ...SETTINGS,
    ".github/workflows/lint.yml": workflow("ruff check ."),
    "app.json":
      '{\n  "name": "shop",\n  "environments": {\n    "test": {\n      "scripts": { "test": "python manage.py test" }\n    }\n  }\n}\n',
  },
});
t.fires(
  "points at the workflow that deploys, not the first file",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/a-lint.yml": workflow("ruff check ."),
      ".github/workflows/deploy.yml":
        "on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo build\n  ship:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: flyctl deploy\n",
    },
  },
  { file: ".github/workflows/deploy.yml", line: 9 },
);

// Task runners inside wrappers, and targets named for the tests when the Makefile is not at hand.
t.quiet("make coveragetest inside docker-compose run (kuma)", {
  files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("docker-compose run -T testing make coveragetest") },
});
t.quiet("taskipy's task test through poetry run (doccano)", {
  files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("poetry run task test") },
});
t.quiet("make test_coverage", { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("make test_coverage") } });
t.fires(
  "a target whose name only contains the letters (make latest)",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("make latest") } },
  { file: ".github/workflows/ci.yml" },
);
t.fires(
  "inside compose, the Makefile's recipe decides: a test-named target that only lints",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/ci.yml": workflow("docker compose run --rm web make coveragetest"),
      Makefile: "coveragetest:\n\truff check .\n",
    },
  },
  { file: ".github/workflows/ci.yml" },
);
