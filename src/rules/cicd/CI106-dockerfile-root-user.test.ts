import { ruleTester } from "../tester.js";
import rule from "./CI106-dockerfile-root-user.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "no USER",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nCOPY . /app\nCMD gunicorn mysite.wsgi\n" } },
  { file: "Dockerfile", line: 1, messageId: "noUser", message: /python:3\.12\.12-slim/ },
);
t.fires(
  "USER root last",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nUSER app\nRUN echo\nUSER root\nCMD gunicorn mysite.wsgi\n" } },
  { line: 4, messageId: "rootUser" },
);
t.fires(
  "a USER in a build stage does not carry over to an unrelated final stage",
  {
    files: {
      ...SETTINGS,
      Dockerfile: "FROM python:3.12.12-slim AS build\nUSER app\n\nFROM python:3.12.12-slim\nCOPY --from=build /app /app\n",
    },
  },
  { line: 4, messageId: "noUser" },
);
t.quiet("USER app", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nRUN useradd app\nUSER app:app\n" } });
t.quiet("USER inherited from the stage it is built FROM", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim AS base\nUSER 10001\n\nFROM base AS runtime\nCMD gunicorn mysite.wsgi\n" },
});
t.quiet("an entrypoint that drops privileges", {
  files: { ...SETTINGS, Dockerfile: 'FROM python:3.12.12-slim\nENTRYPOINT ["gosu", "app", "gunicorn", "mysite.wsgi"]\n' },
});
t.quiet("a distroless nonroot base", { files: { ...SETTINGS, Dockerfile: "FROM gcr.io/distroless/python3-debian12:nonroot\n" } });
