import { posix } from "node:path";
import { classifyShell, parseMakefile } from "../artifacts/ci/commands.js";
import { contextCopies, type DockerfileModel } from "../artifacts/dockerfile/parse.js";
import { finalChain } from "../artifacts/dockerfile/stages.js";
import type { Artifacts } from "./artifacts.js";

// Stage chains are read beside the parser, so discovery (which cannot import the model) reads the same ones.
export { finalChain, parentStage } from "../artifacts/dockerfile/stages.js";

/** The build context's folder for a Dockerfile when nothing says otherwise: where it is, as `docker build .` beside it assumes. */
export function contextOf(dockerfile: string): string {
  const dir = posix.dirname(dockerfile);
  return dir === "." ? "" : dir;
}

function folder(path: string): string {
  const normalized = posix.normalize(path).replace(/\/+$/, "");
  return normalized === "." ? "" : normalized.replace(/^\.\//, "");
}

/**
 * The build contexts a Dockerfile is built with, as the repository declares them: compose
 * `build.context` (+ `dockerfile`), a CI step's `context:`/`file:` (docker/build-push-action) or
 * `docker build -f <file> <path>`. Without any, the Dockerfile's own folder.
 */
export function buildContextsOf(artifacts: Artifacts, dockerfile: string): string[] {
  const contexts = new Set<string>();
  for (const compose of artifacts.compose()) {
    for (const service of compose.services) {
      if (!service.build || /:\/\/|^git@/.test(service.build.context)) continue;
      const context = folder(posix.join(posix.dirname(compose.path), service.build.context));
      const file = folder(posix.join(context || ".", service.build.dockerfile ?? "Dockerfile"));
      if (file === dockerfile) contexts.add(context);
    }
  }
  for (const pipeline of artifacts.ci())
    for (const job of pipeline.jobs)
      for (const step of job.steps)
        for (const action of step.actions) {
          if (action.kind !== "build-image" || action.context === undefined) continue;
          const file = action.dockerfile ?? folder(posix.join(action.context || ".", "Dockerfile"));
          if (file === dockerfile) contexts.add(action.context);
        }
  // `docker build -f docker/app/Dockerfile .` in a Makefile target or a repository script (kuma's
  // build-kuma), run from the folder the Makefile or script is in. A make variable left unexpanded
  // ($(REV)) is read as the shell variable it stands for, not as a command substitution.
  for (const { path, text } of artifacts.namedTexts(/^(GNUmakefile|makefile|Makefile)$|\.sh$/)) {
    const dir = folder(posix.dirname(path));
    const makefile = /\.sh$/.test(path) ? undefined : parseMakefile(text);
    const shell = makefile
      ? [...makefile.rules.values()]
          .flatMap((rule) => rule.recipe.map((line) => makefile.expand(line).replace(/\$\((\w+)\)/g, "$$$1")))
          .join("\n")
      : text;
    for (const action of classifyShell(shell, 1)) {
      if (action.kind !== "build-image" || action.context === undefined) continue;
      const context = folder(posix.join(dir || ".", action.context || "."));
      const file = action.dockerfile ? folder(posix.join(dir || ".", action.dockerfile)) : folder(posix.join(context || ".", "Dockerfile"));
      if (file === dockerfile) contexts.add(context);
    }
  }
  if (contexts.size > 0) return [...contexts];
  return [inferredContextOf(artifacts, dockerfile)];
}

/**
 * Without a declared build, the Dockerfile's folder, unless the files it COPYs by name are not there
 * but at the repository's root (taiga-back's docker/Dockerfile: COPY requirements.txt ... ./, which
 * only the root holds): then it is built from the root, as `docker build -f docker/Dockerfile .`.
 */
function inferredContextOf(artifacts: Artifacts, dockerfile: string): string {
  const beside = contextOf(dockerfile);
  if (beside === "") return beside;
  const model = artifacts.dockerfiles().find((d) => d.path === dockerfile);
  const named = contextCopies(model?.stages ?? [])
    .flatMap((copy) => copy.sources)
    .filter((source) => !/[*?[$]/.test(source) && !copiesWholeContext([source]) && !/^(https?:|git@)/.test(source))
    .map((source) => folder(source));
  if (named.length === 0) return beside;
  const files = new Set(artifacts.files);
  const exists = (path: string) => files.has(path) || artifacts.files.some((f) => f.startsWith(`${path}/`));
  const atRoot = named.every((source) => exists(source));
  const besideIt = named.some((source) => exists(posix.join(beside, source)));
  return atRoot && !besideIt ? "" : beside;
}

/** A path relative to the build context, or undefined when it is outside it. */
export function inContext(context: string, path: string): string | undefined {
  if (context === "") return path;
  return path.startsWith(`${context}/`) ? path.slice(context.length + 1) : undefined;
}

/**
 * The .dockerignore that applies to a Dockerfile built with a context: <Dockerfile>.dockerignore
 * beside the Dockerfile first (BuildKit), else the one at the context's root.
 */
export function dockerignoreFor(artifacts: Artifacts, dockerfile: string, context = contextOf(dockerfile)) {
  const own = `${dockerfile}.dockerignore`;
  const shared = context ? `${context}/.dockerignore` : ".dockerignore";
  const files = artifacts.dockerignores();
  return files.find((f) => f.path === own) ?? files.find((f) => f.path === shared);
}

/** COPY/ADD sources that send the whole build context: ".", "./", "*", "./*". */
export function copiesWholeContext(sources: readonly string[]): boolean {
  return sources.some((source) => /^\.?\/?\*?$/.test(source) || source === "./." || source === ".");
}

/** An image reference without its tag, digest and Docker Hub's implicit registry: `docker.io/library/x:1` is `x`. */
function repositoryOf(image: string): string {
  const name = image.split("@")[0]?.replace(/:[\w.-]+$/, "") ?? image;
  return name
    .toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io)\//, "")
    .replace(/^library\//, "");
}

/**
 * The repository's Dockerfiles that build an image of this name (any tag), as compose (`build:`
 * with `image:`) and CI (docker build -t, build-push-action `tags:`, metadata images) declare it:
 * `FROM mdnwebdocs/kuma_base` is kuma's own docker/images/kuma_base/Dockerfile.
 */
export function dockerfilesBuilding(artifacts: Artifacts, image: string): string[] {
  const wanted = repositoryOf(image);
  const files = new Set<string>();
  for (const compose of artifacts.compose())
    for (const service of compose.services) {
      if (!service.build || !service.image || /:\/\/|^git@/.test(service.build.context)) continue;
      if (repositoryOf(service.image.value) !== wanted) continue;
      const context = folder(posix.join(posix.dirname(compose.path), service.build.context));
      files.add(folder(posix.join(context || ".", service.build.dockerfile ?? "Dockerfile")));
    }
  for (const pipeline of artifacts.ci())
    for (const job of pipeline.jobs)
      for (const step of job.steps)
        for (const action of step.actions) {
          if (action.kind !== "build-image" || action.context === undefined) continue;
          if (!(action.images ?? []).some((i) => repositoryOf(i) === wanted)) continue;
          files.add(action.dockerfile ?? folder(posix.join(action.context || ".", "Dockerfile")));
        }
  return [...files];
}

/** A line that runs Django's management command `command`: `manage.py X`, `django-admin X`, `python -m django X`. */
export function managementCommandText(command: string): RegExp {
  return new RegExp(`(manage\\.py|django-admin|-m django)\\s+${command}\\b`);
}

/** The RUN instructions of the Dockerfiles whose text matches `pattern`: what the image build runs. */
export function buildRuns(dockerfiles: readonly DockerfileModel[], pattern: RegExp): { file: string; line: number; text: string }[] {
  return dockerfiles.flatMap((d) =>
    d.stages.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === "RUN" && pattern.test(i.text)).map((i) => ({ file: d.path, line: i.line, text: i.text })),
    ),
  );
}

