import { type Dockerfile, DockerfileParser, type Instruction } from "dockerfile-ast";

export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, ENV... */
  readonly keyword: string;
  readonly line: number;
  /** The arguments as written, continuation lines joined. */
  readonly text: string;
  /** For RUN, CMD and ENTRYPOINT: the exec-form words, or the shell-form text as one word. */
  readonly command?: { form: "exec" | "shell"; words: string[] };
  /** For ENV and ARG: the variables it sets. */
  readonly variables?: { name: string; value: string | null; line: number }[];
  /** Flags such as --from=build or --chown=app. */
  readonly flags?: Record<string, string | null>;
  /** Arguments without flags, for COPY, ADD, USER, WORKDIR, EXPOSE, VOLUME. */
  readonly args?: string[];
}

export interface DockerStage {
  readonly name: string | null;
  readonly image: string | null;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly line: number;
  readonly instructions: readonly DockerInstruction[];
}

export interface DockerfileModel {
  readonly path: string;
  readonly stages: readonly DockerStage[];
  /** ARG lines before the first FROM. */
  readonly globalArgs: readonly DockerInstruction[];
  readonly problems: readonly { line: number; message: string }[];
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function readInstruction(instruction: Instruction): DockerInstruction {
  const keyword = instruction.getKeyword().toUpperCase();
  const line = lineOf(instruction);
  const text = (instruction.getArgumentsContent() ?? "").replace(/\\\r?\n/g, " ");
  const base = { keyword, line, text };
  if (keyword === "RUN" || keyword === "CMD" || keyword === "ENTRYPOINT") {
    const trimmed = text.trim();
    if (trimmed.startsWith("[")) {
      try {
        const words = JSON.parse(trimmed) as unknown;
        if (Array.isArray(words) && words.every((w) => typeof w === "string")) {
          return { ...base, command: { form: "exec", words } };
        }
      } catch {
        // Docker runs an invalid JSON array in shell form.
      }
    }
    const withoutFlags = keyword === "RUN" ? trimmed.replace(/^(--\S+\s+)+/, "") : trimmed;
    return { ...base, command: { form: "shell", words: [withoutFlags] } };
  }
  if (keyword === "ENV" || keyword === "ARG") {
    const properties =
      (
        instruction as unknown as {
          getProperties(): { getName(): string; getValue(): string | null; getRange(): { start: { line: number } } }[];
        }
      ).getProperties?.() ?? [];
    return {
      ...base,
      variables: properties.map((p) => ({ name: p.getName(), value: p.getValue(), line: p.getRange().start.line + 1 })),
    };
  }
  const words = instruction.getArguments().map((a) => a.getValue());
  const flags: Record<string, string | null> = {};
  // getArguments() leaves out flags such as --from=build: dockerfile-ast returns them separately.
  const flagNodes = (instruction as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  for (const flag of flagNodes) flags[flag.getName()] = flag.getValue();
  const args: string[] = [];
  for (const word of words) {
    const flag = /^--([\w-]+)(?:=(.*))?$/.exec(word);
    if (flag && args.length === 0) flags[flag[1] as string] = flag[2] ?? null;
    else args.push(word);
  }
  return { ...base, flags, args };
}

/** Recently parsed Dockerfiles (discovery and the rules read the same ones), bounded. */
const recent = new Map<string, { text: string; parsed: DockerfileModel }>();

/** Parses a Dockerfile into stages and instructions with their lines. Never throws. */
export function parseDockerfile(path: string, text: string): DockerfileModel {
  const cached = recent.get(path);
  if (cached && cached.text === text) return cached.parsed;
  const parsed = parseDockerfileUncached(path, text);
  if (recent.size >= 128) recent.delete(recent.keys().next().value as string);
  recent.set(path, { text, parsed });
  return parsed;
}

function parseDockerfileUncached(path: string, text: string): DockerfileModel {
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } catch (error) {
    return { path, stages: [], globalArgs: [], problems: [{ line: 1, message: error instanceof Error ? error.message : "unparsable" }] };
  }
  const stages: DockerStage[] = [];
  const globalArgs: DockerInstruction[] = [];
  let current: { stage: Omit<DockerStage, "instructions">; instructions: DockerInstruction[] } | undefined;
  const problems: { line: number; message: string }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === "FROM") {
      if (current) stages.push({ ...current.stage, instructions: current.instructions });
      const from = instruction as unknown as {
        getImageName(): string | null;
        getImageTag(): string | null;
        getImageDigest(): string | null;
        getBuildStage(): string | null;
        getRegistry(): string | null;
      };
      const registry = from.getRegistry();
      const name = from.getImageName();
      current = {
        stage: {
          name: from.getBuildStage(),
          image: name === null ? null : registry ? `${registry}/${name}` : name,
          tag: from.getImageTag(),
          digest: from.getImageDigest(),
          line: lineOf(instruction),
        },
        instructions: [],
      };
      continue;
    }
    const parsed = readInstruction(instruction);
    if (!current) {
      if (keyword === "ARG") globalArgs.push(parsed);
      else problems.push({ line: parsed.line, message: `${keyword} before the first FROM` });
      continue;
    }
    current.instructions.push(parsed);
  }
  if (current) stages.push({ ...current.stage, instructions: current.instructions });
  if (stages.length === 0 && text.trim()) problems.push({ line: 1, message: "no FROM instruction" });
  return { path, stages, globalArgs, problems };
}

