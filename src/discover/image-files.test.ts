import assert from "node:assert/strict";
import { test } from "node:test";
import { imageFilesOf } from "./image-files.js";

const repository = new Set(["requirements.txt", "docker/config.py", "docker/Dockerfile", "settings/common.py", "deploy/local.py"]);
const has = (path: string) => repository.has(path);

test("a cp after COPY . of the context puts a file at the repository's layout", () => {
  const dockerfile = [
    "FROM python:3.11-slim",
    "WORKDIR /srv",
    "COPY requirements.txt ./",
    "COPY . /srv",
    "RUN set -eux; cp docker/config.py settings/config.py; python manage.py collectstatic --no-input",
    "ENV DJANGO_SETTINGS_MODULE=settings.config",
  ].join("\n");
  assert.deepEqual(imageFilesOf("docker/Dockerfile", dockerfile, has), [
    { path: "settings/config.py", source: "docker/config.py", dockerfile: "docker/Dockerfile", line: 5 },
  ]);
});

test("COPY of one file under the copied context, into a folder or onto a name", () => {
  const dockerfile = [
    "FROM python:3.11-slim",
    "COPY . /app/",
    "COPY deploy/local.py /app/settings/",
    "COPY docker/config.py /app/settings/production.py",
  ].join("\n");
  assert.deepEqual(
    imageFilesOf("Dockerfile", dockerfile, has).map((f) => `${f.path}<-${f.source}:${f.line}`),
    ["settings/local.py<-deploy/local.py:3", "settings/production.py<-docker/config.py:4"],
  );
});

test("nothing is placed without the context copied, from another stage, or from a file the repository lacks", () => {
  const dockerfile = [
    "FROM python:3.11-slim AS build",
    "COPY . /app",
    "FROM python:3.11-slim",
    "COPY --from=build /app /app",
    "COPY docker/config.py /etc/app/config.py",
    "RUN cp docker/missing.py settings/config.py",
  ].join("\n");
  assert.deepEqual(imageFilesOf("Dockerfile", dockerfile, has), []);
});
