import { posix } from "node:path";
import type { Document, Node } from "yaml";
import { entriesOf, get, items, type Located, num, text } from "../yaml/merge.js";
import { lineOf, parseYaml, type YamlFile } from "../yaml/parse.js";

export interface K8sEnv {
  readonly name: string;
  /** Null for valueFrom (a Secret or ConfigMap key) or a missing value. */
  readonly value: string | null;
  readonly from: { readonly kind: "secret" | "configMap" | "field" | "resource"; readonly name: string; readonly key: string } | null;
  readonly line: number;
}

export interface K8sProbe {
  readonly kind: "liveness" | "readiness" | "startup";
  readonly type: "httpGet" | "exec" | "tcpSocket" | "grpc" | "unknown";
  readonly path: string | null;
  readonly headers: readonly { readonly name: string; readonly value: string; readonly line: number }[];
  readonly command: readonly string[];
  readonly line: number;
}

export interface K8sContainer {
  readonly name: string;
  readonly image: string | null;
  readonly command: readonly string[] | null;
  readonly args: readonly string[] | null;
  /** Line of command (or args, or the container). */
  readonly commandLine: number;
  readonly env: readonly K8sEnv[];
  readonly envFrom: readonly { readonly kind: "secret" | "configMap"; readonly name: string; readonly line: number }[];
  readonly ports: readonly { readonly name: string | null; readonly containerPort: number | null; readonly line: number }[];
  readonly probes: readonly K8sProbe[];
  readonly resources: {
    readonly limits: Readonly<Record<string, string>>;
    readonly requests: Readonly<Record<string, string>>;
    readonly line: number;
  } | null;
  readonly volumeMounts: readonly {
    readonly name: string;
    readonly mountPath: string;
    readonly readOnly: boolean;
    readonly line: number;
  }[];
  readonly workingDir: string | null;
  readonly line: number;
}

export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "Pod" | "ReplicaSet";

export interface K8sWorkload {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly file: string;
  readonly line: number;
  /** spec.replicas; absent means 1 for Deployment, StatefulSet and ReplicaSet. */
  readonly replicas?: Located<number>;
  readonly schedule?: Located<string>;
  readonly restartPolicy: string | null;
  readonly containers: readonly K8sContainer[];
  readonly initContainers: readonly K8sContainer[];
  readonly volumes: readonly { readonly name: string; readonly type: string; readonly line: number }[];
}

export interface K8sService {
  readonly name: string;
  readonly type: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly port: number | null; readonly targetPort: string | null }[];
  readonly file: string;
  readonly line: number;
}

export interface K8sIngress {
  readonly name: string;
  readonly className: string | null;
  readonly annotations: Readonly<Record<string, Located<string>>>;
  readonly hosts: readonly Located<string>[];
  readonly tls: readonly { readonly hosts: readonly string[]; readonly secretName: string | null; readonly line: number }[];
  readonly backends: readonly {
    readonly host: string | null;
    readonly path: string;
    readonly service: string | null;
    readonly line: number;
  }[];
  readonly file: string;
  readonly line: number;
}

export interface K8sAutoscaler {
  readonly name: string;
  readonly target: { readonly kind: string; readonly name: string };
  readonly minReplicas: number | null;
  readonly maxReplicas: number | null;
  readonly file: string;
  readonly line: number;
}

export interface K8sConfig {
  readonly kind: "ConfigMap" | "Secret";
  readonly name: string;
  /** Keys with their values (Secret data values stay base64 as written; stringData is plain). */
  readonly data: readonly { readonly key: string; readonly value: string; readonly line: number }[];
  readonly file: string;
  readonly line: number;
}

export interface Kustomization {
  readonly file: string;
  readonly namespace: string | null;
  /** Resolved paths of resources, bases and components (folders or files) within the tree. */
  readonly resources: readonly Located<string>[];
  readonly patches: readonly Located<string>[];
  /** The images transformer: containers whose image is `name` run newName:newTag (or @digest) instead. */
  readonly images: readonly {
    readonly name: string;
    readonly newName: string | null;
    readonly newTag: string | null;
    readonly digest: string | null;
    readonly line: number;
  }[];
}

