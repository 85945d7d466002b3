import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Artifacts } from "./artifacts.js";
import { type Deployment, Deployment as DeploymentClass } from "./deployment.js";
import { loadWorkspace } from "./project.js";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "../../../test/fixtures/projects/deployment-layout");

describe("the deployment model", () => {
  let deployment: Deployment;
  let artifacts: Artifacts;
  let model: Awaited<ReturnType<typeof loadWorkspace>>["projects"][number];
  before(async () => {
    const workspace = await loadWorkspace(FIXTURE, { environment: new Map() });
    model = workspace.projects[0] as typeof model;
    artifacts = model.artifacts;
    deployment = artifacts.deployment();
  });
  const find = (platform: string, name: string) => deployment.processes.find((p) => p.platform === platform && p.name === name);

  test("processes from every platform, with roles", () => {
    const roles = deployment.production.map((p) => `${p.platform}:${p.name}:${p.role}`).sort();
    assert.deepEqual(roles, [
      "compose:web:web",
      "compose:worker:worker",
      "dockerfile:Dockerfile:web",
      "kubernetes:Deployment/web:web",
      "procfile:release:release",
      "procfile:web:web",
      "supervisor:rq:worker",
      "systemd:beat.service:beat",
    ]);
    assert.equal(find("compose", "web")?.development, false);
    assert.ok(deployment.processes.some((p) => p.development && p.role === "web" && p.main?.program.kind === "manage"));
  });
  test("an image's ENTRYPOINT script runs before its CMD, each step with its own place", () => {
    const web = find("compose", "web");
    assert.deepEqual(
      web?.steps.map((s) => `${s.program.kind}@${s.file}:${s.line}`),
      ["script@Dockerfile:14", "manage@docker/entrypoint.sh:3", "gunicorn@Dockerfile:15"],
    );
    assert.equal(web?.main?.program.kind, "gunicorn");
    // A Kubernetes container without command runs the image too.
    assert.equal(find("kubernetes", "Deployment/web")?.main?.line, 15);
  });
  test("replicas, supervision, limits and health checks", () => {
    assert.deepEqual(find("compose", "web")?.replicas?.value, 2);
    assert.deepEqual(
      [find("kubernetes", "Deployment/web")?.replicas?.value, find("kubernetes", "Deployment/web")?.replicas?.source],
      [6, "HorizontalPodAutoscaler maxReplicas"],
    );
    assert.deepEqual(find("supervisor", "rq")?.replicas?.value, 3);
    assert.equal(find("supervisor", "rq")?.supervision?.restarts, false);
    assert.equal(find("systemd", "beat.service")?.supervision?.restarts, false);
    assert.equal(find("compose", "worker")?.supervision?.policy, "unless-stopped");
    assert.equal(find("compose", "web")?.limits?.memory, "512M");
    assert.equal(find("kubernetes", "Deployment/web")?.healthchecks[0]?.kind, "http");
    assert.equal(DeploymentClass.count(find("procfile", "web") as never), 1);
  });
  test("backing services and proxies", () => {
    assert.deepEqual(
      deployment.services
        .filter((s) => !s.development)
        .map((s) => `${s.kind}:${s.name}`)
        .sort(),
      ["nginx:nginx", "pgbouncer:pgbouncer", "postgres:postgres", "redis:redis"],
    );
    assert.equal(deployment.servicesOf("pgbouncer")[0]?.poolMode?.value, "transaction");
    assert.deepEqual(
      deployment.proxyServers.map((s) => s.server.file),
      ["nginx/site.conf"],
    );
    assert.ok(deployment.proxies.some((p) => p.kind === "platform router"));
  });
  test("container layout: the code's place in the image and mounted volumes", () => {
    const web = find("compose", "web");
    assert.equal(web?.layout.codeRoot, "/srv/app");
    assert.deepEqual(
      web?.layout.mounts.map((m) => [m.target, m.persistent]),
      [["/srv/app/media", true]],
    );
    assert.equal(find("systemd", "beat.service")?.layout.codeRoot, "/opt/mysite");
    assert.equal(find("systemd", "beat.service")?.layout.ephemeral, false);
  });
  test("gunicorn.conf.py is evaluated with the process's environment", () => {
    const web = find("compose", "web");
    const config = web?.main ? deployment.gunicornConfigOf(web, web.main) : undefined;
    assert.equal(config?.path, "gunicorn.conf.py");
    assert.deepEqual(config?.problems, []);
    const timeout = config?.settings.get("timeout");
    assert.deepEqual(
      [timeout?.value.kind, timeout?.value.kind === "int" ? timeout.value.value : null, timeout?.origin?.line],
      ["int", 45, 5],
    );
    // The image's ENV WEB_CONCURRENCY=3 is in the container's environment.
    const workers = config?.settings.get("workers")?.value;
    assert.equal(workers?.kind === "int" ? workers.value : null, 3);
    assert.deepEqual(config?.settings.get("workers")?.env, ["WEB_CONCURRENCY"]);
  });
});
