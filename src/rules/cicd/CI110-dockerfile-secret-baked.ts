import { finalChain } from "../../model/images.js";
import { isNotASecretValue, isPublicDemoValue, isSecretName } from "../../model/secrets.js";
import { defineRule } from "../define.js";

const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;
/** Variables that carry credentials without saying so in their name. */
const CREDENTIAL_URLS = new Set(["DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "BROKER_URL", "CACHE_URL", "EMAIL_URL", "AMQP_URL"]);

export default defineRule({
  code: "CI110",
  slug: "dockerfile-secret-baked",
  area: "cicd",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A Dockerfile bakes a secret into the image with ENV (SECRET_KEY, DJANGO_SECRET_KEY, a password, a DATABASE_URL with credentials), or passes one as a build ARG.",
    why: "ENV values are stored in the image configuration and shown by `docker inspect` to anyone who can pull the image; build arguments are recorded in `docker history`. A value baked in is also what production silently runs with when the real variable is not set.",
    fix: "Remove the ENV/ARG and give the secret at run time (the orchestrator's secret store, an env file outside the image); a build step that needs one uses RUN --mount=type=secret, and collectstatic can run with a throwaway value inline (RUN SECRET_KEY=build python manage.py collectstatic).",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nENV DJANGO_SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nUSER 10001\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nRUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput\nUSER 10001\n",
    },
    references: [
      "https://docs.docker.com/build/building/secrets/",
      "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
    ],
  },
  messages: {
    env: "ENV {name} bakes a secret into the image: anyone who can pull it can read it with docker inspect",
    arg: "ARG {name} passes a secret at build time: build arguments are kept in the image history",
  },
  check({ project, report }) {
    const { artifacts } = project;
    for (const dockerfile of artifacts.dockerfiles()) {
      // Only the shipped stages keep their ENV; a build stage's ENV stays in the build cache.
      const shipped = new Set(finalChain(dockerfile));
      const instructions = [
        ...dockerfile.globalArgs,
        ...dockerfile.stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === "ARG" || shipped.has(stage))),
      ];
      for (const instruction of instructions) {
        if (instruction.keyword !== "ENV" && instruction.keyword !== "ARG") continue;
        for (const variable of instruction.variables ?? []) {
          const value = variable.value ?? "";
          // A secret-sounding name over a value that is plainly none (an upstream URL, a path) bakes nothing.
          const secretByName = isSecretName(variable.name) && !(value !== "" && isNotASecretValue(value));
          const secretUrl = CREDENTIAL_URLS.has(variable.name) && (instruction.keyword === "ARG" || URL_WITH_PASSWORD.test(value));
          if (!secretByName && !secretUrl && !URL_WITH_PASSWORD.test(value)) continue;
          const place = { file: dockerfile.path, line: variable.line };
          // A vendor's published test key unlocks nothing: worth knowing, not an error.
          const demo = isPublicDemoValue(value) ? { severity: "info" as const } : {};
          if (instruction.keyword === "ENV") {
            if (value !== "") report("env", place, { name: variable.name }, demo);
          } else report("arg", place, { name: variable.name }, value !== "" && !value.startsWith("$") ? {} : { severity: "warning" });
        }
      }
    }
  },
});
