import { posix } from "node:path";
import { inProject } from "../../detect.js";
import { template } from "../../templates.js";
import type { PartContext, PartResult } from "../types.js";

/**
 * The exact Python image each series is pinned to (CI109: a base image that moves is a different
 * build tomorrow). Bumped deliberately with djship releases; Dependabot or Renovate can take over.
 */
export const PYTHON_IMAGES: Record<string, string> = {
  "3.10": "3.10.19-slim-bookworm",
  "3.11": "3.11.14-slim-bookworm",
  "3.12": "3.12.12-slim-bookworm",
  "3.13": "3.13.9-slim-bookworm",
  "3.14": "3.14.0-slim-bookworm",
};

/**
 * Where init's image is defined: `Dockerfile`, unless the project has a Dockerfile of its own
 * (one init did not write), which stays the team's; init's goes beside it as
 * `Dockerfile.production`, and its ignore file as `Dockerfile.production.dockerignore`, which
 * BuildKit reads for that Dockerfile instead of the team's .dockerignore
 * (https://docs.docker.com/build/concepts/context/#filename-and-location).
 */
export function dockerfileNames(context: PartContext): { dockerfile: string; ignore: string; teams: boolean } {
  const at = (name: string) => inProject(context.model.project.root, name);
  const teams = context.read(at("Dockerfile")) !== undefined && !context.generatedByInit.has(at("Dockerfile"));
  return teams
    ? { dockerfile: "Dockerfile.production", ignore: "Dockerfile.production.dockerignore", teams }
    : { dockerfile: "Dockerfile", ignore: ".dockerignore", teams };
}

/** The multi-stage Dockerfile and its .dockerignore, at the project root. */
export function planDocker(context: PartContext): PartResult {
  const names = dockerfileNames(context);
  const { detected, model } = context;
  const root = model.project.root;
  const python = PYTHON_IMAGES[detected.pythonVersion] ? detected.pythonVersion : "3.12";
  const manager = detected.packageManager;
  const dependencyFile = detected.dependencyFile ? posix.relative(root === "." ? "" : root, detected.dependencyFile) : "requirements.txt";
  // A requirements file that includes others (-r base.txt) needs them in the build stage too.
  const dependencyFiles = dependencyFile.includes("/") ? `${posix.dirname(dependencyFile)}/` : dependencyFile;
  const values = {
    project: context.projectPackage,
    pythonImage: PYTHON_IMAGES[python] as string,
    productionModule: context.settings.production,
    requirements: manager === "requirements" || manager === "pdm",
    uv: manager === "uv",
    poetry: manager === "poetry",
    pipenv: manager === "pipenv",
    dependencyFiles: dependencyFiles.endsWith("/") ? `${dependencyFiles} ./${dependencyFiles}` : dependencyFiles,
    requirementsFile: dependencyFile,
    objectStorage: context.detected.objectStorage,
  };
  return {
    proposals: [
      {
        path: inProject(root, names.dockerfile),
        content: template("docker/Dockerfile", values),
        ownership: "generated",
        part: "docker",
        reason: `multi-stage image on python:${values.pythonImage}, non-root, collectstatic at build without secrets, HEALTHCHECK on /healthz${names.teams ? "; beside the project's own Dockerfile, which stays as it is" : ""}`,
      },
      {
        path: inProject(root, names.ignore),
        content: template("docker/dockerignore", {}),
        ownership: "generated",
        part: "docker",
        reason: `keeps .git, .env files, local databases and media out of the image${names.teams ? ` (read for ${names.dockerfile} only; the team's .dockerignore stays)` : ""}`,
      },
    ],
    choices: [
      ...(names.teams
        ? [
            {
              id: "dockerfile",
              value: names.dockerfile,
              reason: "the project has a Dockerfile of its own: init leaves it alone and writes the production image beside it",
            },
          ]
        : []),
      {
        id: "python-image",
        value: `python:${values.pythonImage}`,
        reason: `Python ${detected.pythonVersion} from ${detected.pythonVersionSource}; pinned to an exact release`,
      },
    ],
  };
}
