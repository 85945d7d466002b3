import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { composeVariant, mergeComposeFiles, parseCompose } from "./parse.js";

const BASE = `x-app: &app
  image: ghcr.io/me/app:1.0
  restart: unless-stopped
  env_file: [.env]
  environment: &env
    DJANGO_SETTINGS_MODULE: mysite.prod

services:
  web:
    <<: *app
    command: ["gunicorn", "mysite.wsgi"]
    environment:
      <<: *env
      WEB_CONCURRENCY: "4"
    deploy:
      replicas: 3
      resources:
        limits: {memory: 512M}
    volumes:
      - static:/app/staticfiles
      - ./media:/app/media:ro
      - type: tmpfs
        target: /tmp
    ports: ["127.0.0.1:8000:8000"]
    healthcheck:
      test: curl -f http://localhost:8000/healthz
    depends_on:
      db: {condition: service_healthy}
    profiles: [prod]
  worker:
    <<: *app
    command: celery -A mysite worker
    environment: [CELERY_BROKER_URL=redis://redis:6379/0, PASSTHROUGH]
    scale: 2
  db:
    image: postgres:17
volumes:
  static:
`;

describe("compose", () => {
  const file = parseCompose("compose.yaml", BASE);
  const web = file.services.find((s) => s.name === "web");
  const worker = file.services.find((s) => s.name === "worker");
  test("merge keys and anchors, with the lines of the anchor", () => {
    assert.deepEqual(file.problems, []);
    assert.deepEqual([web?.image?.value, web?.image?.line, web?.restart?.value], ["ghcr.io/me/app:1.0", 2, "unless-stopped"]);
    assert.deepEqual(
      web?.environment.map((e) => [e.key, e.value, e.line]),
      [
        ["WEB_CONCURRENCY", "4", 14],
        ["DJANGO_SETTINGS_MODULE", "mysite.prod", 6],
      ],
    );
    assert.deepEqual(
      web?.envFiles.map((e) => e.value),
      [".env"],
    );
  });
  test("typed fields", () => {
    assert.deepEqual(web?.command, { form: "exec", words: ["gunicorn", "mysite.wsgi"], file: "compose.yaml", line: 11 });
    assert.deepEqual([web?.replicas?.value, web?.replicas?.line, web?.limits?.memory], [3, 16, "512M"]);
    assert.deepEqual(
      web?.volumes.map((v) => [v.type, v.source, v.target, v.readOnly]),
      [
        ["volume", "static", "/app/staticfiles", false],
        ["bind", "./media", "/app/media", true],
        ["tmpfs", null, "/tmp", false],
      ],
    );
    assert.deepEqual(
      web?.ports.map((p) => [p.published, p.target]),
      [["8000", "8000"]],
    );
    assert.deepEqual(web?.healthcheck?.test, ["CMD-SHELL", "curl -f http://localhost:8000/healthz"]);
    assert.deepEqual(
      web?.dependsOn.map((d) => [d.name, d.condition]),
      [["db", "service_healthy"]],
    );
    assert.deepEqual(web?.profiles, ["prod"]);
    assert.deepEqual([worker?.command?.form, worker?.replicas?.value], ["shell", 2]);
    assert.deepEqual(
      worker?.environment.map((e) => [e.key, e.value]),
      [
        ["CELERY_BROKER_URL", "redis://redis:6379/0"],
        ["PASSTHROUGH", null],
      ],
    );
    assert.deepEqual(file.volumes, ["static"]);
  });
  test("override files merge like docker compose -f a -f b", () => {
    const override = parseCompose(
      "compose.override.yaml",
      "services:\n  web:\n    command: python manage.py runserver\n    environment:\n      DEBUG: '1'\n    volumes:\n      - .:/app/staticfiles\n",
    );
    const merged = mergeComposeFiles([file, override]).find((s) => s.name === "web");
    assert.deepEqual(
      [merged?.command?.words, merged?.command?.file, merged?.replicas?.value],
      [["python manage.py runserver"], "compose.override.yaml", 3],
    );
    assert.deepEqual(merged?.environment.map((e) => e.key).sort(), ["DEBUG", "DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"]);
    assert.equal(merged?.volumes.find((v) => v.target === "/app/staticfiles")?.type, "bind");
  });
  test("variants by name", () => {
    assert.deepEqual(composeVariant("docker-compose.yml"), { base: true, override: false, variant: null });
    assert.deepEqual(composeVariant("deploy/compose.prod.yaml"), { base: false, override: false, variant: "prod" });
    assert.deepEqual(composeVariant("compose.override.yml"), { base: false, override: true, variant: null });
  });
  test("malformed files give problems with lines", () => {
    const bad = parseCompose("compose.yaml", "services:\n  web:\n    image: [unclosed\n");
    assert.ok(bad.problems.length > 0 && (bad.problems[0]?.line ?? 0) >= 3);
    assert.deepEqual(
      parseCompose("compose.yaml", "services:\n  web: nope\n").problems.map((p) => p.line),
      [2],
    );
  });
});