/** Every Kubernetes object of one file, by kind; other kinds are kept by name only. */
export interface K8sFile {
  readonly path: string;
  readonly workloads: readonly K8sWorkload[];
  readonly services: readonly K8sService[];
  readonly ingresses: readonly K8sIngress[];
  readonly autoscalers: readonly K8sAutoscaler[];
  readonly configs: readonly K8sConfig[];
  readonly others: readonly { readonly kind: string; readonly name: string; readonly line: number }[];
  readonly kustomization: Kustomization | null;
  readonly problems: readonly { line: number; message: string }[];
}

const WORKLOADS = new Set<string>(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"]);

function stringMap(document: Document.Parsed, node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entriesOf(document, node)) {
    const value = text(document, entry.value);
    if (value !== undefined) out[entry.key] = value;
  }
  return out;
}

function words(document: Document.Parsed, node: unknown): string[] | null {
  const list = items(document, node);
  if (list.length === 0) return text(document, node) !== undefined ? [text(document, node) as string] : null;
  return list.map((item) => text(document, item) ?? "");
}

function containerOf(yaml: YamlFile, document: Document.Parsed, node: Node): K8sContainer {
  const at = (...path: string[]) => get(document, node, ...path);
  const probes: K8sProbe[] = [];
  for (const kind of ["liveness", "readiness", "startup"] as const) {
    const probe = at(`${kind}Probe`);
    if (!probe) continue;
    const http = get(document, probe, "httpGet");
    const exec = get(document, probe, "exec");
    probes.push({
      kind,
      type: http
        ? "httpGet"
        : exec
          ? "exec"
          : get(document, probe, "tcpSocket")
            ? "tcpSocket"
            : get(document, probe, "grpc")
              ? "grpc"
              : "unknown",
      path: text(document, get(document, http, "path")) ?? null,
      headers: items(document, get(document, http, "httpHeaders")).map((h) => ({
        name: text(document, get(document, h, "name")) ?? "",
        value: text(document, get(document, h, "value")) ?? "",
        line: lineOf(yaml, get(document, h, "value") ?? h),
      })),
      command: words(document, get(document, exec, "command")) ?? [],
      line: lineOf(yaml, probe),
    });
  }
  const resources = at("resources");
  const command = at("command");
  const args = at("args");
  return {
    name: text(document, at("name")) ?? "",
    image: text(document, at("image")) ?? null,
    command: words(document, command),
    args: words(document, args),
    commandLine: lineOf(yaml, command ?? args ?? node),
    env: items(document, at("env")).map((e) => {
      const from = get(document, e, "valueFrom");
      const secret = get(document, from, "secretKeyRef");
      const config = get(document, from, "configMapKeyRef");
      const ref = secret ?? config;
      return {
        name: text(document, get(document, e, "name")) ?? "",
        value: text(document, get(document, e, "value")) ?? null,
        from: from
          ? {
              kind: secret ? "secret" : config ? "configMap" : get(document, from, "fieldRef") ? "field" : "resource",
              name: text(document, get(document, ref, "name")) ?? "",
              key: text(document, get(document, ref, "key")) ?? "",
            }
          : null,
        line: lineOf(yaml, e),
      } as K8sEnv;
    }),
    envFrom: items(document, at("envFrom")).flatMap((e) => {
      const secret = get(document, e, "secretRef");
      const config = get(document, e, "configMapRef");
      const ref = secret ?? config;
      return ref
        ? [
            {
              kind: secret ? ("secret" as const) : ("configMap" as const),
              name: text(document, get(document, ref, "name")) ?? "",
              line: lineOf(yaml, e),
            },
          ]
        : [];
    }),
    ports: items(document, at("ports")).map((p) => ({
      name: text(document, get(document, p, "name")) ?? null,
      containerPort: num(document, get(document, p, "containerPort")) ?? null,
      line: lineOf(yaml, p),
    })),
    probes,
    resources: resources
      ? {
          limits: stringMap(document, get(document, resources, "limits")),
          requests: stringMap(document, get(document, resources, "requests")),
          line: lineOf(yaml, resources),
        }
      : null,
    volumeMounts: items(document, at("volumeMounts")).map((m) => ({
      name: text(document, get(document, m, "name")) ?? "",
      mountPath: text(document, get(document, m, "mountPath")) ?? "",
      readOnly: text(document, get(document, m, "readOnly")) === "true",
      line: lineOf(yaml, m),
    })),
    workingDir: text(document, at("workingDir")) ?? null,
    line: lineOf(yaml, node),
  };
}

