import { ruleTester } from "../tester.js";
import rule from "./CI108-dockerfile-copies-secrets.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const ENV = "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\n";
const t = ruleTester(rule);

t.fires(
  "COPY . . without .dockerignore",
  { files: { ...SETTINGS, ".env": ENV, Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n" } },
  { file: "Dockerfile", line: 2, messageId: "context", message: /puts \.env into the image: there is no \.dockerignore/ },
);
t.fires(
  "a .dockerignore that only excludes the root .env",
  {
    files: {
      ...SETTINGS,
      ".env": ENV,
      "deploy/prod.env": ENV,
      Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n",
      ".dockerignore": ".env\n*.env\n",
    },
  },
  { line: 2, message: /deploy\/prod\.env into the image: \.dockerignore does not exclude it/ },
);
t.fires(
  "COPY .env explicitly",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY .env /app/.env\n", ".dockerignore": ".git\n" } },
  { line: 2, messageId: "explicit" },
);
t.fires(
  "a private key in the context",
  { files: { ...SETTINGS, "certs/server.key": "-----BEGIN PRIVATE KEY-----\n", Dockerfile: "FROM python:3.12.12-slim\nCOPY ./ /app/\n" } },
  { line: 2, message: /certs\/server\.key/ },
);
t.quiet("excluded by **/.env*", {
  files: {
    ...SETTINGS,
    ".env": ENV,
    "deploy/prod.env": ENV,
    Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n",
    ".dockerignore": "**/.env*\n**/*.env\n",
  },
});
t.quiet("excluded, with an exception for the example", {
  files: {
    ...SETTINGS,
    ".env": ENV,
    ".env.example": "SECRET_KEY=change-me\n",
    Dockerfile: "FROM python:3.12.12-slim\nCOPY . .\n",
    ".dockerignore": ".env*\n!.env.example\n",
  },
});
t.quiet("a build stage not shipped", {
  files: {
    ...SETTINGS,
    ".env": ENV,
    Dockerfile: "FROM python:3.12.12-slim AS test\nCOPY . .\n\nFROM python:3.12.12-slim\nCOPY mysite /app/mysite\n",
  },
});
