import { ruleTester } from "../tester.js";
import rule from "./CI110-dockerfile-secret-baked.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires(
  "ENV SECRET_KEY and a DATABASE_URL with a password",
  {
    files: {
      ...SETTINGS,
      Dockerfile:
        "FROM python:3.12.12-slim\nENV DEBUG=0 \\\n    SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1\nENV DATABASE_URL=postgres://app:pw@db/app\n",
    },
  },
  { file: "Dockerfile", line: 3, messageId: "env", message: /ENV SECRET_KEY/ },
  { line: 4, messageId: "env", message: /ENV DATABASE_URL/ },
);
t.fires(
  "an ARG that carries the key",
  {
    files: {
      ...SETTINGS,
      Dockerfile:
        "FROM python:3.12.12-slim\nARG DJANGO_SECRET_KEY\nRUN DJANGO_SECRET_KEY=$DJANGO_SECRET_KEY python manage.py collectstatic\n",
    },
  },
  { line: 2, messageId: "arg", severity: "warning" },
);
t.fires(
  "ENV copied from an ARG is baked too",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nARG KEY\nENV SECRET_KEY=$KEY\n" } },
  { line: 3, messageId: "env" },
);
t.quiet("an inline throwaway key for collectstatic", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nRUN SECRET_KEY=build python manage.py collectstatic --noinput\n" },
});
t.quiet("a DATABASE_URL without credentials", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nENV DATABASE_URL=sqlite:////data/db.sqlite3\n" },
});
t.quiet("ENV in a build stage that is not shipped", {
  files: {
    ...SETTINGS,
    Dockerfile:
      "FROM python:3.12.12-slim AS build\nENV SECRET_KEY=collectstatic-only\n\nFROM python:3.12.12-slim\nCOPY --from=build /app /app\n",
  },
});
t.quiet("an upstream URL under a *_PASS name", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\nENV BACKEND_PASS=http://app:8000\nUSER 10001\n" },
});
t.fires(
  "a published test key is info",
  {
    files: {
      ...SETTINGS,
      Dockerfile: "FROM python:3.12.12-slim\nENV HCAPTCHA_SECRET=0x0000000000000000000000000000000000000000\nUSER 10001\n",
    },
  },
  { line: 2, severity: "info" },
);
