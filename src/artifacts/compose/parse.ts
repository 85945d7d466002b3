import { posix } from "node:path";
import type { Document, Node } from "yaml";
import { entriesOf, get, isMapNode, isSeqNode, items, type Located, num, text } from "../yaml/merge.js";
import { lineOf, parseYaml, type YamlFile } from "../yaml/parse.js";

/** A command or entrypoint as compose holds it: a string (split like a shell) or a list of words. */
export interface ComposeCommand {
  readonly form: "shell" | "exec";
  /** For shell form, the one string; for exec form, the words. */
  readonly words: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface ComposeEnvEntry {
  readonly key: string;
  /** Null when the variable is passed through from the shell (`- FOO` or `FOO:`). */
  readonly value: string | null;
  readonly file: string;
  readonly line: number;
}

export interface ComposeVolume {
  readonly type: "bind" | "volume" | "tmpfs";
  /** Host path or volume name; null for an anonymous volume or tmpfs. */
  readonly source: string | null;
  readonly target: string;
  readonly readOnly: boolean;
  readonly file: string;
  readonly line: number;
}

export interface ComposePort {
  readonly text: string;
  readonly published: string | null;
  readonly target: string;
  readonly file: string;
  readonly line: number;
}

export interface ComposeHealthcheck {
  readonly disabled: boolean;
  readonly test: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface ComposeService {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly image?: Located<string>;
  readonly build?: {
    readonly context: string;
    readonly dockerfile: string | null;
    readonly target: string | null;
    readonly file: string;
    readonly line: number;
  };
  readonly command?: ComposeCommand;
  readonly entrypoint?: ComposeCommand;
  readonly environment: readonly ComposeEnvEntry[];
  readonly envFiles: readonly Located<string>[];
  /** deploy.replicas, or the legacy `scale`. */
  readonly replicas?: Located<number>;
  readonly restart?: Located<string>;
  /** deploy.restart_policy.condition (swarm). */
  readonly restartPolicy?: Located<string>;
  readonly volumes: readonly ComposeVolume[];
  readonly ports: readonly ComposePort[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly dependsOn: readonly { readonly name: string; readonly condition: string | null; readonly line: number }[];
  readonly profiles: readonly string[];
  readonly limits?: { readonly cpus: string | null; readonly memory: string | null; readonly file: string; readonly line: number };
  readonly workingDir?: Located<string>;
  /** `x-` keys of the service. */
  readonly extensions: Readonly<Record<string, unknown>>;
}

export interface ComposeFile {
  readonly path: string;
  readonly services: readonly ComposeService[];
  /** Named volumes declared at the top level. */
  readonly volumes: readonly string[];
  readonly problems: readonly { line: number; message: string }[];
}

function commandOf(yaml: YamlFile, document: Document.Parsed, node: Node | undefined): ComposeCommand | undefined {
  if (node === undefined) return undefined;
  const line = lineOf(yaml, node);
  const single = text(document, node);
  if (single !== undefined) return { form: "shell", words: [single], file: yaml.path, line };
  if (isSeqNode(document, node)) {
    return { form: "exec", words: items(document, node).map((item) => text(document, item) ?? ""), file: yaml.path, line };
  }
  return undefined;
}

function environmentOf(yaml: YamlFile, document: Document.Parsed, node: Node | undefined): ComposeEnvEntry[] {
  const out: ComposeEnvEntry[] = [];
  if (isMapNode(document, node)) {
    for (const entry of entriesOf(document, node)) {
      out.push({ key: entry.key, value: text(document, entry.value) ?? null, file: yaml.path, line: lineOf(yaml, entry.keyNode) });
    }
  }
  for (const item of items(document, node)) {
    const value = text(document, item);
    if (value === undefined) continue;
    const eq = value.indexOf("=");
    out.push({
      key: eq < 0 ? value : value.slice(0, eq),
      value: eq < 0 ? null : value.slice(eq + 1),
      file: yaml.path,
      line: lineOf(yaml, item),
    });
  }
  return out;
}

/** `./data:/app/data:ro`, `name:/path`, `/path`, or the long syntax. */
function volumesOf(yaml: YamlFile, document: Document.Parsed, node: Node | undefined): ComposeVolume[] {
  const out: ComposeVolume[] = [];
  for (const item of items(document, node)) {
    const line = lineOf(yaml, item);
    const short = text(document, item);
    if (short !== undefined) {
      const parts = short.split(":");
      if (parts.length === 1) {
        out.push({ type: "volume", source: null, target: parts[0] as string, readOnly: false, file: yaml.path, line });
        continue;
      }
      const [source, target, mode] = parts as [string, string, string | undefined];
      const isPath = /^[./~$]/.test(source);
      out.push({ type: isPath ? "bind" : "volume", source, target, readOnly: /\bro\b/.test(mode ?? ""), file: yaml.path, line });
      continue;
    }
    const type = text(document, get(document, item, "type")) ?? "volume";
    const target = text(document, get(document, item, "target"));
    if (!target) continue;
    out.push({
      type: type === "bind" ? "bind" : type === "tmpfs" ? "tmpfs" : "volume",
      source: text(document, get(document, item, "source")) ?? null,
      target,
      readOnly: text(document, get(document, item, "read_only")) === "true",
      file: yaml.path,
      line,
    });
  }
  return out;
}

function portsOf(yaml: YamlFile, document: Document.Parsed, node: Node | undefined): ComposePort[] {
  const out: ComposePort[] = [];
  for (const item of items(document, node)) {
    const line = lineOf(yaml, item);
    const short = text(document, item);
    if (short !== undefined) {
      const withoutProtocol = short.replace(/\/(tcp|udp)$/, "");
      const parts = withoutProtocol.split(":");
      const target = parts[parts.length - 1] as string;
      out.push({ text: short, published: parts.length > 1 ? (parts[parts.length - 2] as string) : null, target, file: yaml.path, line });
      continue;
    }
    const target = text(document, get(document, item, "target"));
    if (target)
      out.push({ text: target, published: text(document, get(document, item, "published")) ?? null, target, file: yaml.path, line });
  }
  return out;
}

function serviceOf(yaml: YamlFile, document: Document.Parsed, name: string, keyNode: Node, node: Node | undefined): ComposeService {
  const at = (...path: string[]) => get(document, node, ...path);
  const loc = <T>(n: Node | undefined, value: T | undefined): Located<T> | undefined =>
    value === undefined ? undefined : { value, file: yaml.path, line: lineOf(yaml, n) };
  const buildNode = at("build");
  let build: ComposeService["build"];
  if (buildNode !== undefined) {
    const context = text(document, buildNode) ?? text(document, get(document, buildNode, "context")) ?? ".";
    build = {
      context,
      dockerfile: text(document, get(document, buildNode, "dockerfile")) ?? null,
      target: text(document, get(document, buildNode, "target")) ?? null,
      file: yaml.path,
      line: lineOf(yaml, buildNode),
    };
  }
  const replicasNode = at("deploy", "replicas") ?? at("scale");
  const health = at("healthcheck");
  let healthcheck: ComposeHealthcheck | undefined;
  if (health !== undefined) {
    const testNode = get(document, health, "test");
    const single = text(document, testNode);
    healthcheck = {
      disabled:
        text(document, get(document, health, "disable")) === "true" ||
        (single === undefined && items(document, testNode)[0] !== undefined && text(document, items(document, testNode)[0]) === "NONE"),
      test: single !== undefined ? ["CMD-SHELL", single] : items(document, testNode).map((i) => text(document, i) ?? ""),
      file: yaml.path,
      line: lineOf(yaml, health),
    };
  }
  const dependsNode = at("depends_on");
  const dependsOn = isMapNode(document, dependsNode)
    ? entriesOf(document, dependsNode).map((e) => ({
        name: e.key,
        condition: text(document, get(document, e.value, "condition")) ?? null,
        line: lineOf(yaml, e.keyNode),
      }))
    : items(document, dependsNode).map((i) => ({ name: text(document, i) ?? "", condition: null, line: lineOf(yaml, i) }));
  const envFileNode = at("env_file");
  const envFiles: Located<string>[] = [];
  const single = text(document, envFileNode);
  if (single !== undefined) envFiles.push({ value: single, file: yaml.path, line: lineOf(yaml, envFileNode) });
  for (const item of items(document, envFileNode)) {
    const path = text(document, item) ?? text(document, get(document, item, "path"));
    if (path) envFiles.push({ value: path, file: yaml.path, line: lineOf(yaml, item) });
  }
  const limitsNode = at("deploy", "resources", "limits");
  const cpus = text(document, get(document, limitsNode, "cpus")) ?? text(document, at("cpus"));
  const memory = text(document, get(document, limitsNode, "memory")) ?? text(document, at("mem_limit"));
  const extensions: Record<string, unknown> = {};
  for (const entry of entriesOf(document, node)) if (entry.key.startsWith("x-")) extensions[entry.key] = entry.value?.toJSON?.() ?? null;
  const service: ComposeService = {
    name,
    file: yaml.path,
    line: lineOf(yaml, keyNode),
    image: loc(at("image"), text(document, at("image"))),
    build,
    command: commandOf(yaml, document, at("command")),
    entrypoint: commandOf(yaml, document, at("entrypoint")),
    environment: environmentOf(yaml, document, at("environment")),
    envFiles,
    replicas: loc(replicasNode, num(document, replicasNode)),
    restart: loc(at("restart"), text(document, at("restart"))),
    restartPolicy: loc(
      at("deploy", "restart_policy"),
      text(document, at("deploy", "restart_policy", "condition")) ?? (at("deploy", "restart_policy") ? "any" : undefined),
    ),
    volumes: volumesOf(yaml, document, at("volumes")),
    ports: portsOf(yaml, document, at("ports")),
    healthcheck,
    dependsOn,
    profiles: items(document, at("profiles")).map((i) => text(document, i) ?? ""),
    limits:
      cpus !== undefined || memory !== undefined
        ? { cpus: cpus ?? null, memory: memory ?? null, file: yaml.path, line: lineOf(yaml, limitsNode ?? at("mem_limit") ?? at("cpus")) }
        : undefined,
    workingDir: loc(at("working_dir"), text(document, at("working_dir"))),
    extensions,
  };
  return dropUndefined(service);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Parses one compose file into typed services (anchors, aliases and merge keys applied). Never throws. */
export function parseCompose(path: string, source: string): ComposeFile {
  const yaml = parseYaml(path, source);
  const problems = [...yaml.errors];
  const services: ComposeService[] = [];
  const volumes: string[] = [];
  const document = yaml.documents[0];
  if (document && yaml.errors.length === 0) {
    const root = document.contents;
    const servicesNode = get(document, root, "services");
    if (servicesNode !== undefined && !isMapNode(document, servicesNode))
      problems.push({ line: lineOf(yaml, servicesNode), message: "services is not a mapping" });
    for (const entry of entriesOf(document, servicesNode)) {
      if (entry.value !== undefined && !isMapNode(document, entry.value)) {
        problems.push({ line: lineOf(yaml, entry.keyNode), message: `service ${entry.key} is not a mapping` });
        continue;
      }
      try {
        services.push(serviceOf(yaml, document, entry.key, entry.keyNode, entry.value));
      } catch (error) {
        problems.push({
          line: lineOf(yaml, entry.keyNode),
          message: `service ${entry.key}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    for (const entry of entriesOf(document, get(document, root, "volumes"))) volumes.push(entry.key);
  }
  return { path, services, volumes, problems };
}

/** Which compose deployment a file belongs to, from its name: the base, an override, or a named variant. */
export function composeVariant(path: string): { base: boolean; override: boolean; variant: string | null } {
  const name = posix.basename(path).toLowerCase();
  const middle = /^(?:docker-)?compose((?:\.[\w-]+)*)\.ya?ml$/.exec(name)?.[1] ?? "";
  const parts = middle.split(".").filter(Boolean);
  return {
    base: parts.length === 0,
    override: parts.includes("override"),
    variant: parts.filter((p) => p !== "override").join(".") || null,
  };
}

/** Whether a variant name reads as development or testing, not production. */
export function isDevelopmentVariant(variant: string | null): boolean {
  return variant !== null && /(^|[.-])(dev|develop|development|local|test|tests|testing|ci|debug)([.-]|$)/.test(variant);
}

/**
 * Merges compose files the way `docker compose -f a -f b` does: later files override scalars and
 * commands, add or replace environment keys, and add ports, volumes (by target) and dependencies.
 * https://docs.docker.com/reference/compose-file/merge/
 */
export function mergeComposeFiles(files: readonly ComposeFile[]): ComposeService[] {
  const byName = new Map<string, ComposeService>();
  for (const file of files) {
    for (const service of file.services) {
      const previous = byName.get(service.name);
      if (!previous) {
        byName.set(service.name, service);
        continue;
      }
      const environment = new Map(previous.environment.map((e) => [e.key, e]));
      for (const entry of service.environment) environment.set(entry.key, entry);
      const volumes = new Map(previous.volumes.map((v) => [v.target, v]));
      for (const volume of service.volumes) volumes.set(volume.target, volume);
      const ports = [...previous.ports, ...service.ports.filter((p) => !previous.ports.some((q) => q.text === p.text))];
      const dependsOn = [...previous.dependsOn.filter((d) => !service.dependsOn.some((e) => e.name === d.name)), ...service.dependsOn];
      byName.set(service.name, {
        ...previous,
        ...service,
        file: previous.file,
        line: previous.line,
        environment: [...environment.values()],
        envFiles: service.envFiles.length > 0 ? service.envFiles : previous.envFiles,
        volumes: [...volumes.values()],
        ports,
        dependsOn,
        profiles: service.profiles.length > 0 ? service.profiles : previous.profiles,
        extensions: { ...previous.extensions, ...service.extensions },
      });
    }
  }
  return [...byName.values()];
}
