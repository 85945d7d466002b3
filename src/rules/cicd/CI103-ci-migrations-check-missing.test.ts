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
