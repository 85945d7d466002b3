import { posix } from "node:path";
import { copyArgs, type DockerfileModel, type DockerStage } from "../../artifacts/dockerfile/parse.js";
import { dockerignoreCheck } from "../../artifacts/gitignore/parse.js";
import { buildContextsOf, copiesWholeContext, dockerignoreFor, finalChain, inContext } from "../../model/images.js";
import { defineRule } from "../define.js";

/** Files that hold secrets by their name: .env files, private keys, credential stores. */
const SECRET_FILE =
  /^(\.env|\.env\.[\w.-]+|[\w.-]+\.env|id_(rsa|dsa|ecdsa|ed25519)|[\w.-]+\.(pem|key|p12|pfx)|\.netrc|\.pypirc|\.git-credentials|credentials\.json|service[-_]account[\w.-]*\.json|secrets?\.(json|ya?ml|toml))$/i;
const TEMPLATE = /(^|[._-])(example|sample|template|dist|tpl)([._-]|$)/i;

function isSecretFile(path: string): boolean {
  const name = posix.basename(path);
  return SECRET_FILE.test(name) && !TEMPLATE.test(name.replace(/^\.env/, ""));
}

/** The stages whose files end up in the shipped image: the final chain and what it copies --from. */
function shippedStages(model: DockerfileModel): DockerStage[] {
  const shipped = finalChain(model);
  for (let i = 0; i < shipped.length; i++) {
    for (const instruction of (shipped[i] as DockerStage).instructions) {
      const from = instruction.keyword === "COPY" ? instruction.flags?.from : undefined;
      const source = from ? model.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase()) : undefined;
      if (source && !shipped.includes(source))
        shipped.push(...finalChain({ ...model, stages: model.stages.slice(0, model.stages.indexOf(source) + 1) }));
    }
  }
  return [...new Set(shipped)];
}

export default defineRule({
  code: "CI108",
  slug: "dockerfile-copies-secrets",
  area: "cicd",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "The image gets a .env file or another secret file: COPY .env explicitly, or COPY . . while .dockerignore does not exclude a .env, private key or credentials file in the build context.",
    why: "Files in an image are readable by anyone who can pull it, from any registry it is pushed to, in every layer even if a later step deletes them. The production secrets then live as long as the image does.",
    fix: "Exclude secret files in .dockerignore (.env, .env.*, *.pem, *.key) and pass secrets at run time as environment variables, or at build time with RUN --mount=type=secret.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\n",
      ".env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\n",
      ".env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\n",
      ".dockerignore": ".git\n.env\n.env.*\n",
    },
    references: ["https://docs.docker.com/build/building/secrets/", "https://docs.docker.com/build/concepts/context/#dockerignore-files"],
  },
  messages: {
    explicit: "{copy} puts {file} into the image",
    context: "{copy} puts {files} into the image: {reason}",
  },
  check({ project, report }) {
    const { artifacts } = project;
    for (const dockerfile of artifacts.dockerfiles()) {
      const contexts = buildContextsOf(artifacts, dockerfile.path);
      // The context that leaks most: one without a .dockerignore if the Dockerfile is built with one.
      const context = contexts.find((c) => !dockerignoreFor(artifacts, dockerfile.path, c)) ?? (contexts[0] as string);
      const ignore = dockerignoreFor(artifacts, dockerfile.path, context);
      for (const stage of shippedStages(dockerfile)) {
        for (const instruction of stage.instructions) {
          if ((instruction.keyword !== "COPY" && instruction.keyword !== "ADD") || instruction.flags?.from) continue;
          const { sources } = copyArgs(instruction.args);
          const copy = `${instruction.keyword} ${instruction.text.trim()}`;
          const place = { file: dockerfile.path, line: instruction.line };
          const explicit = sources.find((source) => !source.includes("*") && isSecretFile(source));
          if (explicit) {
            report("explicit", place, { copy, file: explicit });
            continue;
          }
          if (!copiesWholeContext(sources)) continue;
          const leaked = artifacts.workspace.allFiles.filter((path) => {
            const relative = inContext(context, path);
            if (relative === undefined || !isSecretFile(path)) return false;
            return !ignore || !dockerignoreCheck(ignore, relative).ignored;
          });
          if (leaked.length === 0) continue;
          const reason = ignore ? `${ignore.path} does not exclude ${leaked.length > 1 ? "them" : "it"}` : "there is no .dockerignore";
          report("context", place, { copy, files: leaked.join(", "), reason });
        }
      }
    }
  },
});
