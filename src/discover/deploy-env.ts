import { parseCommandLine } from "../artifacts/command/parse.js";
import { parseDockerfile } from "../artifacts/dockerfile/parse.js";
import { finalChain } from "../artifacts/dockerfile/stages.js";
import { parseIni } from "../artifacts/ini/parse.js";
import { parseProcfile } from "../artifacts/procfile/parse.js";
import { parseSupervisor, splitSupervisorEnvironment } from "../artifacts/supervisor/parse.js";
import { parseSystemdUnit } from "../artifacts/systemd/parse.js";
import { at, lineOf, mapEntries, parseYaml, scalarText, seqItems, type YamlFile } from "../artifacts/yaml/parse.js";
import type { FileKind } from "./classify.js";

/** Where a deployment file sets an environment variable or passes --settings. */
export interface DeploySetting {
  readonly kind: "dockerfile" | "compose" | "procfile" | "kubernetes" | "systemd" | "supervisor";
  readonly file: string;
  readonly line: number;
  readonly value: string;
}

/** A dotted module name as written: a value with a variable in it (`$SETTINGS`) names nothing yet. */
const MODULE = /^[\w.]+$/;
const ASSIGNMENT = "DJANGO_SETTINGS_MODULE=";

/**
 * The settings module a command line names, read with the command-line parser the deployment model
 * uses (quotes, `sh -c`, `exec`, `env` unwrapped): `--settings X` or `--settings=X` first, else
 * DJANGO_SETTINGS_MODULE=X before the program or as an argument (`gunicorn --env DJANGO_SETTINGS_MODULE=X`).
 */
function fromCommand(command: string | readonly string[]): string | undefined {
  let assigned: string | undefined;
  for (const simple of parseCommandLine(command).commands) {
    const { argv } = simple;
    for (let i = 0; i < argv.length; i++) {
      const word = argv[i] as string;
      const flag = word === "--settings" ? argv[i + 1] : word.startsWith("--settings=") ? word.slice("--settings=".length) : undefined;
      if (flag !== undefined && MODULE.test(flag)) return flag;
      const value = word.startsWith(ASSIGNMENT) ? word.slice(ASSIGNMENT.length) : undefined;
      if (value !== undefined && MODULE.test(value)) assigned ??= value;
    }
    const inline = simple.env.DJANGO_SETTINGS_MODULE;
    if (inline !== undefined && MODULE.test(inline)) assigned ??= inline;
  }
  return assigned;
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
 * Every place deployment files choose DJANGO_SETTINGS_MODULE, read with the same parsers the
 * audit uses. `read` returns a file's text, or undefined when it cannot be read.
 */
/** DJANGO_SETTINGS_MODULE in a unit's or program's environment, then --settings in its commands, in line order. */
function settingsFrom(
  kind: DeploySetting["kind"],
  file: string,
  environment: readonly { key: string; value: string; line: number }[],
  commands: readonly { value: string; line: number }[],
  found: DeploySetting[],
): void {
  const places: DeploySetting[] = [];
  for (const pair of environment) {
    if (pair.key === "DJANGO_SETTINGS_MODULE" && MODULE.test(pair.value)) places.push({ kind, file, line: pair.line, value: pair.value });
  }
  for (const command of commands) {
    const value = fromCommand(command.value);
    if (value) places.push({ kind, file, line: command.line, value });
  }
  found.push(...places.sort((a, b) => a.line - b.line));
}

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
        // In the order their instructions run: the last value set wins.
        for (const stage of finalChain(parseDockerfile(path, text)).reverse()) {
          for (const instruction of stage.instructions) {
            for (const variable of instruction.variables ?? []) {
              if (instruction.keyword === "ENV" && variable.name === "DJANGO_SETTINGS_MODULE" && variable.value) {
                found.push({ kind, file: path, line: variable.line, value: variable.value });
              }
            }
            const command = instruction.command;
            const fromFlag =
              command && (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT")
                ? fromCommand(command.form === "exec" ? command.words : command.words.join(" "))
                : undefined;
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
            const command = scalarText(commandNode) ?? seqItems(commandNode).map((item) => scalarText(item) ?? "");
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
      case "systemd": {
        const unit = parseSystemdUnit(path, text);
        settingsFrom(kind, path, unit.environment, unit.execStart, found);
        break;
      }
      case "supervisor": {
        // [supervisord]'s environment= is every program's too (http://supervisord.org/configuration.html).
        const daemon = parseIni(text)
          .filter((section) => section.name === "supervisord")
          .flatMap((section) => section.entries.filter((e) => e.key.toLowerCase() === "environment"))
          .flatMap((e) => splitSupervisorEnvironment(e.value).map((pair) => ({ ...pair, line: e.line })));
        const { programs } = parseSupervisor(path, text);
        const environment = [...daemon, ...programs.flatMap((program) => program.environment)];
        const commands = programs.flatMap((program) => (program.command ? [program.command] : []));
        settingsFrom(kind, path, environment, commands, found);
        break;
      }
      default:
        break;
    }
  }
  return found;
}
