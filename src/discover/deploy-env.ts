import { type DockerStage, parseDockerfile } from "../artifacts/dockerfile/parse.js";
import { parseIni } from "../artifacts/ini/parse.js";
import { parseProcfile } from "../artifacts/procfile/parse.js";
import { at, lineOf, mapEntries, parseYaml, scalarText, seqItems, type YamlFile } from "../artifacts/yaml/parse.js";
import type { FileKind } from "./classify.js";

/** Where a deployment file sets an environment variable or passes --settings. */
export interface DeploySetting {
  readonly kind: "dockerfile" | "compose" | "procfile" | "kubernetes" | "systemd" | "supervisor";
  readonly file: string;
  readonly line: number;
  readonly value: string;
}

const SETTINGS_FLAG = /--settings(?:=|\s+)["']?([\w.]+)/;
const INLINE_ASSIGNMENT = /(?:^|\s)DJANGO_SETTINGS_MODULE=["']?([\w.]+)/;

function fromCommand(command: string): string | undefined {
  return SETTINGS_FLAG.exec(command)?.[1] ?? INLINE_ASSIGNMENT.exec(command)?.[1];
}

/** Key/value pairs of a compose or Kubernetes `environment`/`env` node, with lines. */
function environmentPairs(file: YamlFile, node: unknown): { key: string; value: string; line: number }[] {
  const pairs: { key: string; value: string; line: number }[] = [];
  for (const entry of mapEntries(node)) {
    const value = scalarText(entry.value);
    if (value !== undefined) pairs.push({ key: entry.key, value, line: lineOf(file, entry.keyNode) });
  }
  for (const item of seqItems(node)) {
    const text = scalarText(item);
    if (text?.includes("=")) {
      const at = text.indexOf("=");
      pairs.push({ key: text.slice(0, at), value: text.slice(at + 1), line: lineOf(file, item) });
      continue;
    }
    // Kubernetes: - name: X  value: Y
    const name = scalarText(at(item, "name"));
    const value = scalarText(at(item, "value"));
    if (name && value !== undefined) pairs.push({ key: name, value, line: lineOf(file, item) });
  }
  return pairs;
}

function containersOf(document: unknown): unknown[] {
  const specs = [
    at(document, "spec"),
    at(document, "spec", "template", "spec"),
    at(document, "spec", "jobTemplate", "spec", "template", "spec"),
  ];
  return specs.flatMap((spec) => [...seqItems(at(spec, "containers")), ...seqItems(at(spec, "initContainers"))]);
}

/**
 * The stages the built image is made of: the last one and those it builds FROM, in the order
 * their instructions run. A `dev` stage the final image does not start from sets nothing in it.
 */
export function shippedStages(stages: readonly DockerStage[]): DockerStage[] {
  const chain: DockerStage[] = [];
  let stage = stages[stages.length - 1];
  while (stage && !chain.includes(stage)) {
    chain.unshift(stage);
    const parent = stage.image?.toLowerCase();
    stage = stages.find((s) => s !== stage && s.name !== null && s.name.toLowerCase() === parent);
  }
  return chain;
}

/**
 * Every place deployment files choose DJANGO_SETTINGS_MODULE, read with the same parsers the
 * audit uses. `read` returns a file's text, or undefined when it cannot be read.
 */
/** The kinds of file a deployment sets DJANGO_SETTINGS_MODULE in. */
export const DEPLOY_SETTINGS_KINDS: readonly FileKind[] = ["dockerfile", "compose", "procfile", "yaml", "systemd", "supervisor"];

export function findDeploySettings(
  files: readonly { path: string; kind: FileKind }[],
  read: (path: string) => string | undefined,
): DeploySetting[] {
  const found: DeploySetting[] = [];
  for (const { path, kind } of files) {
    if (!DEPLOY_SETTINGS_KINDS.includes(kind)) continue;
    const text = read(path);
    if (text === undefined) continue;
    switch (kind) {
      case "dockerfile": {
        for (const stage of shippedStages(parseDockerfile(path, text).stages)) {
          for (const instruction of stage.instructions) {
            for (const variable of instruction.variables ?? []) {
              if (instruction.keyword === "ENV" && variable.name === "DJANGO_SETTINGS_MODULE" && variable.value) {
                found.push({ kind, file: path, line: variable.line, value: variable.value });
              }
            }
            const command = instruction.command?.words.join(" ");
            const fromFlag =
              command && (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") ? fromCommand(command) : undefined;
            if (fromFlag) found.push({ kind, file: path, line: instruction.line, value: fromFlag });
          }
        }
        break;
      }
      case "compose": {
        const yaml = parseYaml(path, text);
        for (const document of yaml.documents) {
          for (const service of mapEntries(at(document.contents, "services"))) {
            for (const pair of environmentPairs(yaml, at(service.value, "environment"))) {
              if (pair.key === "DJANGO_SETTINGS_MODULE") found.push({ kind, file: path, line: pair.line, value: pair.value });
            }
            const commandNode = at(service.value, "command");
            const command = scalarText(commandNode) ?? seqItems(commandNode).map(scalarText).join(" ");
            const fromFlag = fromCommand(command);
            if (fromFlag) found.push({ kind, file: path, line: lineOf(yaml, commandNode), value: fromFlag });
          }
        }
        break;
      }
      case "yaml": {
        if (!/\bkind\s*:/.test(text)) break;
        const yaml = parseYaml(path, text);
        for (const document of yaml.documents) {
          const contents = document.contents;
          if (scalarText(at(contents, "kind")) === "ConfigMap") {
            for (const entry of mapEntries(at(contents, "data"))) {
              const value = scalarText(entry.value);
              if (entry.key === "DJANGO_SETTINGS_MODULE" && value)
                found.push({ kind: "kubernetes", file: path, line: lineOf(yaml, entry.keyNode), value });
            }
          }
          for (const container of containersOf(contents)) {
            for (const pair of environmentPairs(yaml, at(container, "env"))) {
              if (pair.key === "DJANGO_SETTINGS_MODULE") found.push({ kind: "kubernetes", file: path, line: pair.line, value: pair.value });
            }
          }
        }
        break;
      }
      case "procfile":
        for (const process of parseProcfile(text).processes) {
          const value = fromCommand(process.command);
          if (value) found.push({ kind, file: path, line: process.line, value });
        }
        break;
      case "systemd":
      case "supervisor":
        for (const section of parseIni(text)) {
          for (const entry of section.entries) {
            const key = entry.key.toLowerCase();
            if (key === "environment") {
              const match = /DJANGO_SETTINGS_MODULE=["']?([\w.]+)/.exec(entry.value);
              if (match) found.push({ kind, file: path, line: entry.line, value: match[1] as string });
            } else if (key === "execstart" || key === "command") {
              const value = fromCommand(entry.value);
              if (value) found.push({ kind, file: path, line: entry.line, value });
            }
          }
        }
        break;
      default:
        break;
    }
  }
  return found;
}