function workloadOf(yaml: YamlFile, document: Document.Parsed, kind: WorkloadKind, root: Node): K8sWorkload {
  const spec = get(document, root, "spec");
  const podSpec =
    kind === "Pod"
      ? spec
      : kind === "CronJob"
        ? get(document, spec, "jobTemplate", "spec", "template", "spec")
        : get(document, spec, "template", "spec");
  const replicasNode = get(document, spec, "replicas");
  const replicas = num(document, replicasNode);
  const schedule = text(document, get(document, spec, "schedule"));
  return {
    kind,
    name: text(document, get(document, root, "metadata", "name")) ?? "",
    namespace: text(document, get(document, root, "metadata", "namespace")) ?? null,
    labels: stringMap(document, get(document, root, "metadata", "labels")),
    file: yaml.path,
    line: lineOf(yaml, root),
    ...(replicas !== undefined ? { replicas: { value: replicas, file: yaml.path, line: lineOf(yaml, replicasNode) } } : {}),
    ...(schedule !== undefined
      ? { schedule: { value: schedule, file: yaml.path, line: lineOf(yaml, get(document, spec, "schedule")) } }
      : {}),
    restartPolicy: text(document, get(document, podSpec, "restartPolicy")) ?? null,
    containers: items(document, get(document, podSpec, "containers")).map((c) => containerOf(yaml, document, c)),
    initContainers: items(document, get(document, podSpec, "initContainers")).map((c) => containerOf(yaml, document, c)),
    volumes: items(document, get(document, podSpec, "volumes")).map((v) => ({
      name: text(document, get(document, v, "name")) ?? "",
      type: entriesOf(document, v).find((e) => e.key !== "name")?.key ?? "unknown",
      line: lineOf(yaml, v),
    })),
  };
}

function located(yaml: YamlFile, node: Node | undefined, value: string): Located<string> {
  return { value, file: yaml.path, line: lineOf(yaml, node) };
}

/** Whether a YAML text looks like Kubernetes objects or a kustomization (cheap test before parsing). */
export function looksLikeKubernetes(source: string): boolean {
  return (
    (/^\s*kind\s*:\s*\S/m.test(source) && /^\s*apiVersion\s*:/m.test(source)) ||
    (/^\s*(resources|bases)\s*:/m.test(source) && /kustomiz/i.test(source))
  );
}

/**
 * Parses a multi-document Kubernetes manifest (or a kustomization.yaml) into typed objects with
 * lines. Helm templates (`{{ ... }}`) are not YAML and are left to their values file. Never throws.
 */
