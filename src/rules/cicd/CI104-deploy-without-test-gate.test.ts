import { ruleTester } from "../tester.js";
import rule from "./CI104-deploy-without-test-gate.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

const TWO_JOBS = (needs: string) =>
  `on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo build\n  deploy:\n${needs}    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          echo deploying\n          kubectl apply -k deploy/production\n`;

t.fires(
  "parallel jobs: the deploy does not wait",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": TWO_JOBS("") } },
  {
    file: ".github/workflows/ci.yml",
    line: 19,
    messageId: "deploy",
    message: /'deploy' deploys \(kubectl\).*every push to main is deployed/,
  },
);
t.fires(
  "needs a job that does not test",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": TWO_JOBS("    needs: build\n") } },
  { line: 20, messageId: "deploy" },
);
t.fires(
  "a deploy action on tags, tests in another workflow",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/test.yml": "on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
      ".github/workflows/release.yml":
        "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: akhileshns/heroku-deploy@v3.13.15\n",
    },
  },
  { file: ".github/workflows/release.yml", line: 8, message: /every tag is deployed/ },
);
t.fires(
  "workflow_run without checking the conclusion",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/ci.yml": "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
      ".github/workflows/cd.yml":
        "on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: flyctl deploy --remote-only\n",
    },
  },
  { file: ".github/workflows/cd.yml", line: 9 },
);
t.fires(
  "an image pushed before the tests",
  {
    files: {
      ...SETTINGS,
      ".gitlab-ci.yml":
        "stages: [build, test]\ndocker-image:\n  stage: build\n  script:\n    - docker build -t registry/app .\n    - docker push registry/app\ntest:\n  stage: test\n  script:\n    - pytest\n",
    },
  },
  { file: ".gitlab-ci.yml", line: 6, messageId: "push" },
);
t.fires(
  "a Jenkins deploy stage before the test stage",
  {
    files: {
      ...SETTINGS,
      Jenkinsfile:
        "pipeline {\n  stages {\n    stage('Deploy') {\n      steps {\n        sh 'ansible-playbook -i inventories/production site.yml'\n      }\n    }\n    stage('Test') {\n      steps { sh 'pytest' }\n    }\n  }\n}\n",
    },
  },
  { file: "Jenkinsfile", line: 5 },
);
t.quiet("needs: test", { files: { ...SETTINGS, ".github/workflows/ci.yml": TWO_JOBS("    needs: [build, test]\n") } });
t.quiet("needs a job that needs the tests", {
  files: { ...SETTINGS, ".github/workflows/ci.yml": TWO_JOBS("    needs: build\n").replace("  build:\n", "  build:\n    needs: test\n") },
});
t.quiet("tests first in the same job", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      "on: [push]\njobs:\n  ship:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n      - run: ./scripts/deploy.sh\n",
  },
});
t.quiet("workflow_run that checks the conclusion", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml": "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
    ".github/workflows/cd.yml":
      "on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  deploy:\n    if: github.event.workflow_run.conclusion == 'success'\n    runs-on: ubuntu-24.04\n    steps:\n      - run: flyctl deploy --remote-only\n",
  },
});
t.quiet("a reusable test workflow called first", {
  files: {
    ...SETTINGS,
    ".github/workflows/tests.yml": "on: [workflow_call]\njobs:\n  unit:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n",
    ".github/workflows/ci.yml":
      "on: [push]\njobs:\n  tests:\n    uses: ./.github/workflows/tests.yml\n  deploy:\n    needs: tests\n    runs-on: ubuntu-24.04\n    steps:\n      - run: helm upgrade --install app ./chart\n",
  },
});
t.quiet("GitLab stages in order", {
  files: {
    ...SETTINGS,
    ".gitlab-ci.yml":
      "stages: [test, deploy]\ntest:\n  stage: test\n  script: pytest\nproduction:\n  stage: deploy\n  when: manual\n  script:\n    - ssh deploy@app ./release.sh\n",
  },
});
t.quiet("Jenkins test stage first", {
  files: {
    ...SETTINGS,
    Jenkinsfile:
      "pipeline {\n  stages {\n    stage('Test') { steps { sh 'pytest' } }\n    stage('Deploy') { steps { sh 'kubectl apply -f k8s/' } }\n  }\n}\n",
  },
});

// Reusable workflows: what the callee ships is reported once, at the caller's `uses:` line.
const DEPLOY_WORKFLOW =
  "on:\n  workflow_call:\n    secrets:\n      token:\n        required: true\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n";
