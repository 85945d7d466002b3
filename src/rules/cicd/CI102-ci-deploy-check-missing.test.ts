import { ruleTester } from "../tester.js";
import rule from "./CI102-ci-deploy-check-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "tests but no deploy checks",
  {
    files: {
      ...SETTINGS,
      ".gitlab-ci.yml": "stages: [test]\nunit:\n  stage: test\n  script:\n    - python manage.py check\n    - python manage.py test\n",
    },
  },
  { file: ".gitlab-ci.yml", line: 2, severity: "info" },
);
t.quiet("check --deploy with a fail level", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: DJANGO_SETTINGS_MODULE=mysite.settings python manage.py check --deploy --fail-level WARNING\n",
  },
});
t.quiet("through django-admin in Jenkins", {
  files: { ...SETTINGS, Jenkinsfile: "node {\n  stage('Check') {\n    sh 'django-admin check --deploy'\n  }\n}\n" },
});
t.quiet("through an env expression", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "on: [push]\nenv:\n  MANAGE: python manage.py\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ${{ env.MANAGE }} check --deploy --fail-level WARNING\n",
  },
});
t.quiet("in a script the job runs", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ./ci.sh\n",
    "ci.sh": "#!/bin/sh\nset -e\npython manage.py test\npython manage.py check --deploy --fail-level WARNING\n",
  },
});
t.quiet("in Heroku CI's test script", {
  files: {
    ...SETTINGS,
    ".github/workflows/lint.yml": "on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
    "app.json":
      '{\n  "environments": {\n    "test": {\n      "scripts": { "test": "python manage.py check --deploy --fail-level WARNING && python manage.py test" }\n    }\n  }\n}\n',
  },
});