export function parseKubernetes(path: string, source: string): K8sFile {
  const yaml = parseYaml(path, source);
  const out = {
    path,
    workloads: [] as K8sWorkload[],
    services: [] as K8sService[],
    ingresses: [] as K8sIngress[],
    autoscalers: [] as K8sAutoscaler[],
    configs: [] as K8sConfig[],
    others: [] as { kind: string; name: string; line: number }[],
    kustomization: null as Kustomization | null,
    problems: [...yaml.errors],
  };
  const isKustomization = /^kustomization\.ya?ml$/i.test(posix.basename(path));
  for (const document of yaml.documents) {
    if (document.errors.length > 0) continue;
    const root = document.contents as Node | null;
    if (!root) continue;
    const kind = text(document, get(document, root, "kind"));
    try {
      if (isKustomization || kind === "Kustomization") {
        const dir = posix.dirname(path);
        const resolve = (p: string) => posix.normalize(posix.join(dir, p));
        const resources: Located<string>[] = [];
        for (const key of ["resources", "bases", "components"]) {
          for (const item of items(document, get(document, root, key))) {
            const value = text(document, item);
            // Remote bases (URLs, git refs) are outside the tree.
            if (value && !/^[a-z]+:\/\/|^git@|\?ref=/.test(value)) resources.push(located(yaml, item, resolve(value)));
          }
        }
        const patches: Located<string>[] = [];
        for (const key of ["patches", "patchesStrategicMerge", "patchesJson6902"]) {
          for (const item of items(document, get(document, root, key))) {
            const value = text(document, item) ?? text(document, get(document, item, "path"));
            patches.push(located(yaml, item, value ? resolve(value) : "<inline>"));
          }
        }
        const images: Kustomization["images"][number][] = [];
        for (const item of items(document, get(document, root, "images"))) {
          const name = text(document, get(document, item, "name"));
          if (!name) continue;
          const field = (key: string) => text(document, get(document, item, key)) ?? null;
          images.push({ name, newName: field("newName"), newTag: field("newTag"), digest: field("digest"), line: lineOf(yaml, item) });
        }
        out.kustomization = {
          file: path,
          namespace: text(document, get(document, root, "namespace")) ?? null,
          resources,
          patches,
          images,
        };
        continue;
      }
      if (!kind) continue;
      const name = text(document, get(document, root, "metadata", "name")) ?? "";
      if (WORKLOADS.has(kind)) out.workloads.push(workloadOf(yaml, document, kind as WorkloadKind, root));
      else if (kind === "Service") {
        const spec = get(document, root, "spec");
        out.services.push({
          name,
          type: text(document, get(document, spec, "type")) ?? "ClusterIP",
          selector: stringMap(document, get(document, spec, "selector")),
          ports: items(document, get(document, spec, "ports")).map((p) => ({
            port: num(document, get(document, p, "port")) ?? null,
            targetPort: text(document, get(document, p, "targetPort")) ?? null,
          })),
          file: path,
          line: lineOf(yaml, root),
        });
      } else if (kind === "Ingress") {
        const spec = get(document, root, "spec");
        const annotations: Record<string, Located<string>> = {};
        for (const entry of entriesOf(document, get(document, root, "metadata", "annotations"))) {
          const value = text(document, entry.value);
          if (value !== undefined) annotations[entry.key] = located(yaml, entry.keyNode, value);
        }
        const hosts: Located<string>[] = [];
        const backends: K8sIngress["backends"][number][] = [];
        for (const rule of items(document, get(document, spec, "rules"))) {
          const hostNode = get(document, rule, "host");
          const host = text(document, hostNode) ?? null;
          if (host) hosts.push(located(yaml, hostNode, host));
          for (const p of items(document, get(document, rule, "http", "paths"))) {
            backends.push({
              host,
              path: text(document, get(document, p, "path")) ?? "/",
              service:
                text(document, get(document, p, "backend", "service", "name")) ??
                text(document, get(document, p, "backend", "serviceName")) ??
                null,
              line: lineOf(yaml, p),
            });
          }
        }
        out.ingresses.push({
          name,
          className: text(document, get(document, spec, "ingressClassName")) ?? annotations["kubernetes.io/ingress.class"]?.value ?? null,
          annotations,
          hosts,
          tls: items(document, get(document, spec, "tls")).map((t) => ({
            hosts: items(document, get(document, t, "hosts")).map((h) => text(document, h) ?? ""),
            secretName: text(document, get(document, t, "secretName")) ?? null,
            line: lineOf(yaml, t),
          })),
          backends,
          file: path,
          line: lineOf(yaml, root),
        });
      } else if (kind === "HorizontalPodAutoscaler") {
        const spec = get(document, root, "spec");
        out.autoscalers.push({
          name,
          target: {
            kind: text(document, get(document, spec, "scaleTargetRef", "kind")) ?? "",
            name: text(document, get(document, spec, "scaleTargetRef", "name")) ?? "",
          },
          minReplicas: num(document, get(document, spec, "minReplicas")) ?? null,
          maxReplicas: num(document, get(document, spec, "maxReplicas")) ?? null,
          file: path,
          line: lineOf(yaml, root),
        });
      } else if (kind === "ConfigMap" || kind === "Secret") {
        const data: K8sConfig["data"][number][] = [];
        for (const key of ["data", "stringData"]) {
          for (const entry of entriesOf(document, get(document, root, key))) {
            data.push({ key: entry.key, value: text(document, entry.value) ?? "", line: lineOf(yaml, entry.keyNode) });
          }
        }
        out.configs.push({ kind, name, data, file: path, line: lineOf(yaml, root) });
      } else out.others.push({ kind, name, line: lineOf(yaml, root) });
    } catch (error) {
      out.problems.push({
        line: lineOf(yaml, root),
        message: `${kind ?? "object"}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return out;
}

/** Helm values.yaml read as plain YAML: the keys charts commonly use for Django apps. */
export interface HelmValues {
  readonly path: string;
  readonly replicaCount?: Located<number>;
  readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number | null; readonly maxReplicas: number | null } | null;
  readonly image: string | null;
  /** `image.tag` as written ("" when empty), with its line; null when the values set no tag key. */
  readonly imageTag: Located<string> | null;
  /** The line of `image.repository` (or of a one-string `image:`). */
  readonly imageLine: number | null;
  readonly ingressHosts: readonly Located<string>[];
  readonly ingressTls: boolean;
  readonly resources: { readonly limits: Readonly<Record<string, string>>; readonly line: number } | null;
  readonly probes: readonly string[];
  readonly env: readonly { readonly key: string; readonly value: string; readonly line: number }[];
  readonly problems: readonly { line: number; message: string }[];
}

/** Parses a Helm values file; values files with template syntax are reported as problems. Never throws. */
export function parseHelmValues(path: string, source: string): HelmValues {
  const yaml = parseYaml(path, source);
  const document = yaml.documents[0];
  const empty: HelmValues = {
    path,
    autoscaling: null,
    image: null,
    imageTag: null,
    imageLine: null,
    ingressHosts: [],
    ingressTls: false,
    resources: null,
    probes: [],
    env: [],
    problems: [...yaml.errors],
  };
  if (!document || yaml.errors.length > 0) return empty;
  const root = document.contents;
  const replicasNode = get(document, root, "replicaCount") ?? get(document, root, "replicas");
  const replicas = num(document, replicasNode);
  const auto = get(document, root, "autoscaling");
  const repositoryNode = get(document, root, "image", "repository") ?? get(document, root, "image");
  const repository = text(document, repositoryNode);
  const tagNode = get(document, root, "image", "tag");
  const tagText = tagNode === undefined ? undefined : (text(document, tagNode) ?? "");
  const hosts: Located<string>[] = [];
  for (const host of items(document, get(document, root, "ingress", "hosts"))) {
    const name = text(document, host) ?? text(document, get(document, host, "host"));
    if (name) hosts.push(located(yaml, host, name));
  }
  const resources = get(document, root, "resources");
  const env: HelmValues["env"][number][] = [];
  for (const key of ["env", "extraEnv", "environment"]) {
    const node = get(document, root, key);
    for (const entry of entriesOf(document, node)) {
      const value = text(document, entry.value);
      if (value !== undefined) env.push({ key: entry.key, value, line: lineOf(yaml, entry.keyNode) });
    }
    for (const item of items(document, node)) {
      const name = text(document, get(document, item, "name"));
      const value = text(document, get(document, item, "value"));
      if (name && value !== undefined) env.push({ key: name, value, line: lineOf(yaml, item) });
    }
  }
  return {
    ...empty,
    ...(replicas !== undefined ? { replicaCount: { value: replicas, file: path, line: lineOf(yaml, replicasNode) } } : {}),
    autoscaling: auto
      ? {
          enabled: text(document, get(document, auto, "enabled")) === "true",
          minReplicas: num(document, get(document, auto, "minReplicas")) ?? null,
          maxReplicas: num(document, get(document, auto, "maxReplicas")) ?? null,
        }
      : null,
    image: repository ?? null,
    imageTag: tagText === undefined ? null : { value: tagText, file: path, line: lineOf(yaml, tagNode) },
    imageLine: repository === undefined ? null : lineOf(yaml, repositoryNode),
    ingressHosts: hosts,
    ingressTls: items(document, get(document, root, "ingress", "tls")).length > 0,
    resources: resources ? { limits: stringMap(document, get(document, resources, "limits")), line: lineOf(yaml, resources) } : null,
    probes: ["livenessProbe", "readinessProbe", "startupProbe"].filter((p) => get(document, root, p) !== undefined),
    env,
  };
}
