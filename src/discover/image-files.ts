import { posix } from "node:path";
import { parseCommandLine } from "../artifacts/command/parse.js";
import type { DockerInstruction } from "../artifacts/dockerfile/parse.js";
import { copyArgs, parseDockerfile } from "../artifacts/dockerfile/parse.js";
import { finalChain } from "../artifacts/dockerfile/stages.js";

/**
 * A file the image has at a path of the repository's layout that is a copy of another file of the
 * repository: taiga-back's Dockerfile runs `cp docker/config.py settings/config.py` after `COPY .
 * /taiga-back`, and production loads settings.config, which exists only in the image.
 */
export interface ImageFile {
  /** Where the image has it, as a path of the repository (settings/config.py). */
  readonly path: string;
  /** The repository file it is a copy of (docker/config.py). */
  readonly source: string;
  /** The Dockerfile and line that put it there. */
  readonly dockerfile: string;
  readonly line: number;
}

const WHOLE_CONTEXT = /^(\.|\.\/|\.\/\.|\*|\.\/\*)$/;

/**
 * The files a Dockerfile's shipped image holds as copies of other repository files, mapped onto
 * the repository's layout: `COPY . /app` says /app is the build context, so a later `COPY
 * docker/settings.py /app/app/settings_docker.py` or `RUN cp docker/config.py settings/config.py`
 * (relative to WORKDIR /app) gives the image an app/settings_docker.py the repository does not have
 * there. Only plain copies are followed (no globs, variables or `cd`); `has` says whether the
 * repository holds a path, and decides the build context (the Dockerfile's folder or the root).
 */
export function imageFilesOf(path: string, text: string, has: (path: string) => boolean): ImageFile[] {
  const instructions = finalChain(parseDockerfile(path, text))
    .reverse()
    .flatMap((stage) => stage.instructions);
  // The build context is the Dockerfile's folder or, as often (`docker build -f docker/Dockerfile .`),
  // the root: the one whose files COPY and cp name.
  const own = posix.dirname(path);
  const inOwn = placedWith(path, instructions, own, has);
  if (own === ".") return inOwn.files;
  const inRoot = placedWith(path, instructions, ".", has);
  return inRoot.found > inOwn.found ? inRoot.files : inOwn.files;
}

/** The files placed with a given build context, and how many sources COPY and cp named that exist there. */
function placedWith(
  path: string,
  instructions: readonly DockerInstruction[],
  context: string,
  has: (path: string) => boolean,
): { files: ImageFile[]; found: number } {
  let workdir = "/";
  let found = 0;
  /** Image folders that are the build context's root (`COPY . /app`), latest last. */
  const mounts: string[] = [];
  const placed: { image: string; source: string; line: number }[] = [];
  const toRepo = (image: string): string | undefined => {
    for (const mount of [...mounts].reverse()) {
      if (image === mount) return context;
      if (image.startsWith(`${mount}/`)) return posix.normalize(posix.join(context, image.slice(mount.length + 1)));
    }
    return undefined;
  };
  for (const instruction of instructions) {
    if (instruction.keyword === "WORKDIR" && instruction.args?.[0]) {
      workdir = posix.resolve(workdir, instruction.args[0]);
    } else if (instruction.keyword === "COPY" || instruction.keyword === "ADD") {
      if (instruction.flags?.from) continue;
      const { sources, destination: target } = copyArgs(instruction.args);
      if (!target || sources.length === 0) continue;
      const destination = posix.resolve(workdir, target);
      if (sources.some((s) => WHOLE_CONTEXT.test(s))) {
        mounts.push(destination);
        continue;
      }
      found += sources.filter((s) => has(posix.normalize(posix.join(context, s)))).length;
      const [only] = sources;
      if (sources.length !== 1 || !only || /[*?[$]/.test(only)) continue;
      const source = posix.normalize(posix.join(context, only));
      if (!has(source)) continue;
      const intoFolder = target.endsWith("/") || target === ".";
      placed.push({ image: intoFolder ? posix.join(destination, posix.basename(only)) : destination, source, line: instruction.line });
    } else if (instruction.keyword === "RUN" && instruction.command) {
      const line = parseCommandLine(instruction.command.words.join(" "));
      for (const command of line.commands) {
        const [program, ...rest] = command.argv;
        if (program !== "cp" && program !== "mv" && program !== "install") continue;
        const operands = rest.filter((word) => !word.startsWith("-"));
        if (operands.length !== 2 || operands.some((word) => /[*?[$]/.test(word))) continue;
        const from = toRepo(posix.resolve(workdir, operands[0] as string));
        if (!from || !has(from)) continue;
        found++;
        const target = posix.resolve(workdir, operands[1] as string);
        const intoFolder = (operands[1] as string).endsWith("/");
        placed.push({ image: intoFolder ? posix.join(target, posix.basename(from)) : target, source: from, line: instruction.line });
      }
    }
  }
  const files: ImageFile[] = [];
  for (const { image, source, line } of placed) {
    const target = toRepo(image);
    if (target && target !== source && !target.startsWith("../")) files.push({ path: target, source, dockerfile: path, line });
  }
  return { files, found };
}
