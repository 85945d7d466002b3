import { ruleTester } from "../tester.js";
import rule from "./CI107-dockerignore-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "COPY . .",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\n" } },
  { file: "Dockerfile", line: 3, messageId: "missing" },
);
t.fires(
  "ADD . in a subfolder's context",
  { files: { ...SETTINGS, "backend/Dockerfile": "FROM python:3.12.12-slim\nADD . /srv\n", ".dockerignore": ".git\n" } },
  { file: "backend/Dockerfile", line: 2, message: /backend has no \.dockerignore/ },
);
t.quiet("a .dockerignore beside it", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n", ".dockerignore": ".git\n.env\n" },
});
t.quiet("a Dockerfile-specific ignore file", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n", "Dockerfile.dockerignore": ".env\n" },
});
t.quiet("copies named paths only", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY requirements.txt /tmp/\nCOPY mysite /app/mysite\n" },
});

// The .dockerignore that counts is at the root of the context the image is built with.
const NESTED = { ...SETTINGS, "docker/Dockerfile": "FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\n" };
t.quiet("compose builds from the root, where the .dockerignore is", {
  files: {
    ...NESTED,
    ".dockerignore": ".git\n.env\n",
    "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n",
  },
});
t.fires(
  "compose builds from the root; the .dockerignore beside the Dockerfile does not apply",
  {
    files: {
      ...NESTED,
      "docker/.dockerignore": ".git\n",
      "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n",
    },
  },
  { file: "docker/Dockerfile", line: 3, message: /the project root has no \.dockerignore/ },
);
t.quiet("a workflow's context: and file:", {
  files: {
    ...NESTED,
    ".dockerignore": ".git\n",
    ".github/workflows/image.yml":
      "on: [push]\njobs:\n  image:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: ./docker/Dockerfile\n",
  },
});
t.quiet("docker build -f with the root as the path", {
  files: {
    ...NESTED,
    ".dockerignore": ".git\n",
    ".gitlab-ci.yml": "docker-image:\n  script:\n    - docker build -t app -f docker/Dockerfile .\n",
  },
});
t.fires(
  "docker build with a subfolder as the path",
  {
    files: {
      ...SETTINGS,
      Dockerfile: "FROM python:3.12.12-slim\nCOPY . /app\n",
      ".dockerignore": ".git\n",
      ".gitlab-ci.yml": "docker-image:\n  script:\n    - docker build -t app -f Dockerfile src\n",
    },
  },
  { file: "Dockerfile", message: /src has no \.dockerignore/ },
);

// Build contexts from Makefiles and from what the Dockerfile copies by name.
t.quiet("a Makefile target builds it from the root, where the .dockerignore is (kuma)", {
  files: {
    ...SETTINGS,
    ".dockerignore": ".git\n.env\n",
    "docker/images/app/Dockerfile": "FROM python:3.12.12-slim\nCOPY . /app\n",
    Makefile: "build-app:\n\tdocker build --build-arg REV=$(REV) \\\n\t-f docker/images/app/Dockerfile -t example/app .\n",
  },
});
t.quiet("named sources only the root holds: built from the root (taiga-back)", {
  files: {
    ...SETTINGS,
    ".dockerignore": ".git\n.env\n",
    "requirements.txt": "django\n",
    "docker/Dockerfile": "FROM python:3.12.12-slim\nCOPY requirements.txt ./\nCOPY . /app\n",
    "docker/entrypoint.sh": "#!/bin/sh\nexec gunicorn mysite.wsgi\n",
  },
});
t.fires(
  "named sources beside the Dockerfile: its own folder is the context",
  {
    files: {
      ...SETTINGS,
      ".dockerignore": ".git\n.env\n",
      "requirements.txt": "django\n",
      "docker/requirements.txt": "django\n",
      "docker/Dockerfile": "FROM python:3.12.12-slim\nCOPY requirements.txt ./\nCOPY . /app\n",
    },
  },
  { file: "docker/Dockerfile", line: 3 },
);
