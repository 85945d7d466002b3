import { posix } from "node:path";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SCL102",
  slug: "healthcheck-missing",
  area: "scaling",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "A web process in compose or Kubernetes has no health check: no compose `healthcheck` (nor a Dockerfile HEALTHCHECK), no readiness or liveness probe; or a Helm chart's Deployment template has no probe and its values set none.",
    why: "Without one, traffic is sent to a container that is still starting, deadlocked or out of database connections, rolling updates cannot wait for the new version to be ready, and a hung app is never restarted.",
    fix: "Add a cheap health endpoint (a view that returns 200, optionally after a SELECT 1) and check it: `healthcheck` in compose, readinessProbe and livenessProbe in Kubernetes.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    healthcheck:\n      test: [CMD, python, -c, \"import urllib.request; urllib.request.urlopen('http://localhost:8000/healthz')\"]\n      interval: 30s\n",
    },
    references: [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
      "https://docs.docker.com/reference/compose-file/services/#healthcheck",
    ],
  },
  messages: {
    missing: "{name} ({platform}) has no health check: traffic and restarts cannot tell a working app from a hung one",
    helm: "the Helm chart {chart} deploys {image} with no readiness or liveness probe in its templates or values: traffic and restarts cannot tell a working app from a hung one",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    for (const process of deployment.withRole("web")) {
      if (!process.healthchecksApply || process.healthchecks.length > 0) continue;
      report("missing", { file: process.file, line: process.line }, { name: process.name, platform: process.platform });
    }
    // Helm templates (`{{ }}`) are not read as manifests: a chart's probes are either written in a
    // template or passed from values (livenessProbe/readinessProbe keys, as `helm create` does).
    const yaml = artifacts.texts("yaml");
    for (const values of artifacts.helmValues()) {
      if (!values.image || values.probes.length > 0 || project.files.roleOf(values.path).role !== "production") continue;
      const chart = posix.dirname(values.path);
      const templates = yaml.filter(({ path }) => path.startsWith(`${chart === "." ? "" : `${chart}/`}templates/`));
      const deploys = templates.filter(({ text }) => /^kind:\s*(Deployment|StatefulSet)\b/m.test(text));
      if (deploys.length === 0 || templates.some(({ text }) => /\b(readiness|liveness|startup)Probe\b/.test(text))) continue;
      report(
        "helm",
        { file: values.path, line: values.imageLine ?? 1 },
        { chart: chart === "." ? "at the root" : chart, image: values.image },
      );
    }
  },
});