/** Whether a USER value is root; undefined when it is a variable. */
export function isRootUser(user: string): boolean | undefined {
  const name = user.split(":")[0]?.trim() ?? "";
  if (name.startsWith("$")) return undefined;
  return name === "root" || name === "0";
}

/** The last USER of the image a Dockerfile builds (its final stage and the stages it is built FROM). */
export function lastUserOf(dockerfile: DockerfileModel): { value: string; line: number } | undefined {
  for (const stage of finalChain(dockerfile)) {
    const last = stage.instructions.filter((i) => i.keyword === "USER").pop();
    if (last) return { value: (last.args ?? []).join(" ") || last.text.trim(), line: last.line };
  }
  return undefined;
}

/**
 * Whether the image runs its processes under supervisord with a `user=` on every program: the image
 * COPYs a supervisor config of the repository whose programs all name a user other than root, and
 * supervisord is started by the image's command or by a script copied with that config (baserow's
 * all-in-one image: supervisor/start.sh execs supervisord, each program has user=%(ENV_DOCKER_USER)s).
 * http://supervisord.org/configuration.html#program-x-section-values
 */
export function supervisedAsUsers(artifacts: Artifacts, dockerfile: DockerfileModel, command: string): boolean {
  const sources = contextCopies(finalChain(dockerfile))
    .flatMap((copy) => copy.sources)
    .map((source) => source.replace(/^\.\//, "").replace(/\/+$/, ""))
    .filter((source) => source !== "" && source !== ".");
  // A path of the repository the image copies: the source itself, or under it, from the root or from a context folder.
  const copied = (path: string) =>
    sources.some((s) => path === s || path.startsWith(`${s}/`) || path.endsWith(`/${s}`) || path.includes(`/${s}/`));
  const configs = artifacts.supervisor().filter((config) => copied(config.path) && config.programs.length > 0);
  if (configs.length === 0) return false;
  const asUsers = configs.every((config) =>
    config.programs.every(
      (program) => program.user !== undefined && program.user.value.trim() !== "" && isRootUser(program.user.value) !== true,
    ),
  );
  if (!asUsers) return false;
  if (/\bsupervisord\b/.test(command)) return true;
  const folders = new Set(configs.map((config) => posix.dirname(config.path)));
  return artifacts
    .namedTexts(/\.sh$/)
    .some(({ path, text }) => folders.has(posix.dirname(path)) && copied(path) && /^[^#\n]*\bsupervisord\b/m.test(text));
}

/**
 * Whether the repository itself builds the base image `image` and every Dockerfile that builds it
 * ends as a user other than root (kuma's FROM mdnwebdocs/kuma_base, doccano's FROM
 * doccano/doccano:nightly): an image built FROM it keeps that user.
 */
export function builtBaseRunsAsNonRoot(artifacts: Artifacts, dockerfile: DockerfileModel, image: string): boolean {
  const builders = dockerfilesBuilding(artifacts, image)
    .filter((path) => path !== dockerfile.path)
    .map((path) => artifacts.dockerfiles().find((d) => d.path === path));
  return (
    builders.length > 0 &&
    builders.every((builder) => {
      const user = builder ? lastUserOf(builder) : undefined;
      return user !== undefined && isRootUser(user.value) === false;
    })
  );
}
