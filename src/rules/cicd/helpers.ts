import { type CiActionKind, type CiPipeline, firstJobDoing, pipelinesDo } from "../../artifacts/ci/parse.js";
import type { Artifacts } from "../../model/artifacts.js";
import type { Place } from "../define.js";

/** CI configuration files of any provider, parsed or not. */
export function ciFiles(artifacts: Artifacts): string[] {
  return artifacts.workspace.filesOfKind("github-actions", "gitlab-ci", "jenkinsfile", "ci-other").map((f) => f.path);
}

/**
 * Where a missing CI step belongs: beside the first job that does `near` (the tests, for the checks
 * that run with them; the deploy or the image build, for the tests that should gate it), else the
 * first job of the first pipeline that runs on pushes or pull requests, else the first job.
 */
export function ciStepHome(pipelines: readonly CiPipeline[], near: readonly CiActionKind[]): Place {
  for (const kind of near) {
    const found = firstJobDoing(pipelines, kind);
    if (found) return { file: found.pipeline.path, line: found.job.line };
  }
  const onChanges = pipelines.find((p) => p.jobs.length > 0 && p.triggers.some((t) => t.kind === "push" || t.kind === "pull-request"));
  const home = onChanges ?? pipelines.find((p) => p.jobs.length > 0) ?? pipelines[0];
  return { file: home?.path ?? null, line: home?.jobs[0]?.line ?? 1 };
}

/**
 * For rules about a step CI never runs: when there is CI and no pipeline does `action`, where to
 * point (see {@link ciStepHome}: the job that runs the tests, else the one that deploys) and the
 * pipelines' files for the message.
 */
export function missingCiStep(artifacts: Artifacts, action: CiActionKind): { place: Place; files: string } | undefined {
  const pipelines = artifacts.ci();
  if (pipelines.length === 0 || pipelinesDo(pipelines, action)) return undefined;
  return { place: ciStepHome(pipelines, ["test", "deploy", "push-image", "build-image"]), files: pipelines.map((p) => p.path).join(", ") };
}
