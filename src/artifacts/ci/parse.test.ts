import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { classifyArgv, classifyShell } from "./commands.js";
import { jobActions, parseGithubWorkflow, parseGitlabCi, parseJenkinsfile, upstreamJobs } from "./parse.js";

const kinds = (argv: string) => classifyArgv(argv.split(" ")).map((a) => a.kind);

describe("classifyArgv", () => {
  test("tests, however they are started", () => {
    for (const command of [
      "python manage.py test",
      "coverage run manage.py test shop",
      "pytest -q",
      "python -m pytest",
      "uv run pytest",
      "poetry run pytest",
      "tox -e py312",
      "nox -s tests",
      "make test",
      "docker compose run --rm web python manage.py test",
      "./runtests.py",
    ])
      assert.deepEqual(kinds(command), ["test"], command);
  });
  test("installing or printing a test runner runs nothing", () => {
    for (const command of ["pip install pytest", "python -m pip install tox", "uv pip install pytest", "echo pytest", "poetry add pytest"])
      assert.deepEqual(kinds(command), [], command);
  });
  test("Django's checks", () => {
    assert.deepEqual(kinds("python manage.py check --deploy --fail-level WARNING"), ["check-deploy"]);
    assert.deepEqual(kinds("python manage.py check"), []);
    assert.deepEqual(kinds("python manage.py makemigrations --check --dry-run"), ["makemigrations-check"]);
    assert.deepEqual(kinds("python manage.py makemigrations --dry-run"), []);
    assert.deepEqual(kinds("django-admin migrate --noinput"), ["migrate"]);
  });
  test("images", () => {
    assert.deepEqual(kinds("docker build -t app ."), ["build-image"]);
    assert.deepEqual(kinds("docker buildx build --push -t app ."), ["build-image", "push-image"]);
    assert.deepEqual(kinds("docker push registry/app:1"), ["push-image"]);
  });
  test("deployments", () => {
    for (const command of [
      "ssh deploy@host ./release.sh",
      "rsync -avz ./ deploy@host:/srv/app",
      "kubectl apply -k deploy/production",
      "kubectl -n prod rollout restart deployment/web",
      "helm upgrade --install app ./chart",
      "flyctl deploy --remote-only",
      "git push heroku main",
      "terraform apply -auto-approve",
      "ansible-playbook -i hosts site.yml",
      "aws ecs update-service --cluster c --service s",
      "gcloud run deploy app --image img",
      "docker stack deploy -c stack.yml app",
    ])
      assert.deepEqual(kinds(command), ["deploy"], command);
    for (const command of ["kubectl get pods", "rsync -a src/ dst/", "terraform plan", "helm lint ./chart", "git push origin main"])
      assert.deepEqual(kinds(command), [], command);
  });
});

describe("classifyShell", () => {
  test("lines of a multi-line block, continuation lines and chained commands", () => {
    const actions = classifyShell("pip install -r requirements.txt\npython manage.py test && \\\n  python manage.py check --deploy\n", 10);
    assert.deepEqual(
      actions.map((a) => [a.kind, a.line]),
      [
        ["test", 11],
        ["check-deploy", 11],
      ],
    );
  });
  test("a repository script is read, and a deploy script counts by its name", () => {
    const read = (path: string) => (path === "scripts/release.sh" ? "#!/bin/sh\nset -e\nhelm upgrade app ./chart\n" : undefined);
    assert.deepEqual(
      classifyShell("./scripts/release.sh prod", 3, read).map((a) => [a.kind, a.tool, a.line]),
      [["deploy", "helm in scripts/release.sh", 3]],
    );
    assert.deepEqual(
      classifyShell("bash deploy/production.sh", 1).map((a) => [a.kind, a.tool]),
      [["deploy", "deploy/production.sh"]],
    );
  });
});

