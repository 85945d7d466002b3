import { ruleTester } from "../tester.js";
import rule from "./CI103-ci-migrations-check-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const workflow = (run: string) => `on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ${run}\n`;
const t = ruleTester(rule);

t.fires(
  "only tests",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("pytest") } },
  { file: ".github/workflows/ci.yml", line: 3 },
);
t.fires(
  "a dry run without --check does not fail",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("python manage.py makemigrations --dry-run") } },
  {},
);
t.quiet("makemigrations --check", {
  files: { ...SETTINGS, ".github/workflows/ci.yml": workflow("python manage.py makemigrations --check --dry-run") },
});
t.fires(
  "points at the job that runs the tests",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/a-lint.yml": "on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ruff check .\n",
      ".github/workflows/tests.yml":
        "on: [pull_request]\njobs:\n  setup:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hi\n  unit:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
    },
  },
  { file: ".github/workflows/tests.yml", line: 7 },
);
t.quiet("in a script the job runs", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": workflow("bash scripts/ci.sh"),
    "scripts/ci.sh":
      '#!/bin/bash\nset -euo pipefail\nif [ -z "$SKIP" ]; then python manage.py makemigrations --check --dry-run; fi\npytest\n',
  },
});
t.quiet("in a Makefile target", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": workflow("make test"),
    Makefile: "test: migrations\n\tpytest\nmigrations:\n\t@python manage.py makemigrations --check --dry-run\n",
  },
});
