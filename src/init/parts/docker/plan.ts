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

/** The multi-stage Dockerfile and its .dockerignore, at the project root. */
export function planDocker(context: PartContext): PartResult {
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
  };
  return {
    proposals: [
      {
        path: inProject(root, "Dockerfile"),
        content: template("docker/Dockerfile", values),
        ownership: "generated",
        part: "docker",
        reason: `multi-stage image on python:${values.pythonImage}, non-root, collectstatic at build without secrets, HEALTHCHECK on /healthz`,
      },
      {
        path: inProject(root, ".dockerignore"),
        content: template("docker/dockerignore", {}),
        ownership: "generated",
        part: "docker",
        reason: "keeps .git, .env files, local databases and media out of the image",
      },
    ],
    choices: [
      {
        id: "python-image",
        value: `python:${values.pythonImage}`,
        reason: `Python ${detected.pythonVersion} from ${detected.pythonVersionSource}; pinned to an exact release`,
      },
    ],
  };
}
