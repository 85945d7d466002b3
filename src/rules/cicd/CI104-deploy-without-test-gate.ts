import { type CiJob, type CiPipeline, jobActions, upstreamJobs } from "../../artifacts/ci/parse.js";
import { defineRule } from "../define.js";

function runsTests(job: CiJob, pipelines: readonly CiPipeline[]): boolean {
  return jobActions(job, pipelines).some((a) => a.kind === "test");
}

/**
 * Whether a pipeline started by `workflow_run` follows a workflow that tests, and the job checks
 * that run's conclusion: `completed` fires on failure too.
 */
function gatedByWorkflowRun(pipeline: CiPipeline, job: CiJob, pipelines: readonly CiPipeline[]): boolean {
  const trigger = pipeline.triggers.find((t) => t.kind === "workflow-run");
  if (!trigger) return false;
  const conditions = [job.condition, ...upstreamJobs(pipeline, job).map((j) => j.condition)].join(" ");
  if (!/workflow_run\.conclusion\s*==\s*['"]success['"]/.test(conditions)) return false;
  const followed = new Set(trigger.workflows ?? []);
  return pipelines.some((p) => p !== pipeline && p.name !== null && followed.has(p.name) && p.jobs.some((j) => runsTests(j, pipelines)));
}

export default defineRule({
  code: "CI104",
  slug: "deploy-without-test-gate",
  area: "cicd",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A CI job deploys (ssh, rsync, kubectl, helm, fly, heroku, terraform, ansible...) or pushes an image without depending on a job that runs the tests.",
    why: "Jobs run in parallel unless they `need` each other: the deploy goes out while the tests are still running, or whether they fail or not. A commit that breaks the test suite reaches production as fast as one that does not.",
    fix: "Make the deploy job depend on the test job (GitHub `needs: test`, GitLab a later stage or `needs`, Jenkins a later stage), or run the tests in the same job before deploying.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml":
        "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ssh deploy@app.example.com ./release.sh\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".github/workflows/ci.yml":
        "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: python manage.py test\n  deploy:\n    needs: test\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ssh deploy@app.example.com ./release.sh\n",
    },
    references: [
      "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds",
      "https://docs.gitlab.com/ci/yaml/#needs",
    ],
  },
  messages: {
    deploy: "Job '{job}' deploys ({tool}) without waiting for a job that runs the tests{trigger}",
    push: "Job '{job}' pushes an image ({tool}) without waiting for a job that runs the tests{trigger}",
  },
  check({ artifacts, report }) {
    const pipelines = artifacts.ci();
    for (const pipeline of pipelines) {
      for (const job of pipeline.jobs) {
        const actions = jobActions(job, pipelines);
        const ships = actions.find((a) => a.kind === "deploy") ?? actions.find((a) => a.kind === "push-image");
        if (!ships) continue;
        // Tests earlier in the same job stop it before the deploy step when they fail.
        if (actions.some((a) => a.kind === "test" && a.line < ships.line)) continue;
        if (upstreamJobs(pipeline, job).some((j) => runsTests(j, pipelines))) continue;
        if (gatedByWorkflowRun(pipeline, job, pipelines)) continue;
        const push = pipeline.triggers.find((t) => t.kind === "push" || t.kind === "tag");
        const trigger =
          pipeline.provider !== "github-actions" || !push
            ? ""
            : push.kind === "tag"
              ? ": every tag is deployed, tested or not"
              : `: every push to ${push.branches?.join(", ") ?? "any branch"} is deployed, tested or not`;
        report(
          ships.kind === "deploy" ? "deploy" : "push",
          { file: pipeline.path, line: ships.line },
          { job: job.name, tool: ships.tool, trigger },
          {
            related: [{ file: pipeline.path, line: job.line, message: `job '${job.name}'` }],
          },
        );
      }
    }
  },
});
