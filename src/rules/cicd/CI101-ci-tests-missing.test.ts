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
