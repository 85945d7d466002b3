import type { DockerfileModel, DockerStage } from "../../artifacts/dockerfile/parse.js";
import { splitImageReference } from "../../model/image-reference.js";
import { parentStage } from "../../model/images.js";
import { defineRule } from "../define.js";

/** `${NAME}`, `${NAME:-default}` and `$NAME` replaced by the default of a global ARG. */
function substitute(text: string, model: DockerfileModel): string | undefined {
  let unresolved = false;
  const result = text.replace(
    /\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g,
    (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? "";
      const arg = model.globalArgs.flatMap((a) => a.variables ?? []).find((v) => v.name === name);
      const value = arg?.value ?? fallback;
      if (value === undefined || value === null) unresolved = true;
      return value ?? "";
    },
  );
  return unresolved ? undefined : result;
}

/**
 * Why a tag floats, or undefined when it names a version precisely enough: a digest pins exactly;
 * python:3.12-slim moves with patch releases only, which is what most teams want, so it passes;
 * no tag, latest, a distribution name or a major version alone (3, 3-slim) does not.
 */
function floating(image: string, tag: string | null, digest: string | null): string | undefined {
  if (digest) return undefined;
  // Debian and Ubuntu tag their images by release (debian:bookworm-slim): the tag moves with point
  // releases and security updates only, as python:3.12-slim does. https://hub.docker.com/_/debian
  if (/^(docker\.io\/)?(library\/)?(debian|ubuntu)$/.test(image) && tag !== null && DISTRIBUTION_RELEASE.test(tag)) return undefined;
  if (tag === null) return "has no tag, so it is :latest";
  if (tag === "latest") return "is :latest";
  if (!/\d/.test(tag)) return `:${tag} names no version`;
  if (/^v?\d+(?:-[a-z][\w.-]*)?$/i.test(tag)) return `:${tag} names a major version only`;
  return undefined;
}

const DISTRIBUTION_RELEASE = /^(buster|bullseye|bookworm|trixie|forky|focal|jammy|noble|oracular|plucky)(-slim|-backports|-\d{8})?$/;

function reference(stage: DockerStage, model: DockerfileModel): { image: string; tag: string | null; digest: string | null } | undefined {
  const raw = `${stage.image ?? ""}${stage.tag ? `:${stage.tag}` : ""}${stage.digest ? `@${stage.digest}` : ""}`;
  if (!raw.includes("$")) return stage.image ? { image: stage.image, tag: stage.tag, digest: stage.digest } : undefined;
  const resolved = substitute(raw, model);
  return resolved ? splitImageReference(resolved) : undefined;
}

export default defineRule({
  code: "CI109",
  slug: "docker-base-unpinned",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A Dockerfile builds FROM an image without a tag, with :latest, or with a tag that moves across major versions (python:3, python:slim).",
    why: "The same Dockerfile then builds a different image tomorrow: a new Python or Debian release arrives unannounced, breaks a wheel or changes behaviour, and a rollback rebuilds something that never ran before.",
    fix: "Pin the base image to an exact version (python:3.12.12-slim-bookworm), or to a digest (python:3.12-slim@sha256:…), and update it deliberately (Dependabot or Renovate can do it).",
    bad: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:latest\nUSER 10001\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12.12-slim-bookworm\nUSER 10001\n" },
    references: ["https://docs.docker.com/build/building/best-practices/#from", "https://docs.docker.com/reference/dockerfile/#from"],
  },
  messages: {
    floating: "FROM {image}: the base image {why}, so every build may start from a different one",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // Images a compose file of the repository builds (`image: baserow_backend:latest` beside
    // `build:`): a Dockerfile FROM one of them starts from this repository's own build.
    const builtHere = new Set(
      artifacts
        .compose()
        .flatMap((file) => file.services)
        .filter((service) => service.build && service.image)
        .map((service) => splitImageReference(service.image?.value ?? "").image),
    );
    for (const dockerfile of artifacts.dockerfiles()) {
      for (const stage of dockerfile.stages) {
        if (!stage.image || parentStage(dockerfile, stage) || stage.image === "scratch") continue;
        const ref = reference(stage, dockerfile);
        if (!ref || builtHere.has(ref.image)) continue;
        const why = floating(ref.image, ref.tag, ref.digest);
        if (why)
          report("floating", { file: dockerfile.path, line: stage.line }, { image: `${ref.image}${ref.tag ? `:${ref.tag}` : ""}`, why });
      }
    }
  },
});
