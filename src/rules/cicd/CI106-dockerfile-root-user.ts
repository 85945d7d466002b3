import { builtBaseRunsAsNonRoot, finalChain, isRootUser, lastUserOf, supervisedAsUsers } from "../../model/images.js";
import { defineRule } from "../define.js";

/** Base images that already run as an unprivileged user. */
const NON_ROOT_IMAGE = /(:nonroot|:[\w.-]*-nonroot|^cgr\.dev\/|^chainguard\/|^gcr\.io\/distroless\/.*nonroot)/;
/** Commands that drop to another user at start-up. */
const DROPS_PRIVILEGES = /\b(gosu|su-exec|setpriv|runuser|chpst\s+-u|s6-setuidgid)\b/;

/**
 * Official images whose own entrypoint starts the server as an unprivileged user (with gosu or
 * su-exec) when the command is the server's, and images whose last USER is not root: a stage built
 * FROM them without its own ENTRYPOINT keeps that. Their docker-entrypoint.sh files on
 * https://github.com/docker-library show the switch.
 */
const ENTRYPOINT_DROPS: Record<string, RegExp> = {
  postgres: /^(postgres)?$/,
  postgis: /^(postgres)?$/,
  redis: /^(redis-server|redis-sentinel)?$/,
  valkey: /^(valkey-server)?$/,
  mysql: /^(mysqld)?$/,
  mariadb: /^(mariadbd|mysqld)?$/,
  mongo: /^(mongod|mongos)?$/,
  rabbitmq: /^(rabbitmq-server)?$/,
  cassandra: /^(cassandra)?$/,
  couchdb: /^(couchdb)?$/,
  memcached: /^.*$/,
  elasticsearch: /^.*$/,
  solr: /^.*$/,
  sonarqube: /^.*$/,
  odoo: /^.*$/,
  "nginx-unprivileged": /^.*$/,
};

function imageBaseName(image: string): string {
  return (image.split("/").pop() ?? image).toLowerCase();
}

export default defineRule({
  code: "CI106",
  slug: "dockerfile-root-user",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "The image's final stage runs as root: it has no USER instruction (official Python images default to root), or its last USER is root.",
    why: "A process running as root inside the container turns any remote-code-execution bug (a pickle, a template injection, a vulnerable dependency) into root on the container, with write access to the app's code and a much shorter way out to the host through a kernel or runtime flaw.",
    fix: "Create an unprivileged user in the final stage (useradd --system --uid 10001 app), chown only what it must write, and add USER app before CMD.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12.12-slim\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile:
        'FROM python:3.12.12-slim\nRUN useradd --system --uid 10001 app\nCOPY . /app\nUSER app\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
    references: ["https://docs.docker.com/build/building/best-practices/#user"],
  },
  messages: {
    noUser: "The image {image} has no USER instruction: the app runs as root",
    rootUser: "The last USER of the image is {user}: the app runs as root",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    for (const dockerfile of artifacts.dockerfiles()) {
      const chain = finalChain(dockerfile);
      const final = chain[0];
      if (!final) continue;
      const lastUser = lastUserOf(dockerfile);
      const command = final.instructions
        .filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT")
        .map((i) => i.command?.words.join(" ") ?? i.text)
        .join(" ");
      if (DROPS_PRIVILEGES.test(command)) continue;
      // The image's start-up drops root itself: an entrypoint script's gosu, gunicorn --user, uwsgi uid=.
      const process = deployment.processes.find((p) => p.platform === "dockerfile" && p.dockerfile?.path === dockerfile.path);
      if (process && deployment.privilegeDrop(process)) continue;
      if (supervisedAsUsers(artifacts, dockerfile, command)) continue;
      if (lastUser) {
        if (isRootUser(lastUser.value) === true)
          report("rootUser", { file: dockerfile.path, line: lastUser.line }, { user: lastUser.value });
        continue;
      }
      const base = chain[chain.length - 1];
      const image = base?.image ? `${base.image}${base.tag ? `:${base.tag}` : ""}` : "scratch";
      if (NON_ROOT_IMAGE.test(image)) continue;
      // A base image the repository builds itself keeps the USER its own Dockerfile ends with
      // (kuma's FROM mdnwebdocs/kuma_base, doccano's FROM doccano/doccano:nightly): when every
      // Dockerfile that builds that name ends as a user other than root, so does this image.
      if (base?.image && builtBaseRunsAsNonRoot(artifacts, dockerfile, base.image)) continue;
      const officialDrop = base?.image ? ENTRYPOINT_DROPS[imageBaseName(base.image)] : undefined;
      const ownEntrypoint = chain.some((stage) => stage.instructions.some((i) => i.keyword === "ENTRYPOINT"));
      const cmd = final.instructions.filter((i) => i.keyword === "CMD").pop();
      const firstWord = cmd?.command?.words[0]?.split("/").pop() ?? "";
      if (officialDrop && !ownEntrypoint && officialDrop.test(firstWord)) continue;
      report("noUser", { file: dockerfile.path, line: final.line }, { image: `built FROM ${image}` });
    }
  },
});
