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
