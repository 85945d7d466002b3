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
