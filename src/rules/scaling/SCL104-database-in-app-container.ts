import { installedPackages } from "../../artifacts/dockerfile/parse.js";
import { knownDatabases } from "../../model/databases.js";
import { isLoopback } from "../../model/production.js";
import { defineRule } from "../define.js";

const SERVER_COMMANDS = /^(postgres|postmaster|pg_ctl|pg_ctlcluster|redis-server|memcached|mysqld|mysqld_safe|rabbitmq-server)$/;
/**
 * OS packages that are servers, matched on whole package names: postgresql-client, libpq5,
 * postgresql-server-dev-16 (headers), postgresql-libs and redis-tools are clients and libraries.
 * Debian's `redis` and `postgresql` are metapackages that pull the server; Alpine's are the servers.
 */
const SERVER_PACKAGES =
  /^(postgresql(-\d+)?|postgresql\d*-server|postgresql(\d+)?-contrib|redis-server|redis|valkey(-server)?|memcached|mariadb-server|mysql-server|rabbitmq-server)$/;

export default defineRule({
  code: "SCL104",
  slug: "database-in-app-container",
  area: "scaling",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A database or cache server runs in the same container as the app: its process is started by the app's command or entrypoint, its server package is installed in the app image, or the app (in compose or Kubernetes) reaches its database on localhost.",
    why: "The data lives and dies with the app container: every deploy or crash starts from an empty database, the app cannot have more than one replica, and database and app fight for the same memory limit.",
    fix: "Run PostgreSQL and Redis as their own services (compose services, a StatefulSet, or a managed database) and reach them by service name.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile:
        'FROM python:3.12\nRUN apt-get update && apt-get install -y redis-server\nCOPY . /app\nCMD ["sh", "-c", "redis-server --daemonize yes && gunicorn mysite.wsgi"]\n',
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "compose.yaml": "services:\n  web:\n    build: .\n  redis:\n    image: redis:7\n",
    },
    references: ["https://docs.docker.com/get-started/docker-concepts/running-containers/multi-container-applications/"],
  },
  messages: {
    started: "{name} starts `{command}` in the app's own container",
    installed: "the app image installs {package}, a server that belongs in its own container",
    localhost:
      "the {alias} database HOST is {host} while {name} runs in {platform}: the database would have to run inside the app container",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const seen = new Set<string>();
    const supervisordInImage = deployment
      .steps()
      .some(
        ({ step, processes }) =>
          /supervisord$/.test(step.argv[0] ?? "") &&
          processes.some((p) => p.platform === "dockerfile" || p.platform === "compose" || p.platform === "kubernetes"),
      );
    for (const { step, processes } of deployment.steps()) {
      const program = step.argv[0]?.split("/").pop() ?? "";
      const service = step.argv[0] === "service" && /postgres|redis|memcached|mysql/.test(step.argv[1] ?? "");
      if (!SERVER_COMMANDS.test(program) && !service) continue;
      // supervisord inside the app image runs every program in the one container.
      const inImage = processes.some((p) => p.platform === "supervisor") && supervisordInImage;
      if (!inImage && !processes.some((p) => p.role === "web" || p.role === "worker" || p.role === "beat")) continue;
      report("started", step, { name: processes.map((p) => p.name).join(", "), command: step.argv.slice(0, 3).join(" ") });
      seen.add(step.file);
    }
    for (const process of deployment.withRole("web")) {
      const stage = process.dockerfile?.stage;
      if (!stage || !process.dockerfile) continue;
      for (const instruction of stage.instructions) {
        const server = installedPackages(instruction).find((name) => SERVER_PACKAGES.test(name));
        const key = `${process.dockerfile.path}:${instruction.line}`;
        if (!server || seen.has(key)) continue;
        seen.add(key);
        report("installed", { file: process.dockerfile.path, line: instruction.line }, { package: server });
      }
    }
    const container = deployment.withRole("web").find((p) => p.platform === "compose" || p.platform === "kubernetes");
    if (!container) return;
    for (const db of knownDatabases(settings)) {
      if (!db.host || !isLoopback(db.host) || db.engine?.includes("sqlite")) continue;
      report(
        "localhost",
        db.setting,
        { alias: db.alias, host: db.host, name: container.name, platform: container.platform },
        { env: db.setting.env, related: [{ file: container.file, line: container.line, message: container.name }] },
      );
    }
  },
});
