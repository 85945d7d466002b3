import {
  type CiAction,
  type CiJob,
  type CiPipeline,
  calledPipeline,
  isReusableOnly,
  jobActions,
  upstreamJobs,
} from "../../artifacts/ci/parse.js";
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

/** Environments that are thrown away with the pull request: a deploy there reaches no user. */
const PREVIEW_ENVIRONMENT = /preview|review|^pr[-_ #]?\d|pull[-_ ]?request|ephemeral|\$\{\{\s*github\.event\.(number|pull_request)/i;

/**
 * The first deploy or image push of a job that nothing before it tests: not tests earlier in the
 * job, not a job it waits for, not a tested workflow it follows. A job that calls a reusable
 * workflow ships what the callee ships unless the callee tests first; it is then placed at the
 * caller's `uses:` line.
 */
function ungatedShip(
  pipeline: CiPipeline,
  job: CiJob,
  pipelines: readonly CiPipeline[],
  depth = 0,
): { action: CiAction; job: CiJob } | undefined {
  if (job.environment && PREVIEW_ENVIRONMENT.test(job.environment)) return undefined;
  const own = job.steps.flatMap((step) => step.actions);
  let ships: { action: CiAction; job: CiJob } | undefined;
  const found = own.find((a) => a.kind === "deploy") ?? own.find((a) => a.kind === "push-image");
  if (found) ships = { action: found, job };
  const callee = depth < 3 ? calledPipeline(job, pipelines) : undefined;
  if (!ships && callee) {
    for (const inner of callee.jobs) {
      const shipped = ungatedShip(callee, inner, pipelines, depth + 1);
      if (shipped) {
        ships = { action: { ...shipped.action, line: job.callsLine ?? job.line }, job: shipped.job };
        break;
      }
    }
  }
  if (!ships) return undefined;
  const line = ships.action.line;
  // Tests earlier in the same job stop it before the deploy step when they fail.
  if (own.some((a) => a.kind === "test" && a.line < line)) return undefined;
  if (upstreamJobs(pipeline, job).some((j) => runsTests(j, pipelines))) return undefined;
  if (gatedByWorkflowRun(pipeline, job, pipelines)) return undefined;
  return ships;
}

/** An image name as registries compare it: no tag or digest, Docker Hub's implicit prefixes removed. */
function imageKey(image: string): string {
  return image
    .toLowerCase()
    .replace(/@.*$/, "")
    .replace(/:[^/:]*$/, "")
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "")
    .replace(/^library\//, "");
}

/**
 * Whether production pulls an image the step pushes: yes when the repository's compose,
 * Kubernetes or Helm files name it; unknown (undefined) when either side is not written out.
 */
function pushedToProduction(action: CiAction, production: { names: Set<string>; unknown: boolean }): boolean | undefined {
  const pushed = (action.images ?? []).filter((i) => i && !/\$\{\{|^\$|GHA_EXPRESSION/.test(i));
  if (pushed.length === 0 || production.unknown || production.names.size === 0) return undefined;
  const wanted = new Set([...production.names].map(imageKey));
  return pushed.some((image) => wanted.has(imageKey(image)));
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
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const pipelines = artifacts.ci();
    const production = deployment.productionImages();
    for (const pipeline of pipelines) {
      // A reusable workflow is reported where it is called, once a caller.
      if (isReusableOnly(pipeline)) continue;
      // A workflow that runs only for pull requests deploys previews, never production.
      if (pipeline.triggers.length > 0 && pipeline.triggers.every((t) => t.kind === "pull-request")) continue;
      // A workflow named for previews ("Feature Preview") deploys throwaway environments.
      if (pipeline.name && PREVIEW_ENVIRONMENT.test(pipeline.name)) continue;
      for (const job of pipeline.jobs) {
        const shipped = ungatedShip(pipeline, job, pipelines);
        if (!shipped) continue;
        const ships = shipped.action;
        const pulled = ships.kind === "push-image" ? pushedToProduction(ships, production) : true;
        // An image no production file pulls is a build artifact, not a release.
        if (pulled === false) continue;
        const push = pipeline.triggers.find((t) => t.kind === "push" || t.kind === "tag");
        const trigger =
          pipeline.provider !== "github-actions" || !push
            ? ""
            : push.kind === "tag"
              ? ": every tag is deployed, tested or not"
              : `: every push to ${push.branches?.join(", ") ?? "any branch"} is deployed, tested or not`;
        const name = shipped.job === job ? job.name : `${job.name}' → '${shipped.job.name}`;
        report(
          ships.kind === "deploy" ? "deploy" : "push",
          { file: pipeline.path, line: ships.line },
          { job: name, tool: ships.tool, trigger },
          {
            related: [{ file: pipeline.path, line: job.line, message: `job '${job.name}'` }],
            // Whether production runs the pushed image is not written in the repository.
            ...(pulled === undefined && ships.kind === "push-image" ? { severity: "warning" as const } : {}),
          },
        );
      }
    }
  },
});