/** The stage that becomes the image: the last one (or the --target a build names). */
export function finalStage(model: DockerfileModel): DockerStage | undefined {
  return model.stages[model.stages.length - 1];
}

/** Package managers of base images and their install subcommands. */
const INSTALLERS: Record<string, readonly string[]> = {
  "apt-get": ["install"],
  apt: ["install"],
  aptitude: ["install"],
  apk: ["add"],
  yum: ["install"],
  dnf: ["install"],
  microdnf: ["install"],
  zypper: ["install", "in"],
};

/**
 * The OS packages a RUN instruction installs (`apt-get install -y --no-install-recommends libpq5
 * gosu`, `apk add --no-cache postgresql-client`), version pins removed; pip and other commands of
 * the same RUN are not packages of the image's OS.
 */
export function installedPackages(instruction: DockerInstruction): string[] {
  if (instruction.keyword !== "RUN") return [];
  const packages: string[] = [];
  // A RUN line is a shell command line: split it at &&, ;, | without running anything.
  for (const part of instruction.text.split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    const start = words.findIndex((w) => (w.split("/").pop() ?? "") in INSTALLERS);
    if (start < 0) continue;
    const installer = words[start]?.split("/").pop() as string;
    const sub = words.slice(start + 1).findIndex((w) => !w.startsWith("-"));
    if (sub < 0 || !INSTALLERS[installer]?.includes(words[start + 1 + sub] as string)) continue;
    for (const word of words.slice(start + 2 + sub)) {
      if (word.startsWith("-") || word.startsWith("$") || word === "\\") continue;
      packages.push(word.replace(/[=<>].*$/, "").replace(/^["']|["']$/g, ""));
    }
  }
  return packages.filter(Boolean);
}

/** A COPY/ADD from the build context: where it lands in the image and what it takes from the context. */
export interface ImageCopy {
  /** The absolute path in the image: the file itself, or the folder the source goes into. */
  readonly target: string;
  /** The source relative to the build context, without a leading `./` or trailing `/`. */
  readonly source: string;
  /** The destination names a folder (`/opt/bin/`): a file source lands at target/basename. */
  readonly intoFolder: boolean;
}

/**
 * What the Dockerfile copies from its build context (`COPY ./compose/production/django/start /start`,
 * `COPY tools/ /opt/bin/`): single-source COPY/ADD without --from, globs and URLs left out. Whether a
 * source is a file or a folder is the caller's to tell from the tree: Docker copies a folder's
 * contents into the destination (https://docs.docker.com/reference/dockerfile/#copy).
 */
export function copiedFiles(model: DockerfileModel): ImageCopy[] {
  const copies: ImageCopy[] = [];
  for (const stage of model.stages) {
    let workdir = "/";
    for (const instruction of stage.instructions) {
      if (instruction.keyword === "WORKDIR" && instruction.args?.[0]) workdir = joinImagePath(workdir, instruction.args[0]);
      if ((instruction.keyword !== "COPY" && instruction.keyword !== "ADD") || instruction.flags?.from) continue;
      const args = instruction.args ?? [];
      if (args.length !== 2) continue;
      const [source, target] = args as [string, string];
      if (/[*?]|:\/\//.test(source) || source === "." || source === "./") continue;
      copies.push({
        target: joinImagePath(workdir, target),
        source: source.replace(/^\.\//, "").replace(/\/+$/, ""),
        intoFolder: target.endsWith("/") || target === ".",
      });
    }
  }
  return copies;
}

function joinImagePath(base: string, path: string): string {
  const parts = (path.startsWith("/") ? path : `${base}/${path}`).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

/**
 * The COPY and ADD instructions of these stages that take files from the build context (not
 * `--from` another stage or image), each with its sources.
 */
export function contextCopies(stages: readonly DockerStage[]): { instruction: DockerInstruction; sources: string[] }[] {
  return stages
    .flatMap((stage) => stage.instructions)
    .filter((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !i.flags?.from)
    .map((instruction) => ({ instruction, sources: copyArgs(instruction.args).sources }));
}

/** The sources and the destination of a COPY or ADD (exec form ["a", "b"] or shell form). */
export function copyArgs(args: readonly string[] | undefined): { sources: string[]; destination: string | undefined } {
  let words = [...(args ?? [])];
  const joined = words.join(" ").trim();
  if (joined.startsWith("[")) {
    try {
      const parsed = JSON.parse(joined) as unknown;
      if (Array.isArray(parsed)) words = parsed.map(String);
    } catch {
      // shell form after all
    }
  }
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}