t.fires(
  "a reusable deploy workflow called without tests",
  {
    files: {
      ...SETTINGS,
      ".github/workflows/deploy.yml": DEPLOY_WORKFLOW,
      ".github/workflows/main.yml":
        "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n  release:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n",
    },
  },
  { file: ".github/workflows/main.yml", line: 10, message: /'release' → 'deploy' deploys \(flyctl\)/ },
);
t.quiet("a reusable deploy workflow called after the tests", {
  files: {
    ...SETTINGS,
    ".github/workflows/deploy.yml": DEPLOY_WORKFLOW,
    ".github/workflows/main.yml":
      "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n  release:\n    needs: [test]\n    uses: ./.github/workflows/deploy.yml\n",
  },
});
t.quiet("a reusable workflow that tests before it deploys", {
  files: {
    ...SETTINGS,
    ".github/workflows/deploy.yml": DEPLOY_WORKFLOW.replace(
      "  deploy:\n",
      "  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n  deploy:\n    needs: test\n",
    ),
    ".github/workflows/main.yml": "on:\n  push:\n    branches: [main]\njobs:\n  release:\n    uses: ./.github/workflows/deploy.yml\n",
  },
});

// What is not a deploy.
t.quiet("helm install into a kind cluster inside a test workflow", {
  files: {
    ...SETTINGS,
    ".github/workflows/chart.yml":
      "on: [push]\njobs:\n  chart:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - uses: helm/kind-action@v1\n      - run: helm install app ./chart --wait\n      - run: kubectl get pods\n",
  },
});
t.quiet("kubectl against minikube started in the job", {
  files: {
    ...SETTINGS,
    ".gitlab-ci.yml": "e2e:\n  script:\n    - minikube start\n    - kubectl apply -f k8s/\n",
  },
});
t.quiet("deployment statuses and docs sites", {
  files: {
    ...SETTINGS,
    ".github/workflows/docs.yml":
      "on:\n  push:\n    branches: [main]\njobs:\n  docs:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: chrnorm/deployment-action@v2\n      - uses: JamesIves/github-pages-deploy-action@v4\n        with:\n          folder: site\n      - uses: chrnorm/deployment-status@v2\n",
  },
});
t.quiet("a preview environment", {
  files: {
    ...SETTINGS,
    ".github/workflows/preview.yml":
      "on: [push]\njobs:\n  preview:\n    environment: preview\n    runs-on: ubuntu-24.04\n    steps:\n      - run: flyctl deploy --app shop-pr\n",
  },
});
t.quiet("a workflow that runs only for pull requests", {
  files: {
    ...SETTINGS,
    ".github/workflows/review.yml":
      "on: [pull_request]\njobs:\n  review-app:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: flyctl deploy --app shop-review\n",
  },
});

// Images: a push ships when production pulls that image.
const PUSH = (image: string) =>
  `on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: pytest\n  image:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: docker/metadata-action@v5\n        id: meta\n        with:\n          images: ${image}\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: \${{ steps.meta.outputs.tags }}\n`;
const COMPOSE = "services:\n  web:\n    image: ghcr.io/example/shop:latest\n    command: gunicorn mysite.wsgi\n";
t.fires(
  "pushes the image production runs",
  { files: { ...SETTINGS, "compose.yaml": COMPOSE, ".github/workflows/ci.yml": PUSH("ghcr.io/example/shop") } },
  { line: 16, messageId: "push", severity: "error" },
);
t.quiet("pushes an image production does not run", {
  files: { ...SETTINGS, "compose.yaml": COMPOSE, ".github/workflows/ci.yml": PUSH("ghcr.io/example/shop-docs") },
});
t.fires(
  "pushes an image and nothing says who runs it",
  { files: { ...SETTINGS, ".github/workflows/ci.yml": PUSH("ghcr.io/example/shop") } },
  { line: 16, messageId: "push", severity: "warning" },
);
t.quiet("ansible-playbook without an inventory runs on the runner itself (awx's smoke test)", {
  files: {
    ...SETTINGS,
    ".github/workflows/ci.yml":
      "on: [push]\njobs:\n  dev-env:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: ansible-playbook tools/docker-compose/ansible/smoke-test.yml -v\n",
  },
});
t.quiet("a workflow named for feature previews (plane)", {
  files: {
    ...SETTINGS,
    ".github/workflows/feature-deployment.yml":
      "name: Feature Preview\non:\n  workflow_dispatch: {}\njobs:\n  deploy:\n    name: Feature Deploy\n    runs-on: ubuntu-24.04\n    steps:\n      - run: helm upgrade --install feature ./chart --namespace previews\n",
  },
});
t.quiet("an action that uploads a schema, on every push to main", {
  files: {
    ...SETTINGS,
    ".github/workflows/schema.yml":
      "on:\n  push:\n    branches: [main]\njobs:\n  schema:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - uses: example/graphql-schema-deploy@v1\n        with:\n          schema: schema.graphql\n",
  },
});
