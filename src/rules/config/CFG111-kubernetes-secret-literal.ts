import { isNotASecretValue, isPublicDemoValue, isSecretName } from "../../model/secrets.js";
import { defineRule } from "../define.js";

/** scheme://user:password@host with the password written out (not a `$(VAR)` reference). */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

/** A value Kubernetes expands from another variable (`$(DB_PASSWORD)`) or Helm fills (`{{ }}`) is no literal. */
const REFERENCE = /\$\(|\{\{/;

type Found = { messageId: "literal" | "urlLiteral"; length: number; severity?: "info" };

function judge(name: string, value: string | null): Found | undefined {
  if (value === null || value.trim() === "" || REFERENCE.test(value)) return undefined;
  const password = URL_PASSWORD.exec(value)?.[1];
  if (password && !REFERENCE.test(password)) return { messageId: "urlLiteral", length: [...password].length };
  if (!isSecretName(name) || isNotASecretValue(value)) return undefined;
  // A vendor's documented test key unlocks nothing: worth knowing, not an alarm.
  return { messageId: "literal", length: [...value].length, ...(isPublicDemoValue(value) ? { severity: "info" as const } : {}) };
}

export default defineRule({
  code: "CFG111",
  slug: "kubernetes-secret-literal",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "A Kubernetes workload (Deployment, StatefulSet, CronJob...) or a Helm values file writes a secret into a container's environment as a literal `value:` (a password, token or key, or a URL with its password), instead of `valueFrom.secretKeyRef`.",
    why: "The manifest is in the repository, so the secret is read by everyone who can clone it, is shown by `kubectl describe` and stored unencrypted in the Deployment object, and rotating it means a commit.",
    fix: "Put the value in a Secret (created outside the repository, or with Sealed Secrets / External Secrets / SOPS) and read it with `valueFrom: {secretKeyRef: {name: ..., key: ...}}` or `envFrom: [{secretRef: ...}]`; rotate any secret that was committed.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/app:1.4.2\n          env:\n            - name: DJANGO_SECRET_KEY\n              value: k8s-literal-secret-key-0123456789\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "k8s/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/app:1.4.2\n          env:\n            - name: DJANGO_SECRET_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: web\n                  key: secret-key\n",
    },
    references: [
      "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
    ],
  },
  messages: {
    literal: "{where}: {key} is a literal in the manifest ({length} characters); read it from a Secret",
    urlLiteral: "{where}: the password in {key} is a literal in the manifest ({length} characters); read it from a Secret",
  },
  check({ project, report }) {
    const { artifacts } = project;
    // Manifests of a development or test cluster (kind, minikube rigs under tests/) may hold throwaway passwords.
    const production = (path: string) => project.files.roleOf(path).role === "production";
    for (const file of artifacts.kubernetes()) {
      if (!production(file.path)) continue;
      for (const workload of file.workloads)
        for (const container of [...workload.initContainers, ...workload.containers])
          for (const entry of container.env) {
            const found = judge(entry.name, entry.value);
            if (!found) continue;
            report(
              found.messageId,
              { file: file.path, line: entry.line },
              { where: `${workload.kind} ${workload.name} (container ${container.name})`, key: entry.name, length: found.length },
              found.severity ? { severity: found.severity } : {},
            );
          }
    }
    for (const values of artifacts.helmValues()) {
      if (!production(values.path)) continue;
      for (const entry of values.env) {
        const found = judge(entry.key, entry.value);
        if (!found) continue;
        report(
          found.messageId,
          { file: values.path, line: entry.line },
          { where: "Helm values", key: entry.key, length: found.length },
          found.severity ? { severity: found.severity } : {},
        );
      }
    }
  },
});