describe("parseGithubWorkflow", () => {
  const workflow = `name: CI
on:
  push:
    branches: [main]
    tags: ["v*"]
  pull_request:
  workflow_dispatch:
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - name: Tests
        run: |
          pip install -r requirements.txt
          pytest
  image:
    needs: test
    steps:
      - uses: docker/build-push-action@v6
        with:
          push: true
  deploy:
    needs: [image]
    if: github.ref == 'refs/heads/main'
    environment:
      name: production
    steps:
      - uses: appleboy/ssh-action@v1.0.3
        with:
          script: |
            cd /srv/app
            python manage.py migrate
`;
  const pipeline = parseGithubWorkflow(".github/workflows/ci.yml", workflow);
  test("triggers", () => {
    assert.deepEqual(
      pipeline.triggers.map((t) => [t.kind, t.branches, t.line]),
      [
        ["push", ["main"], 3],
        ["tag", null, 3],
        ["pull-request", null, 6],
        ["manual", null, 7],
      ],
    );
  });
  test("jobs, needs, conditions and environments", () => {
    assert.deepEqual(
      pipeline.jobs.map((j) => [j.id, j.line, j.needs, j.condition, j.environment]),
      [
        ["test", 9, [], null, null],
        ["image", 17, ["test"], null, null],
        ["deploy", 23, ["image"], "github.ref == 'refs/heads/main'", "production"],
      ],
    );
    const deploy = pipeline.jobs[2];
    assert.ok(deploy);
    assert.deepEqual(
      upstreamJobs(pipeline, deploy).map((j) => j.id),
      ["image", "test"],
    );
  });
  test("what each step does, at its line", () => {
    assert.deepEqual(
      pipeline.jobs.flatMap((j) => jobActions(j, [pipeline]).map((a) => `${j.id}:${a.kind}:${a.line}`)),
      ["test:test:16", "image:build-image:20", "image:push-image:20", "deploy:deploy:29", "deploy:migrate:29"],
    );
  });
  test("invalid YAML gives problems, not an exception", () => {
    const broken = parseGithubWorkflow("w.yml", "jobs: [\n");
    assert.equal(broken.jobs.length, 0);
    assert.ok(broken.problems.length > 0);
  });
});

describe("parseGitlabCi", () => {
  test("stages order jobs; needs, extends, manual rules and default before_script", () => {
    const pipeline = parseGitlabCi(
      ".gitlab-ci.yml",
      `stages: [build, test, deploy]
default:
  before_script:
    - pip install -r requirements.txt
.deploy:
  script:
    - helm upgrade app ./chart
unit:
  stage: test
  script: pytest
lint:
  stage: build
  script: ruff check .
quick:
  stage: deploy
  needs: [lint]
  extends: .deploy
production:
  stage: deploy
  extends: .deploy
  rules:
    - if: $CI_COMMIT_TAG
      when: manual
`,
    );
    const byId = new Map(pipeline.jobs.map((j) => [j.id, j]));
    assert.deepEqual([...byId.keys()], ["unit", "lint", "quick", "production"]);
    assert.deepEqual(byId.get("unit")?.needs, ["lint"]);
    assert.deepEqual(byId.get("quick")?.needs, ["lint"]);
    assert.deepEqual(byId.get("production")?.needs, ["unit", "lint"]);
    assert.equal(byId.get("production")?.manual, true);
    assert.equal(byId.get("production")?.condition, "$CI_COMMIT_TAG");
    assert.deepEqual(
      byId.get("production")?.steps.flatMap((s) => s.actions.map((a) => [a.kind, a.line])),
      [["deploy", 7]],
    );
  });
});

describe("parseJenkinsfile", () => {
  test("stages in order, parallel siblings, sh steps with lines, input and when", () => {
    const pipeline = parseJenkinsfile(
      "Jenkinsfile",
      `pipeline {
  agent any
  stages {
    stage('Checks') {
      parallel {
        stage('Unit') { steps { sh 'pytest' } }
        stage("Lint") { steps { sh "ruff check ." } }
      }
    }
    // stage('Commented') { steps { sh 'kubectl apply -f x' } }
    stage('Deploy') {
      when { branch 'main' }
      input { message 'Ship it?' }
      steps {
        sh """
          docker push registry/app
          kubectl apply -f k8s/
        """
      }
    }
  }
}
`,
    );
    const byId = new Map(pipeline.jobs.map((j) => [j.id, j]));
    assert.deepEqual([...byId.keys()], ["Checks", "Unit", "Lint", "Deploy"]);
    assert.deepEqual(byId.get("Lint")?.needs, ["Checks"]);
    assert.deepEqual(byId.get("Deploy")?.needs, ["Checks", "Unit", "Lint"]);
    assert.equal(byId.get("Deploy")?.manual, true);
    assert.equal(byId.get("Deploy")?.condition, "branch 'main'");
    assert.deepEqual(
      byId.get("Deploy")?.steps.flatMap((s) => s.actions.map((a) => [a.kind, a.line])),
      [
        ["push-image", 16],
        ["deploy", 17],
      ],
    );
    assert.deepEqual(
      byId.get("Unit")?.steps.flatMap((s) => s.actions.map((a) => a.kind)),
      ["test"],
    );
  });
});
