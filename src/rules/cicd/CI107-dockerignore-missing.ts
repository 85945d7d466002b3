import { contextCopies } from "../../artifacts/dockerfile/parse.js";
import { buildContextsOf, copiesWholeContext, dockerignoreFor } from "../../model/images.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "CI107",
  slug: "dockerignore-missing",
  area: "cicd",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "A Dockerfile copies the whole build context (COPY . .) and there is no .dockerignore at the root of the context it is built with (compose build.context, a CI step's context:, the docker build path; the Dockerfile's folder when none is given).",
    why: "Everything in the folder goes into the image: .git with the whole history, .env files with secrets, local SQLite databases, media uploads, virtualenvs and caches. Anyone who can pull the image can read them, and every build is slower and invalidates the cache on any change.",
    fix: "Add a .dockerignore at the root of the build context that excludes at least .git, .env and .env.*, *.sqlite3, media/, venv/.venv, __pycache__ and node_modules.",
    bad: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\n" },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\n",
      ".dockerignore": ".git\n.env\n.env.*\n*.sqlite3\nmedia/\n",
    },
    references: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"],
  },
  messages: {
    missing: "{dockerfile} copies the whole build context ({copy}) and {context} has no .dockerignore",
  },
  check({ project, report }) {
    const { artifacts } = project;
    for (const dockerfile of artifacts.dockerfiles()) {
      // Docker reads .dockerignore from the root of the context, wherever the Dockerfile is.
      const context = buildContextsOf(artifacts, dockerfile.path).find((c) => !dockerignoreFor(artifacts, dockerfile.path, c));
      if (context === undefined) continue;
      for (const stage of dockerfile.stages) {
        const copy = contextCopies([stage]).find((c) => copiesWholeContext(c.sources))?.instruction;
        if (!copy) continue;
        report(
          "missing",
          { file: dockerfile.path, line: copy.line },
          { dockerfile: dockerfile.path, copy: `${copy.keyword} ${copy.text.trim()}`, context: context || "the project root" },
        );
        break;
      }
    }
  },
});
